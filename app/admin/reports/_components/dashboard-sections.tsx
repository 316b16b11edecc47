// The dashboard's sections, each an async server component that runs its own query, so the page streams
// every one in its own Suspense boundary (a slow search engine never holds up the sales figures).
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, Card, DataTable, EmptyState, TableHead, NumberCell } from "@/components/admin/ui";
import { prisma } from "@/lib/db";
import { countLowStockVariants, lowStockVariants } from "@/lib/inventory/low-stock";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { cartConversion } from "@/lib/reports/conversion";
import { awaitingFulfilment } from "@/lib/reports/fulfilment";
import { salesSeries } from "@/lib/reports/sales";
import { dashboardSearchHealth } from "@/lib/reports/search-health";
import { topProducts, type TopProduct } from "@/lib/reports/top-products";
import { SalesChart } from "./sales-chart";

export interface Period {
  now: Date;
  days: number;
  currency: string;
  timeZone: string;
}

function Kpi({ label, value, detail }: { label: string; value: string; detail?: ReactNode }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm">
      <dt className="text-sm font-medium text-zinc-600">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums tracking-tight">{value}</dd>
      {detail ? <dd className="mt-1 text-xs text-zinc-600">{detail}</dd> : null}
    </div>
  );
}

function percent(rate: number | null): string {
  return rate === null
    ? "—"
    : new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

export async function SalesOverview({ period }: { period: Period }) {
  const formatMoney = await getStoreMoneyFormatter();
  const [sales, conversion] = await Promise.all([salesSeries(prisma, period), cartConversion(prisma, period)]);
  const { totals, currency } = sales;
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Kpi
          label="Net revenue"
          value={formatMoney(totals.netCents, currency)}
          detail={`${formatMoney(totals.grossCents, currency)} paid − ${formatMoney(totals.refundedCents, currency)} refunded`}
        />
        <Kpi
          label="Paid orders"
          value={totals.orders.toLocaleString("en-US")}
          detail={`in ${currency}, by day of payment`}
        />
        <Kpi
          label="Average order value"
          value={formatMoney(totals.averageOrderValueCents, currency)}
          detail="paid total ÷ orders, before refunds"
        />
        <Kpi
          label="Cart conversion"
          value={percent(conversion.rate)}
          detail={`${conversion.cartsConverted.toLocaleString("en-US")} of ${conversion.cartsCreated.toLocaleString("en-US")} new carts led to a paid order`}
        />
      </dl>
      <Card title="Revenue and orders per day">
        <SalesChart days={sales.days} currency={currency} />
      </Card>
    </div>
  );
}

