// A payment failed, was declined or was abandoned: the order's stock goes back on sale at once rather
// than when the reservation expires. The order stays PENDING_PAYMENT (paymentStatus FAILED) so a retry
// or a late success can still pay it: markOrderPaid then re-reserves from free stock or refunds.
// A failure never touches an order that is already paid, whatever order the events arrive in.
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import type { OrderStatus, PaymentProvider } from "@/lib/generated/prisma/enums";
import { releaseReservations } from "@/lib/inventory/release";
import { lockOrder } from "./lock";

export interface MarkPaymentFailedInput {
  orderId: string;
  /** For the timeline and the seller; never shown to the shopper as is. */
  reason: string;
  /** When known, the failed attempt is recorded on its Payment row. */
  provider?: PaymentProvider;
  providerRef?: string;
}

export type MarkPaymentFailedResult =
  | { outcome: "released"; orderId: string; releasedUnits: number }
  | {
      outcome: "ignored";
      orderId: string;
      reason: "unknown_order" | "not_pending" | "payment_succeeded";
      status?: OrderStatus;
    };

export async function markPaymentFailed(db: Db, input: MarkPaymentFailedInput): Promise<MarkPaymentFailedResult> {
  const reason = input.reason.slice(0, 500);
  return runTransaction(db, async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (!order) return { outcome: "ignored", orderId: input.orderId, reason: "unknown_order" };
    if (order.status !== "PENDING_PAYMENT") {
      return { outcome: "ignored", orderId: order.id, reason: "not_pending", status: order.status };
    }
    if (input.provider && input.providerRef) {
      const key = { provider_providerRef: { provider: input.provider, providerRef: input.providerRef } };
      const payment = await tx.payment.findUnique({ where: key, select: { orderId: true, status: true } });
      // A success already recorded for this attempt wins over a late or replayed failure.
      if (payment?.status === "SUCCEEDED") {
        return { outcome: "ignored", orderId: order.id, reason: "payment_succeeded", status: order.status };
      }
      if (!payment) {
        await tx.payment.create({
          data: {
            orderId: order.id,
            provider: input.provider,
            providerRef: input.providerRef,
            amountCents: order.totalCents,
            currency: order.currency,
            status: "FAILED",
            failureReason: reason,
          },
        });
      } else if (payment.orderId === order.id) {
        await tx.payment.update({ where: key, data: { status: "FAILED", failureReason: reason } });
      }
    }
    const { units } = await releaseReservations(tx, order.id);
    if (units > 0 || order.paymentStatus !== "FAILED") {
      await tx.order.update({ where: { id: order.id }, data: { paymentStatus: "FAILED" } });
      await tx.orderEvent.create({
        data: {
          orderId: order.id,
          type: "payment_failed",
          message: "The payment did not go through and nothing was charged. Your items are no longer held.",
          data: { reason, provider: input.provider ?? null, providerRef: input.providerRef ?? null },
        },
      });
    }
    return { outcome: "released", orderId: order.id, releasedUnits: units };
  });
}
