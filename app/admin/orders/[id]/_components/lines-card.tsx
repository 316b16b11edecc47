// The order's items, what shipped of each, and its totals (discount, shipping, tax, refunded).
import { Badge, Card, DataTable, TableHead, NumberCell } from "@/components/admin/ui";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { orderTotalLines } from "@/lib/orders/total-lines";
import type { AdminOrderDetail } from "@/lib/orders/admin-queries";

export async function LinesCard({ order }: { order: AdminOrderDetail }) {
  const formatMoney = await getStoreMoneyFormatter();
  const money = (cents: number) => formatMoney(cents, order.currency);
  const totals = orderTotalLines(order);
  return (
    <Card title="Items">
      <DataTable caption="Items of this order">
        <TableHead
          columns={[
            "Item",
            { label: "Ordered", numeric: true },
            { label: "Shipped", numeric: true },
            { label: "Unit", numeric: true },
            { label: "Total", numeric: true },
          ]}
        />
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.title}
                {line.variantTitle ? <span className="text-zinc-600"> · {line.variantTitle}</span> : null}
                <span className="block text-xs text-zinc-500">SKU {line.sku}</span>
              </td>
              <NumberCell>{line.quantity}</NumberCell>
              <NumberCell data-testid="fulfilled-quantity">
                {line.fulfilledQuantity === line.quantity ? (
                  <Badge tone="good">{line.fulfilledQuantity}</Badge>
                ) : (
                  line.fulfilledQuantity
                )}
              </NumberCell>
              <NumberCell>{money(line.unitPriceCents)}</NumberCell>
              <NumberCell>{money(line.totalCents)}</NumberCell>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <dl className="mt-4 ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
        {totals.map(([label, cents]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd className="text-right tabular-nums">{cents < 0 ? `−${money(-cents)}` : money(cents)}</dd>
          </div>
        ))}
        <dt className="font-semibold">Total</dt>
        <dd className="text-right font-semibold tabular-nums">{money(order.totalCents)}</dd>
        {order.refundedCents > 0 ? (
          <>
            <dt>Refunded</dt>
            <dd className="text-right tabular-nums">−{money(order.refundedCents)}</dd>
          </>
        ) : null}
      </dl>
    </Card>
  );
}
