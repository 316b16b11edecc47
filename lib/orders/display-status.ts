// The status an order shows to shoppers and sellers. An unpaid order whose payment failed already had its
// stock released, so it shows "Payment failed" at once, while it is still PENDING_PAYMENT (a retry inside
// the same payment session, possible with Stripe, can still pay it); the worker later closes it as
// PAYMENT_FAILED (lib/orders/abandoned.ts). Admin filters use the same rule (lib/orders/admin-queries.ts).
import type { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";

export function displayOrderStatus(status: OrderStatus, paymentStatus: PaymentStatus): OrderStatus {
  return status === "PENDING_PAYMENT" && paymentStatus === "FAILED" ? "PAYMENT_FAILED" : status;
}
