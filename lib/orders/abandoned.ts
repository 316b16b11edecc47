// Orders that were never paid: a checkout placed, then abandoned or declined. Their stock was already
// released (when the payment failed, or by the reservation sweep when the hold expired); the worker then
// closes them so they stop showing as "awaiting payment" to the shopper and in the admin:
//   - declined (paymentStatus FAILED): closed as PAYMENT_FAILED once its payment window is over (no
//     reservation of it could still be paid: a Stripe Checkout Session lets the shopper retry a declined
//     card until it expires, and sessions never outlive the order's reservations);
//   - abandoned: cancelled (CANCELLED) after a grace period, ABANDONED_ORDER_HOURS.
// A payment that still arrives for a closed order is refunded automatically by markOrderPaid, so closing
// can never keep money for nothing.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { runTransaction } from "@/lib/db/transaction";
import { releaseReservations } from "@/lib/inventory/release";
import { lockOrder } from "./lock";

/** How long an unpaid order waits before it is cancelled: ABANDONED_ORDER_HOURS, default 24. */
export function abandonedOrderHours(): number {
  const value = Number(process.env.ABANDONED_ORDER_HOURS ?? 24);
  return Number.isFinite(value) && value > 0 ? value : 24;
}

/**
 * Closes up to `limit` unpaid orders: declined ones whose payment window is over (PAYMENT_FAILED), others
 * older than the grace period (CANCELLED). Returns how many were closed.
 */
export async function cancelAbandonedOrders(
  db: Db,
  options: { now?: Date; olderThanHours?: number; limit?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.olderThanHours ?? abandonedOrderHours()) * 3_600_000);
  const due = {
    OR: [
      { createdAt: { lt: cutoff } },
      { paymentStatus: "FAILED", reservations: { none: { expiresAt: { gt: now } } } },
    ],
  } satisfies Prisma.OrderWhereInput;
  const candidates = await db.order.findMany({
    where: {
      status: "PENDING_PAYMENT",
      ...due,
      // A payment still in flight (an asynchronous method being confirmed) is left to finish.
      payments: { none: { status: "PENDING", updatedAt: { gte: cutoff } } },
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 100,
  });
  let closed = 0;
  for (const { id } of candidates) {
    const done = await runTransaction(db, async (tx) => {
      const order = await lockOrder(tx, id);
      // Re-checked under the lock: a confirmation may have won the race.
      if (!order || order.status !== "PENDING_PAYMENT") return false;
      if ((await tx.order.count({ where: { id: order.id, ...due } })) === 0) return false;
      const declined = order.paymentStatus === "FAILED";
      await releaseReservations(tx, order.id);
      await tx.payment.updateMany({ where: { orderId: order.id, status: "PENDING" }, data: { status: "EXPIRED" } });
      await tx.order.update({
        where: { id: order.id },
        data: {
          status: declined ? "PAYMENT_FAILED" : "CANCELLED",
          cancelledAt: now,
          paymentStatus: order.paymentStatus === "PENDING" ? "FAILED" : order.paymentStatus,
        },
      });
      await tx.orderEvent.create({
        data: declined
          ? {
              orderId: order.id,
              type: "closed_payment_failed",
              message:
                "This order was closed because its payment failed. Nothing was charged and the items went back on sale.",
              data: {},
            }
          : {
              orderId: order.id,
              type: "cancelled_unpaid",
              message: "This order was cancelled because it was not paid. Nothing was charged.",
              data: { afterHours: options.olderThanHours ?? abandonedOrderHours() },
            },
      });
      return true;
    });
    if (done) closed += 1;
  }
  return closed;
}
