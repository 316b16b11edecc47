// The order's payments and refunds, each with its state, and what can still be refunded.
import { Badge, Card } from "@/components/admin/ui";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import type { AdminOrderDetail } from "@/lib/orders/admin-queries";
import { isRefundStuck, REFUND_STUCK_AFTER_MINUTES } from "@/lib/payments/refund-reconcile";
import { Time } from "./time";

const REFUND_TONES = { PENDING: "warn", SUCCEEDED: "good", FAILED: "bad" } as const;
const PAYMENT_TONES = {
  PENDING: "warn",
  SUCCEEDED: "good",
  FAILED: "bad",
  CANCELLED: "neutral",
  EXPIRED: "neutral",
} as const;

export async function PaymentsCard({ order }: { order: AdminOrderDetail }) {
  const formatMoney = await getStoreMoneyFormatter();
  const money = (cents: number, currency = order.currency) => formatMoney(cents, currency);
  return (
    <Card title="Payments and refunds">
      {order.payments.length === 0 ? (
        <p className="text-sm text-zinc-600">No payment has been started.</p>
      ) : (
        <ul className="flex flex-col gap-2 text-sm">
          {order.payments.map((payment) => (
            <li key={payment.id} className="flex flex-wrap items-center justify-between gap-2">
              <span>
                {payment.provider === "STRIPE" ? "Stripe" : "Test provider"} ·{" "}
                {money(payment.amountCents, payment.currency)}
                <span className="block font-mono text-xs text-zinc-500">
                  {payment.paymentIntentRef ?? payment.providerRef}
                </span>
              </span>
              <span className="flex items-center gap-2">
                <Badge tone={PAYMENT_TONES[payment.status]}>{payment.status.toLowerCase()}</Badge>
                <span className="text-xs text-zinc-500">
                  <Time date={payment.createdAt} />
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {order.refunds.length > 0 ? (
        <>
          <h3 className="mt-4 mb-2 text-sm font-semibold">Refunds</h3>
          <ul className="flex flex-col gap-2 text-sm" data-testid="refunds">
            {order.refunds.map((refund) => (
              <li key={refund.id} className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  {money(refund.amountCents, refund.currency)}
                  {refund.reason ? <span className="text-zinc-600"> · {refund.reason}</span> : null}
                  <span className="block text-xs text-zinc-500">
                    {refund.createdBy ? `by ${refund.createdBy.name ?? refund.createdBy.email}` : "automatic"} ·{" "}
                    <Time date={refund.createdAt} />
                  </span>
                </span>
                <Badge tone={REFUND_TONES[refund.status]}>
                  {isRefundStuck(refund) ? "stuck" : refund.status.toLowerCase()}
                </Badge>
                <RefundState refund={refund} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="mt-3 text-xs text-zinc-500">Refundable now: {money(order.refundableCents)}</p>
    </Card>
  );
}

/** Where the money of one refund is, in a sentence for the seller. */
function RefundState({ refund }: { refund: AdminOrderDetail["refunds"][number] }) {
  const stuck = isRefundStuck(refund);
  if (refund.status === "SUCCEEDED") return null;
  if (refund.status === "FAILED") {
    return (
      <p className="w-full text-xs text-red-700" data-testid="refund-failed">
        The payment provider refused or failed this refund: the money did not reach the shopper, and the amount can be
        refunded again.
      </p>
    );
  }
  return (
    <p
      className={`w-full text-xs ${stuck ? "font-semibold text-red-700" : "text-amber-800"}`}
      data-testid={stuck ? "refund-stuck" : "refund-pending"}
    >
      {stuck
        ? `Stuck: no final answer from the payment provider after ${REFUND_STUCK_AFTER_MINUTES} minutes. The amount is held by this refund (it cannot be refunded twice) and the store keeps asking the provider.`
        : "Waiting for the payment provider's answer. The amount is held by this refund."}
      {refund.attempts > 0 ? ` Attempts: ${refund.attempts}.` : ""}
      {refund.lastError ? ` Last error: ${refund.lastError}.` : ""}
      {refund.nextAttemptAt ? (
        <>
          {" "}
          Next attempt: <Time date={refund.nextAttemptAt} />.
        </>
      ) : null}
    </p>
  );
}
