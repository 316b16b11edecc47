// The seller cancels an order before anything of it shipped. In one transaction under the order's lock:
//   - unpaid (PENDING_PAYMENT): its reservations are released (stock back on sale at once) and its open
//     payments are marked CANCELLED; a Stripe Checkout Session still open is expired at Stripe after
//     commit ("payment.cancel_required" in the outbox, tried directly once too). Should the shopper pay
//     in that moment anyway, markOrderPaid sees a cancelled order and refunds the payment in full.
//   - paid (PAID, or REFUNDED without shipments): the committed stock goes back to the locations it came
//     from (lib/inventory/stock-changes.ts) and whatever is still refundable is refunded through the provider, with the same
//     claim-then-call machinery as refundOrder. The refund's key is the one markOrderPaid uses for this
//     payment (auto-refund:<paymentId>), so however the cancellation and a late payment confirmation
//     interleave, the payment is refunded once.
// A shipped (or partly shipped) order cannot be cancelled: refund it instead. Cancelling a cancelled
// order changes nothing. The cancellation email is queued once per order (dedupe key).
import { z } from "zod";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { releaseReservations } from "@/lib/inventory/release";
import { returnOrderStock } from "@/lib/inventory/stock-changes";
import { formatMoney } from "@/lib/money";
import { enqueue, enqueueMany } from "@/lib/outbox";
import {
  CANCEL_PAYMENT_TOPIC,
  cancelPaymentDedupeKey,
  ORDER_CANCELLED_TOPIC,
  orderCancelledDedupeKey,
  ORDER_STANDING_TOPIC,
  refundRequiredDedupeKey,
} from "@/lib/outbox/topics";
import { handleCancelPayment } from "@/lib/payments/cancel-payment";
import type { RefundOutcome } from "@/lib/payments/refunds";
import { refundKeyFor } from "./refund-key";
import { recordIdSchema, recordOrderChange, requestKeySchema, staffInput, withLockedOrder } from "./admin-common";
import type { OrderActor } from "./admin-common";
import { assertStaffRefundAllowed, RefundLimitError, writeRefundRefusal } from "./refund-limits";
import { claimOrderRefund, lockOrderPayment, sendClaimedRefund, type ClaimedOrderRefund } from "./refund-order";

export const cancelOrderSchema = z.object({
  orderId: recordIdSchema,
  reason: z
    .string({ error: "Say why the order is cancelled." })
    .trim()
    .min(3, "Say why the order is cancelled (at least 3 characters).")
    .max(500, "A reason is at most 500 characters."),
  requestKey: requestKeySchema,
});

export type CancelOrderInput = z.input<typeof cancelOrderSchema>;

export interface CancelOrderResult {
  outcome: "cancelled" | "already_cancelled";
  /** Units given back to stock (paid orders) or released from reservations (unpaid ones). */
  restockedUnits: number;
  refund: {
    refundId: string;
    amountCents: number;
    currency: string;
    status: "SUCCEEDED" | "PENDING" | "FAILED";
  } | null;
}

const NOT_CANCELLABLE: Record<string, string> = {
  PARTIALLY_FULFILLED: "Part of this order has shipped, so it can no longer be cancelled. Refund it instead.",
  FULFILLED: "This order has shipped, so it can no longer be cancelled. Refund it instead.",
  DELIVERED: "This order has been delivered, so it can no longer be cancelled. Refund it instead.",
  PAYMENT_FAILED: "This order's payment failed and it is already closed: nothing to cancel.",
};

