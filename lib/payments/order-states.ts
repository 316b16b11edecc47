// What an order's status says about its money, for the payment side (is it paid already? which status
// does a refund that stopped being full put back?) and for lib/orders, which builds on payments.
import type { OrderStatus } from "@/lib/generated/prisma/enums";

/** Statuses in which the order has been paid (possibly refunded since). */
export const PAID_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  "PAID",
  "PARTIALLY_FULFILLED",
  "FULFILLED",
  "DELIVERED",
  "REFUNDED",
]);

/**
 * The order's status as its shipments say: nothing shipped (PAID), some units shipped
 * (PARTIALLY_FULFILLED), every unit shipped (FULFILLED) and every shipment delivered (DELIVERED).
 * Used when a refund stops being full (a refund that failed after it succeeded) to put back the status
 * that REFUNDED replaced.
 */
export function fulfilmentStatusOf(
  lines: readonly { quantity: number; fulfilledQuantity: number }[],
  shipments: readonly { status: "SHIPPED" | "DELIVERED" }[],
): "PAID" | "PARTIALLY_FULFILLED" | "FULFILLED" | "DELIVERED" {
  const shipped = lines.reduce((sum, line) => sum + line.fulfilledQuantity, 0);
  if (shipped === 0) return "PAID";
  const all = lines.every((line) => line.fulfilledQuantity >= line.quantity);
  if (!all) return "PARTIALLY_FULFILLED";
  return shipments.length > 0 && shipments.every((shipment) => shipment.status === "DELIVERED")
    ? "DELIVERED"
    : "FULFILLED";
}
