import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminPageHeader, Badge, Card, DataTable, EmptyState, TableHead, ParentLink } from "@/components/admin/ui";
import { requireAdminPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { adjustmentHistory } from "@/lib/inventory/adjustments";
import { inventoryForVariant, listLocations } from "@/lib/inventory/levels";
import { REASON_LABELS } from "@/lib/inventory/reasons";
import { AdjustStockForm, TransferStockForm } from "../_components/stock-forms";

export const metadata: Metadata = { title: "Variant stock" };

const HISTORY_SIZE = 50;

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function VariantStockPage({ params }: { params: Promise<{ variantId: string }> }) {
  const { variantId } = await params;
  await requireAdminPage("STAFF", `/admin/inventory/${encodeURIComponent(variantId)}`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(variantId)) notFound();
  const [row, locations, history] = await Promise.all([
    inventoryForVariant(prisma, variantId),
    listLocations(prisma),
    adjustmentHistory(prisma, variantId, HISTORY_SIZE),
  ]);
  if (!row) notFound();
  const name = `${row.productTitle}${row.variantTitle ? ` – ${row.variantTitle}` : ""}`;

  return (
    <div className="flex flex-col gap-6">
      <ParentLink href="/admin/inventory" label="Inventory" />
      <AdminPageHeader
        title={name}
        description={`SKU ${row.sku} · ${row.totalAvailable} available in total · low-stock alert at ${row.lowStockThreshold}`}
        actions={
          <Link
            href={`/admin/products/${encodeURIComponent(row.productId)}`}
            className="text-sm font-medium underline underline-offset-2"
          >
            Edit product
          </Link>
        }
      />
      {row.totalAvailable === 0 ? (
        <Badge tone="bad">Out of stock in the store</Badge>
      ) : row.lowStock ? (
        <Badge tone="warn">Low stock</Badge>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        {row.levels.map((level) => (
          <Card key={level.locationId} title={`${level.locationName}${level.locationActive ? "" : " (inactive)"}`}>
            <dl className="mb-4 grid grid-cols-3 gap-2 text-center">
              {[
                ["On hand", level.onHand],
                ["Reserved", level.reserved],
                ["Available", level.available],
              ].map(([label, value]) => (
                <div key={label} className="rounded-md bg-zinc-50 p-2">
                  <dt className="text-xs text-zinc-600">{label}</dt>
                  <dd className="text-lg font-semibold tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
            <div className="flex flex-col gap-6">
              <section aria-label={`Adjust at ${level.locationName}`}>
                <h3 className="mb-2 text-sm font-semibold">Adjust</h3>
                <AdjustStockForm
                  variantId={row.variantId}
                  locationId={level.locationId}
                  label={`${name} at ${level.locationName}`}
                />
              </section>
              <section aria-label={`Transfer from ${level.locationName}`}>
                <h3 className="mb-2 text-sm font-semibold">Transfer to another location</h3>
                <TransferStockForm
                  variantId={row.variantId}
                  fromLocationId={level.locationId}
                  destinations={locations.filter((location) => location.id !== level.locationId)}
                  label={`${name} at ${level.locationName}`}
                />
              </section>
            </div>
          </Card>
        ))}
      </div>

      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">History</h2>
        {history.length === 0 ? (
          <EmptyState title="No stock changes recorded yet" />
        ) : (
          <DataTable caption={`Last ${HISTORY_SIZE} stock changes of ${name}, newest first`}>
            <TableHead
              columns={["When (UTC)", "Location", { label: "Change", numeric: true }, "Reason", "By", "Note"]}
            />
            <tbody>
              {history.map((entry) => (
                <tr key={entry.id}>
                  <td className="whitespace-nowrap">{dateTime.format(entry.createdAt)}</td>
                  <td>{entry.location.name}</td>
                  <td
                    className={`text-right font-semibold tabular-nums ${entry.delta < 0 ? "text-red-700" : "text-emerald-800"}`}
                  >
                    {entry.delta > 0 ? `+${entry.delta}` : `−${Math.abs(entry.delta)}`}
                  </td>
                  <td>{REASON_LABELS[entry.reason] ?? entry.reason}</td>
                  <td>
                    {entry.actor ? (
                      (entry.actor.name ?? entry.actor.email)
                    ) : entry.order ? (
                      <Link
                        href={`/admin/orders/${encodeURIComponent(entry.order.id)}`}
                        className="underline underline-offset-2"
                      >
                        Order #{entry.order.number}
                      </Link>
                    ) : (
                      <span className="text-zinc-500">System</span>
                    )}
                  </td>
                  <td className="max-w-64 break-words text-zinc-700">{entry.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
    </div>
  );
}
