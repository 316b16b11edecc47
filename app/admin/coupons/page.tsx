import type { Metadata } from "next";
import Link from "next/link";
import { AdminPageHeader, DataTable, EmptyState, Pagination, buttonClass } from "@/components/admin/ui";
import { requireAdminPage } from "@/lib/auth/guard";
import { listCoupons } from "@/lib/coupons/admin/read";
import { prisma } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { CouponStateBadge, SCOPE_LABELS, discountLabel, windowLabel } from "./_components/coupon-display";
import { ToggleCouponActive } from "./_components/toggle-active";

export const metadata: Metadata = { title: "Coupons" };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? "") : (value ?? ""));

function href(q: string, page: number): string {
  const search = new URLSearchParams();
  if (q) search.set("q", q);
  if (page > 1) search.set("page", String(page));
  const query = search.toString();
  return query ? `/admin/coupons?${query}` : "/admin/coupons";
}

export default async function AdminCouponsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdminPage("STAFF", "/admin/coupons");
  const params = await searchParams;
  const q = first(params.q).trim().slice(0, 64);
  const pageNumber = Number(first(params.page));
  const page = Number.isSafeInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 100_000 ? pageNumber : 1;
  const list = await listCoupons(prisma, { search: q, page });

  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Coupons"
        description="Discount codes shoppers enter at checkout. A use counts when its order is paid."
        actions={
          <Link href="/admin/coupons/new" className={buttonClass.primary}>
            New coupon
          </Link>
        }
      />

      <form method="get" action="/admin/coupons" role="search" className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-56 flex-1 flex-col gap-1 text-sm">
          <span className="font-medium">Search</span>
          <input
            type="search"
            name="q"
            defaultValue={q}
            maxLength={64}
            placeholder="Code or description"
            className="rounded-md border border-zinc-300 px-3 py-2 focus-visible:outline-2 focus-visible:outline-offset-1"
          />
        </label>
        <button type="submit" className={buttonClass.secondary}>
          Search
        </button>
        {q ? (
          <Link
            href="/admin/coupons"
            className="px-2 py-2 text-sm font-medium text-zinc-700 underline underline-offset-2 hover:text-zinc-900"
          >
            Clear
          </Link>
        ) : null}
      </form>

      {list.rows.length === 0 ? (
        list.total > 0 ? (
          <EmptyState title="This page is past the end of the list">
            <Link href={href(q, 1)} className="font-medium underline underline-offset-2">
              Go to the first page
            </Link>
          </EmptyState>
        ) : q ? (
          <EmptyState title="No coupons match">Try another code.</EmptyState>
        ) : (
          <EmptyState title="No coupons yet">
            <Link href="/admin/coupons/new" className="font-medium underline underline-offset-2">
              Create the first coupon
            </Link>
          </EmptyState>
        )
      ) : (
        <DataTable caption={`Coupons, page ${list.page} of ${list.pageCount}`}>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Discount</th>
              <th scope="col">Applies to</th>
              <th scope="col">Valid</th>
              <th scope="col" className="text-right">
                Uses (paid)
              </th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((coupon) => (
              <tr key={coupon.id}>
                <th scope="row" className="font-normal">
                  <Link
                    href={`/admin/coupons/${encodeURIComponent(coupon.id)}`}
                    className="font-mono font-semibold underline-offset-2 hover:underline focus-visible:outline-2"
                  >
                    {coupon.code}
                  </Link>
                  {coupon.description ? <div className="text-xs text-zinc-600">{coupon.description}</div> : null}
                </th>
                <td>
                  {discountLabel(coupon)}
                  {coupon.minSubtotalCents > 0 ? (
                    <div className="text-xs text-zinc-600">
                      over {formatMoney(coupon.minSubtotalCents, coupon.currency)}
                    </div>
                  ) : null}
                </td>
                <td>{SCOPE_LABELS[coupon.scope]}</td>
                <td className="text-xs">{windowLabel(coupon.startsAt, coupon.endsAt)}</td>
                <td className="text-right tabular-nums">
                  {coupon.redemptions}
                  {coupon.usageLimit !== null ? <span className="text-zinc-500"> / {coupon.usageLimit}</span> : null}
                  {coupon.pending > 0 ? (
                    <div className="text-xs text-zinc-600">+{coupon.pending} awaiting payment</div>
                  ) : null}
                  {coupon.perCustomerLimit !== null ? (
                    <div className="text-xs text-zinc-600">{coupon.perCustomerLimit} per customer</div>
                  ) : null}
                </td>
                <td>
                  <CouponStateBadge state={coupon.state} />
                </td>
                <td>
                  <div className="flex items-center gap-3">
                    <Link
                      href={`/admin/coupons/${encodeURIComponent(coupon.id)}`}
                      className="text-sm font-medium underline underline-offset-2"
                    >
                      Edit<span className="sr-only"> {coupon.code}</span>
                    </Link>
                    <ToggleCouponActive couponId={coupon.id} code={coupon.code} active={coupon.active} compact />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}

      <Pagination page={list.page} pageCount={list.pageCount} hrefFor={(target) => href(q, target)} />
    </div>
  );
}
