// Orders that were never paid: a checkout placed, then abandoned or declined. Their stock was already
// released (when the payment failed, or by the reservation sweep when the hold expired); after a grace
// period the order itself is cancelled so it stops showing as "awaiting payment" to the shopper and in the
// admin. Payment sessions never outlive the reservation they were created with (15 minutes by default),
// and a payment that still arrives for a cancelled order is refunded automatically by markOrderPaid, so
// cancelling can never keep money for nothing.
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import { releaseReservations } from "@/lib/inventory/release";
import { lockOrder } from "./lock";

/** How long an unpaid order waits before it is cancelled: ABANDONED_ORDER_HOURS, default 24. */
export function abandonedOrderHours(): number {
  const value = Number(process.env.ABANDONED_ORDER_HOURS ?? 24);
  return Number.isFinite(value) && value > 0 ? value : 24;
}

/** Cancels up to `limit` unpaid orders older than the grace period. Returns how many were cancelled. */
export async function cancelAbandonedOrders(
  db: Db,
  options: { now?: Date; olderThanHours?: number; limit?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.olderThanHours ?? abandonedOrderHours()) * 3_600_000);
  const candidates = await db.order.findMany({
    where: {
      status: "PENDING_PAYMENT",
      createdAt: { lt: cutoff },
      // A payment still in flight (an asynchronous method being confirmed) is left to finish.
      payments: { none: { status: "PENDING", updatedAt: { gte: cutoff } } },
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 100,
  });
  let cancelled = 0;
  for (const { id } of candidates) {
    const done = await runTransaction(db, async (tx) => {
      const order = await lockOrder(tx, id);
      // Re-checked under the lock: a confirmation may have won the race.
      if (!order || order.status !== "PENDING_PAYMENT") return false;
      await releaseReservations(tx, order.id);
      await tx.payment.updateMany({ where: { orderId: order.id, status: "PENDING" }, data: { status: "EXPIRED" } });
      await tx.order.update({
        where: { id: order.id },
        data: {
          status: "CANCELLED",
          cancelledAt: now,
          paymentStatus: order.paymentStatus === "PENDING" ? "FAILED" : order.paymentStatus,
        },
      });
      await tx.orderEvent.create({
        data: {
          orderId: order.id,
          type: "cancelled_unpaid",
          message: "This order was cancelled because it was not paid. Nothing was charged.",
          data: { afterHours: options.olderThanHours ?? abandonedOrderHours() },
        },
      });
      return true;
    });
    if (done) cancelled += 1;
  }
  return cancelled;
}