async function ProductTable({
  caption,
  products,
  currency,
}: {
  caption: string;
  products: TopProduct[];
  currency: string;
}) {
  const formatMoney = await getStoreMoneyFormatter();
  return (
    <DataTable caption={caption}>
      <TableHead columns={["Product", { label: "Units", numeric: true }, { label: "Revenue", numeric: true }]} />
      <tbody>
        {products.map((product) => (
          <tr key={product.productId ?? `gone:${product.title}`}>
            <td>
              {product.productId ? (
                <Link className="underline-offset-2 hover:underline" href={`/admin/products/${product.productId}`}>
                  {product.title}
                </Link>
              ) : (
                <span>
                  {product.title} <Badge>deleted</Badge>
                </span>
              )}
            </td>
            <NumberCell>{product.units.toLocaleString("en-US")}</NumberCell>
            <NumberCell>{formatMoney(product.revenueCents, currency)}</NumberCell>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export async function TopProductsCard({ period }: { period: Period }) {
  const top = await topProducts(prisma, { ...period, limit: 5 });
  return (
    <Card title="Top products">
      {top.byUnits.length === 0 ? (
        <EmptyState title="No sales yet in this period" />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="flex flex-col gap-2">
            <h3 className="text-sm font-semibold text-zinc-700">By units sold</h3>
            <ProductTable caption="Top products by units sold" products={top.byUnits} currency={top.currency} />
          </div>
          <div className="flex flex-col gap-2">
            <h3 className="text-sm font-semibold text-zinc-700">By revenue</h3>
            <ProductTable caption="Top products by revenue" products={top.byRevenue} currency={top.currency} />
          </div>
        </div>
      )}
      <p className="mt-2 text-xs text-zinc-500">Revenue here is goods after discounts, before tax and shipping.</p>
    </Card>
  );
}

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export async function AwaitingFulfilmentCard() {
  const formatMoney = await getStoreMoneyFormatter();
  const awaiting = await awaitingFulfilment(prisma, 8);
  return (
    <Card
      title={`Awaiting fulfilment (${awaiting.count})`}
      actions={
        <div className="flex flex-wrap gap-3">
          {awaiting.held > 0 ? (
            <Link
              href="/admin/orders?fraud=1"
              className="text-sm font-medium text-red-700 underline-offset-2 hover:underline"
            >
              {awaiting.held} held for fraud review
            </Link>
          ) : null}
          <Link href="/admin/orders?status=PAID" className="text-sm underline-offset-2 hover:underline">
            All paid orders
          </Link>
        </div>
      }
    >
      {awaiting.orders.length === 0 ? (
        <EmptyState title="Nothing to ship">Every paid order has been fulfilled.</EmptyState>
      ) : (
        <DataTable caption="Oldest paid orders waiting to ship">
          <TableHead
            columns={["Order", "Paid (UTC)", { label: "To ship", numeric: true }, { label: "Total", numeric: true }]}
          />
          <tbody>
            {awaiting.orders.map((order) => (
              <tr key={order.id}>
                <td>
                  <Link className="font-medium underline-offset-2 hover:underline" href={`/admin/orders/${order.id}`}>
                    #{order.number}
                  </Link>{" "}
                  {order.status === "PARTIALLY_FULFILLED" ? <Badge tone="info">partly shipped</Badge> : null}{" "}
                  {order.fraudReview ? <Badge tone="bad">held for review</Badge> : null}
                  <div className="text-xs text-zinc-600">{order.email}</div>
                </td>
                <td className="text-sm">{order.paidAt ? dateTime.format(order.paidAt) : "—"}</td>
                <NumberCell>{order.unitsToShip}</NumberCell>
                <NumberCell>{formatMoney(order.totalCents, order.currency)}</NumberCell>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Card>
  );
}

export async function LowStockCard({ now }: { now: Date }) {
  const [variants, count] = await Promise.all([lowStockVariants(prisma, 8, now), countLowStockVariants(prisma, now)]);
  return (
    <Card
      title={`Low stock (${count})`}
      actions={
        <Link href="/admin/inventory?low=1" className="text-sm underline-offset-2 hover:underline">
          All low stock
        </Link>
      }
    >
      {variants.length === 0 ? (
        <EmptyState title="Stock looks healthy">No variant is at or below its low-stock threshold.</EmptyState>
      ) : (
        <DataTable caption="Variants at or below their low-stock threshold, lowest first">
          <TableHead columns={["Variant", { label: "Available", numeric: true }]} />
          <tbody>
            {variants.map((variant) => (
              <tr key={variant.variantId}>
                <td>
                  <Link
                    className="font-medium underline-offset-2 hover:underline"
                    href={`/admin/inventory/${variant.variantId}`}
                  >
                    {variant.productTitle}
                  </Link>
                  <div className="text-xs text-zinc-600">
                    {variant.variantTitle} · <span className="font-mono">{variant.sku}</span>
                  </div>
                </td>
                <NumberCell>
                  {variant.available === 0 ? (
                    <Badge tone="bad">Sold out</Badge>
                  ) : (
                    <Badge tone="warn">{variant.available}</Badge>
                  )}
                  <div className="text-xs text-zinc-500">alert at {variant.lowStockThreshold}</div>
                </NumberCell>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Card>
  );
}

function ago(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

export async function SearchHealthCard({ now }: { now: Date }) {
  const health = await dashboardSearchHealth(prisma, undefined, now);
  const status = !health.configured
    ? { tone: "neutral" as const, label: "Not configured" }
    : !health.engineReachable
      ? { tone: "bad" as const, label: "Unreachable" }
      : health.inSync
        ? { tone: "good" as const, label: "In sync" }
        : { tone: "warn" as const, label: "Catching up" };
  return (
    <Card title="Search engine" actions={<Badge tone={status.tone}>{status.label}</Badge>}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-zinc-600">Meilisearch</dt>
        <dd>
          {health.engineReachable
            ? "reachable"
            : health.configured
              ? "not reachable: searches use the PostgreSQL fallback"
              : "MEILI_HOST is not set"}
          {!health.engineReachable && health.configured && health.engineError ? (
            <span className="block truncate text-xs text-zinc-500" title={health.engineError}>
              {health.engineError}
            </span>
          ) : null}
        </dd>
        <dt className="text-zinc-600">Documents</dt>
        <dd className="tabular-nums">
          {health.documents === null ? "—" : health.documents.toLocaleString("en-US")} indexed /{" "}
          {health.activeProducts.toLocaleString("en-US")} active products
        </dd>
        <dt className="text-zinc-600">Updates queued</dt>
        <dd className="tabular-nums">
          {health.outbox.pending.toLocaleString("en-US")} pending
          {health.outbox.oldestPendingAgeSeconds !== null
            ? ` (oldest ${ago(health.outbox.oldestPendingAgeSeconds)})`
            : ""}
          {health.outbox.failed > 0 ? <Badge tone="bad">{`${health.outbox.failed} failed`}</Badge> : null}
        </dd>
        {health.outbox.lastError ? (
          <>
            <dt className="text-zinc-600">Last error</dt>
            <dd className="truncate text-xs text-zinc-600" title={health.outbox.lastError}>
              {health.outbox.lastError}
              {health.outbox.lastErrorAttempts ? ` (after ${health.outbox.lastErrorAttempts} attempts)` : ""}
            </dd>
          </>
        ) : null}
      </dl>
    </Card>
  );
}

export function SectionSkeleton({ height = "h-48", label }: { height?: string; label: string }) {
  return (
    <div
      aria-busy="true"
      className={`animate-pulse rounded-lg border border-zinc-200 bg-white p-4 shadow-sm ${height}`}
    >
      <span className="sr-only">Loading {label}…</span>
      <div className="h-4 w-40 rounded bg-zinc-200" />
      <div className="mt-4 h-3 w-full rounded bg-zinc-100" />
      <div className="mt-2 h-3 w-5/6 rounded bg-zinc-100" />
      <div className="mt-2 h-3 w-2/3 rounded bg-zinc-100" />
    </div>
  );
}

export function SalesSkeleton() {
  return (
    <div aria-busy="true" className="flex flex-col gap-4">
      <span className="sr-only">Loading sales figures…</span>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {[0, 1, 2, 3].map((key) => (
          <div key={key} className="h-24 animate-pulse rounded-lg border border-zinc-200 bg-white p-4">
            <div className="h-3 w-24 rounded bg-zinc-200" />
            <div className="mt-3 h-6 w-32 rounded bg-zinc-200" />
          </div>
        ))}
      </div>
      <div className="h-72 animate-pulse rounded-lg border border-zinc-200 bg-white" />
    </div>
  );
}
