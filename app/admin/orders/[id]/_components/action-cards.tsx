// The cards that act on the order: ship, refund, cancel, resolve a fraud review. Each form stays on the
// page once its job is done (e.g. the last unit shipped), so the result of the last submit is still shown
// and announced; it then says there is nothing left to do.
import { randomUUID } from "node:crypto";
import { Card } from "@/components/admin/ui";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import type { AdminOrderDetail } from "@/lib/orders/admin-queries";
import { CARRIERS } from "@/lib/orders/carriers";
import { REFUND_REASONS } from "@/lib/orders/refund-order";
import type { StaffRefundLimits } from "@/lib/orders/refund-limits";
import { CancelForm, FraudReviewForm, FulfilForm, RefundForm } from "../../_components/order-forms";

/** A new key per render: each rendered form is one request, however often it is submitted. */
function requestKey(kind: string): string {
  return `${kind}:${randomUUID()}`;
}

export function FraudReviewCard({ order }: { order: AdminOrderDetail }) {
  if (!order.fraudReview) return null;
  return (
    <Card title="Held for fraud review">
      <p className="mb-3 text-sm text-zinc-700">This order cannot ship until the review is resolved.</p>
      <FraudReviewForm orderId={order.id} />
    </Card>
  );
}

export function ShipCard({ order }: { order: AdminOrderDetail }) {
  if (!["PAID", "PARTIALLY_FULFILLED", "FULFILLED", "DELIVERED"].includes(order.status)) return null;
  const unfulfilled = order.lines.filter((line) => line.remainingQuantity > 0);
  const canShip = (order.status === "PAID" || order.status === "PARTIALLY_FULFILLED") && unfulfilled.length > 0;
  return (
    <Card title="Ship items">
      {order.fraudReview && canShip ? (
        <p className="text-sm text-zinc-700">Resolve the fraud review first.</p>
      ) : (
        <FulfilForm
          orderId={order.id}
          requestKey={requestKey("fulfil")}
          lines={(canShip ? unfulfilled : []).map((line) => ({
            id: line.id,
            title: line.variantTitle ? `${line.title} · ${line.variantTitle}` : line.title,
            sku: line.sku,
            remaining: line.remainingQuantity,
          }))}
          carriers={CARRIERS.map((carrier) => ({ code: carrier.code, name: carrier.name }))}
        />
      )}
    </Card>
  );
}

/** `limits`: the staff member's refund limits, null for an admin (no limit). */
export async function RefundCard({ order, limits }: { order: AdminOrderDetail; limits: StaffRefundLimits | null }) {
  const formatMoney = await getStoreMoneyFormatter();
  const paid = order.payments.some((payment) => payment.status === "SUCCEEDED");
  if (order.status === "PENDING_PAYMENT" || !paid) return null;
  const money = (cents: number) => formatMoney(cents, order.currency);
  return (
    <Card title="Refund">
      <RefundForm
        orderId={order.id}
        requestKey={requestKey("refund")}
        refundable={order.refundableCents > 0 ? money(order.refundableCents) : null}
        limitText={
          limits
            ? `${money(limits.perOrderCents)} on one order (all its refunds together) and ${money(limits.perDayCents)} a day`
            : null
        }
        reasons={Object.entries(REFUND_REASONS).map(([code, label]) => ({ code, label }))}
      />
    </Card>
  );
}

export async function CancelCard({ order }: { order: AdminOrderDetail }) {
  const formatMoney = await getStoreMoneyFormatter();
  const canCancel = ["PENDING_PAYMENT", "PAID", "REFUNDED"].includes(order.status) && order.shipments.length === 0;
  if (!canCancel && order.status !== "CANCELLED") return null;
  const money = (cents: number) => formatMoney(cents, order.currency);
  return (
    <Card title="Cancel order">
      <CancelForm
        orderId={order.id}
        requestKey={requestKey("cancel")}
        cancelled={order.status === "CANCELLED"}
        consequence={
          order.status === "PENDING_PAYMENT"
            ? "The items held for this order go back on sale and its open payment is closed. Nothing was charged."
            : order.refundableCents > 0
              ? `The items go back in stock and ${money(order.refundableCents)} is refunded to the shopper.`
              : "The items go back in stock. Nothing is left to refund."
        }
      />
    </Card>
  );
}
