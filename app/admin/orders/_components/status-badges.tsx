import { Badge } from "@/components/admin/ui";
import type { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { PAYMENT_STATUS_LABELS, STATUS_LABELS } from "@/lib/orders/admin-common";
import { displayOrderStatus } from "@/lib/orders/display-status";

const ORDER_TONES: Record<OrderStatus, "neutral" | "good" | "warn" | "bad" | "info"> = {
  PENDING_PAYMENT: "warn",
  PAYMENT_FAILED: "bad",
  PAID: "info",
  PARTIALLY_FULFILLED: "info",
  FULFILLED: "good",
  DELIVERED: "good",
  CANCELLED: "neutral",
  REFUNDED: "neutral",
};

const PAYMENT_TONES: Record<PaymentStatus, "neutral" | "good" | "warn" | "bad" | "info"> = {
  PENDING: "warn",
  PAID: "good",
  FAILED: "bad",
  PARTIALLY_REFUNDED: "info",
  REFUNDED: "neutral",
};

/** The status as shown (an unpaid order whose payment failed reads "Payment failed"). */
export function OrderStatusBadge({ status, paymentStatus }: { status: OrderStatus; paymentStatus: PaymentStatus }) {
  const shown = displayOrderStatus(status, paymentStatus);
  return (
    <span data-testid="order-status-badge">
      <Badge tone={ORDER_TONES[shown]}>{STATUS_LABELS[shown]}</Badge>
    </span>
  );
}

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return <Badge tone={PAYMENT_TONES[status]}>{PAYMENT_STATUS_LABELS[status]}</Badge>;
}

/** Paid by the built-in test provider: no money was taken. Loud on purpose. */
export function TestPaymentBadge() {
  return (
    <span
      className="inline-flex items-center rounded border-2 border-dashed border-amber-600 bg-amber-100 px-2 py-0.5 text-xs font-bold tracking-wide text-amber-950"
      title="Paid with the built-in test payment provider: no money was taken."
      data-testid="test-payment"
    >
      TEST
    </span>
  );
}
