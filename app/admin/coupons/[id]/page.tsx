import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminPageHeader, Card, DataTable, TableHead, NumberCell, ParentLink } from "@/components/admin/ui";
import { FormSuccess } from "@/components/ui/field";
import { auditTrail } from "@/lib/audit/log";
import { requireAdminPage } from "@/lib/auth/guard";
import { categoryOptions } from "@/lib/coupons/admin/pickers";
import { getCoupon } from "@/lib/coupons/admin/read";
import { couponFormValues } from "@/lib/coupons/admin/form-values";
import { prisma } from "@/lib/db";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { CouponForm } from "../_components/coupon-form";
import { CouponStateBadge, discountLabel, formatDateTime } from "../_components/coupon-display";
import { ToggleCouponActive } from "../_components/toggle-active";

export const metadata: Metadata = { title: "Edit coupon" };

const AUDIT_LABELS: Record<string, string> = {
  "coupon.create": "Created",
  "coupon.update": "Edited",
  "coupon.disable": "Disabled",
  "coupon.enable": "Enabled",
};

export default async function EditCouponPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  await requireAdminPage("STAFF", `/admin/coupons/${encodeURIComponent(id)}`);
  const formatMoney = await getStoreMoneyFormatter();
  const [coupon, categories, trail, query] = await Promise.all([
    getCoupon(prisma, id),
    categoryOptions(prisma),
    auditTrail(prisma, "Coupon", id, 20),
    searchParams,
  ]);
  if (!coupon) notFound();

  return (
    <div className="flex flex-col gap-6">
      <ParentLink href="/admin/coupons" label="Coupons" />
      <AdminPageHeader
        title={coupon.code}
        description={`${discountLabel(coupon, formatMoney)} · created ${formatDateTime(coupon.createdAt)}`}
        actions={<ToggleCouponActive couponId={coupon.id} code={coupon.code} active={coupon.active} />}
      />
      {query.created === "1" ? <FormSuccess message={`Coupon ${coupon.code} created.`} /> : null}

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <CouponForm key={coupon.id} couponId={coupon.id} initial={couponFormValues(coupon)} categories={categories} />
        </Card>

        <div className="flex flex-col gap-4">
          <Card title="Usage">
            <dl className="grid grid-cols-2 gap-3 text-sm">
              <div>
                <dt className="text-zinc-600">Status</dt>
                <dd className="mt-1">
                  <CouponStateBadge state={coupon.state} />
                </dd>
              </div>
              <div>
                <dt className="text-zinc-600">Paid uses</dt>
                <dd className="mt-1 text-lg font-semibold tabular-nums">
                  {coupon.redemptions}
                  {coupon.usageLimit !== null ? (
                    <span className="text-sm font-normal text-zinc-500"> of {coupon.usageLimit}</span>
                  ) : null}
                </dd>
              </div>
              <div className="col-span-2">
                <dt className="text-zinc-600">Discount given</dt>
                <dd className="mt-1 font-semibold tabular-nums">
                  {formatMoney(coupon.discountCents, coupon.currency)}
                </dd>
              </div>
            </dl>
          </Card>

          <Card title="Latest paid orders">
            {coupon.recentRedemptions.length === 0 ? (
              <p className="text-sm text-zinc-600">No paid order has used this code yet.</p>
            ) : (
              <DataTable caption="Latest paid orders using this code">
                <TableHead columns={["Order", { label: "Discount", numeric: true }]} />
                <tbody>
                  {coupon.recentRedemptions.map((entry) => (
                    <tr key={entry.orderId}>
                      <td>
                        <Link
                          href={`/admin/orders/${encodeURIComponent(entry.orderId)}`}
                          className="font-medium underline underline-offset-2"
                        >
                          #{entry.orderNumber}
                        </Link>
                        <div className="break-all text-xs text-zinc-600">{entry.email}</div>
                      </td>
                      <NumberCell>{formatMoney(entry.amountCents, coupon.currency)}</NumberCell>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            )}
          </Card>

          <Card title="Changes">
            {trail.length === 0 ? (
              <p className="text-sm text-zinc-600">No changes recorded.</p>
            ) : (
              <ol className="flex flex-col gap-2 text-sm">
                {trail.map((entry) => (
                  <li key={entry.id}>
                    <span className="font-medium">{AUDIT_LABELS[entry.action] ?? entry.action}</span>
                    {entry.action === "coupon.update" ? (
                      <span className="text-zinc-600">
                        {" "}
                        (
                        {Object.keys((entry.data as { changes?: Record<string, unknown> } | null)?.changes ?? {}).join(
                          ", ",
                        ) || "no change"}
                        )
                      </span>
                    ) : null}
                    <div className="text-xs text-zinc-600">
                      {entry.actor?.name ?? entry.actor?.email ?? "Unknown"} · {formatDateTime(entry.createdAt)}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
