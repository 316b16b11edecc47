import type { Metadata } from "next";
import Link from "next/link";
import {
  AdminPageHeader,
  DataTable,
  EmptyState,
  Pagination,
  buttonClass,
  TableHead,
  NumberCell,
} from "@/components/admin/ui";
import { FilterForm, SearchFilter } from "@/components/admin/list-filters";
import { requireAdminPage } from "@/lib/auth/guard";
import { listCoupons } from "@/lib/coupons/admin/read";
import { prisma } from "@/lib/db";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
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
  const formatMoney = await getStoreMoneyFormatter();
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

      <FilterForm action="/admin/coupons" clearable={Boolean(q)} submitLabel="Search" clearLabel="Clear">
        <SearchFilter defaultValue={q} maxLength={64} placeholder="Code or description" />
      </FilterForm>

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
          <TableHead
            columns={[
              "Code",
              "Discount",
              "Applies to",
              "Valid",
              { label: "Uses (paid)", numeric: true },
              "Status",
              { label: "Actions", srOnly: true },
            ]}
          />
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
                  {discountLabel(coupon, formatMoney)}
                  {coupon.minSubtotalCents > 0 ? (
                    <div className="text-xs text-zinc-600">
                      over {formatMoney(coupon.minSubtotalCents, coupon.currency)}
                    </div>
                  ) : null}
                </td>
                <td>{SCOPE_LABELS[coupon.scope]}</td>
                <td className="text-xs">{windowLabel(coupon.startsAt, coupon.endsAt)}</td>
                <NumberCell>
                  {coupon.redemptions}
                  {coupon.usageLimit !== null ? <span className="text-zinc-500"> / {coupon.usageLimit}</span> : null}
                  {coupon.pending > 0 ? (
                    <div className="text-xs text-zinc-600">+{coupon.pending} awaiting payment</div>
                  ) : null}
                  {coupon.perCustomerLimit !== null ? (
                    <div className="text-xs text-zinc-600">{coupon.perCustomerLimit} per customer</div>
                  ) : null}
                </NumberCell>
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
