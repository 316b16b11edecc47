import { Badge } from "@/components/admin/ui";
import type { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { PAYMENT_STATUS_LABELS, STATUS_LABELS } from "@/lib/orders/admin-common";

const ORDER_TONES: Record<OrderStatus, "neutral" | "good" | "warn" | "bad" | "info"> = {
  PENDING_PAYMENT: "warn",
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

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge tone={ORDER_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
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