export async function cancelOrder(
  db: Db,
  actor: OrderActor,
  rawInput: CancelOrderInput,
  options: { now?: Date } = {},
): Promise<CancelOrderResult> {
  const input = staffInput(actor, cancelOrderSchema, rawInput);
  const now = options.now ?? new Date();

  const done = await withLockedOrder(db, input.orderId, async (tx, order) => {
    if (order.status === "CANCELLED")
      return { outcome: "already_cancelled" as const, units: 0, claim: null, paymentsToClose: [] as string[] };
    const shipped = await tx.shipment.count({ where: { orderId: order.id } });
    if (NOT_CANCELLABLE[order.status] || shipped > 0) {
      throw new UserError(
        "order_shipped",
        NOT_CANCELLABLE[order.status] ??
          "Part of this order has shipped, so it can no longer be cancelled. Refund it instead.",
      );
    }

    let units = 0;
    let claim: ClaimedOrderRefund | null = null;
    let paymentsToClose: string[] = [];
    let shopperMessage: string;
    if (order.status === "PENDING_PAYMENT") {
      units = (await releaseReservations(tx, order.id)).units;
      const open = await tx.payment.findMany({
        where: { orderId: order.id, status: "PENDING" },
        select: { id: true, provider: true },
      });
      await tx.payment.updateMany({
        where: { id: { in: open.map((payment) => payment.id) }, status: "PENDING" },
        data: { status: "CANCELLED", failureReason: "order_cancelled" },
      });
      paymentsToClose = open.filter((payment) => payment.provider === "STRIPE").map((payment) => payment.id);
      await enqueueMany(
        tx,
        paymentsToClose.map((paymentId) => ({
          topic: CANCEL_PAYMENT_TOPIC,
          aggregateId: order.id,
          dedupeKey: cancelPaymentDedupeKey(paymentId),
          payload: { orderId: order.id, paymentId },
          availableAt: new Date(now.getTime() + 60_000),
        })),
      );
      shopperMessage = "This order was cancelled before it was paid. Nothing was charged.";
    } else {
      // PAID, or REFUNDED in full but never shipped.
      const payment = await lockOrderPayment(tx, order.id);
      const refundable = payment?.refundableCents ?? 0;
      if (payment && refundable > 0) {
        // Checked before any write: a staff member cannot refund beyond the limits by cancelling.
        await assertStaffRefundAllowed(tx, actor, {
          orderId: order.id,
          amountCents: refundable,
          currency: payment.currency,
          now,
        });
        claim = await claimOrderRefund(tx, order, payment, {
          amountCents: refundable,
          requestKey: refundKeyFor(payment.id),
          reason: `order_cancelled: ${input.reason}`,
          createdById: actor.id,
          // The same key markOrderPaid would use for money arriving for a cancelled order.
          dedupeKey: refundRequiredDedupeKey(payment.id),
          now,
        });
      }
      const returned = await returnOrderStock(tx, order, actor.id, now);
      // Its products leave the co-purchase counts and its reviews lose "verified buyer" (ORDER_STANDING_TOPIC).
      await enqueue(tx, { topic: ORDER_STANDING_TOPIC, aggregateId: order.id, payload: { orderId: order.id } });
      units = returned.reduce((sum, entry) => sum + entry.quantity, 0);
      shopperMessage = claim
        ? `This order was cancelled. Your payment of ${formatMoney(claim.amountCents, claim.currency)} will be refunded to your original payment method.`
        : "This order was cancelled.";
    }

    await tx.order.update({ where: { id: order.id }, data: { status: "CANCELLED", cancelledAt: now } });
    await recordOrderChange(tx, actor, order.id, {
      events: [
        { type: "cancelled", public: true, message: shopperMessage, data: { by: "store" } },
        {
          type: "cancel_reason",
          public: false,
          message: `Cancelled by staff: ${input.reason}`,
          data: { previousStatus: order.status, restockedUnits: units, refundId: claim?.refundId ?? null },
        },
      ],
      audit: {
        action: "order.cancel",
        data: {
          reason: input.reason,
          previousStatus: order.status,
          restockedUnits: units,
          refundId: claim?.refundId ?? null,
          refundCents: claim?.amountCents ?? 0,
          requestKey: input.requestKey,
        },
      },
    });
    await enqueue(tx, {
      topic: ORDER_CANCELLED_TOPIC,
      aggregateId: order.id,
      dedupeKey: orderCancelledDedupeKey(order.id),
      payload: { orderId: order.id, number: order.number, email: order.email, reason: "cancelled_by_store" },
    });
    return { outcome: "cancelled" as const, units, claim, paymentsToClose };
  }).catch(async (error: unknown) => {
    // The refused cancellation rolled back: its audit entry is written on its own.
    if (error instanceof RefundLimitError) await writeRefundRefusal(db, actor, input.orderId, error, "cancel");
    throw error;
  });

  // After commit: the network calls. Failures are left to the outbox worker (same keys).
  for (const paymentId of done.paymentsToClose) {
    await handleCancelPayment(db, { orderId: input.orderId, paymentId }).catch((error: unknown) =>
      console.error(
        `cancel order ${input.orderId}: closing payment ${paymentId} failed; the outbox worker will retry:`,
        error,
      ),
    );
  }
  let sent: RefundOutcome | null = null;
  if (done.claim) sent = await sendClaimedRefund(db, done.claim, actor.id);
  return {
    outcome: done.outcome,
    restockedUnits: done.units,
    refund: done.claim
      ? {
          refundId: done.claim.refundId,
          amountCents: done.claim.amountCents,
          currency: done.claim.currency,
          status: sent?.status ?? "PENDING",
        }
      : null,
  };
}
