// The store's own risk score of the order, recorded when it was paid (lib/orders/order-risk.ts): the score
// against the hold threshold of the current settings, and each rule that fired, so the seller sees why an
// order was held (or nearly was) before releasing or cancelling it.
import Link from "next/link";
import { Badge, Card } from "@/components/admin/ui";
import type { AdminOrderDetail } from "@/lib/orders/admin-queries";

export function RiskCard({ order, holdAtScore }: { order: AdminOrderDetail; holdAtScore: number | null }) {
  if (order.riskScore === null) return null;
  const reached = holdAtScore !== null && order.riskScore >= holdAtScore && order.riskReasons.length > 0;
  return (
    <Card
      title="Store risk score"
      actions={<Badge tone={reached ? "bad" : order.riskScore > 0 ? "warn" : "good"}>{order.riskScore} points</Badge>}
    >
      <div data-testid="risk-score" className="flex flex-col gap-2 text-sm">
        <p className="text-zinc-700">
          Scored when the order was paid.{" "}
          {holdAtScore === null
            ? "The store's fraud rules are switched off now."
            : `Orders are held at ${holdAtScore} points or more.`}{" "}
          <Link href="/admin/risk" className="underline underline-offset-2">
            Fraud rules
          </Link>
        </p>
        {order.riskReasons.length === 0 ? (
          <p className="text-zinc-700">No rule fired.</p>
        ) : (
          <ul className="flex flex-col gap-1" aria-label="Risk reasons">
            {order.riskReasons.map((reason) => (
              <li key={reason.rule} data-testid="risk-reason" className="flex gap-2">
                <span className="w-10 shrink-0 text-right font-semibold tabular-nums">+{reason.points}</span>
                <span>{reason.message}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
