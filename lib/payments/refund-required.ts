// The outbox handler for "payment.refund_required". markOrderPaid records that event (in the same
// transaction that cancels an order it cannot honour, or notes a duplicate payment) and the worker runs
// this handler: the refund is a network call, so it never runs inside that transaction, and a webhook
// answers Stripe without waiting for it. The event carries the refund's idempotency key, so a retried or
// replayed event is still one refund (see ./refunds.ts). The seller's refunds and cancellations
// (lib/orders/refund-order.ts, lib/orders/cancel.ts) queue the same event as a safety net behind their
// direct provider call, and "payment.cancel_required" (./cancel-payment.ts) is registered here too.
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { OutboxHandler, OutboxHandlers } from "@/lib/outbox";
import { CANCEL_PAYMENT_TOPIC, REFUND_REQUIRED_TOPIC } from "@/lib/outbox/topics";
import { cancelPaymentHandler } from "./cancel-payment";
import { paymentProviderFor } from "./provider";
import { refundAffectsOrderBalance } from "./refund-settlement";
import type { RefundOutcome } from "./refunds";

const refundRequiredPayload = z.object({
  orderId: z.string().min(1),
  paymentId: z.string().min(1),
  amountCents: z.number().int().positive(),
  currency: z.string().length(3),
  reason: z.string().min(1),
  refundKey: z.string().min(1),
});

export type RefundRequiredPayload = z.infer<typeof refundRequiredPayload>;

export async function handleRefundRequired(db: Db, payload: unknown): Promise<RefundOutcome> {
  const data = refundRequiredPayload.parse(payload);
  const payment = await db.payment.findUniqueOrThrow({
    where: { id: data.paymentId },
    select: { provider: true, orderId: true },
  });
  if (payment.orderId !== data.orderId)
    throw new Error(`payment ${data.paymentId} does not belong to order ${data.orderId}`);
  return paymentProviderFor(payment.provider).refund(db, {
    paymentId: data.paymentId,
    amountCents: data.amountCents,
    requestKey: data.refundKey,
    reason: data.reason,
    // A duplicate payment is money the (otherwise paid) order never counted.
    affectsOrderBalance: refundAffectsOrderBalance(data.reason),
  });
}

export function refundRequiredHandler(db: Db): OutboxHandler {
  return {
    // Money owed to a shopper: keep trying for hours (backoff caps at 5 minutes) before parking the row
    // as FAILED with its last error for the seller to resolve.
    maxAttempts: 40,
    async handle(events) {
      const failed = new Map<string, unknown>();
      for (const event of events) {
        try {
          await handleRefundRequired(db, event.payload);
        } catch (error) {
          failed.set(event.id, error);
        }
      }
      return { failed };
    },
  };
}

/** The payment handlers for the worker's outbox registry. */
export function paymentOutboxHandlers(db: Db): OutboxHandlers {
  return { [REFUND_REQUIRED_TOPIC]: refundRequiredHandler(db), [CANCEL_PAYMENT_TOPIC]: cancelPaymentHandler(db) };
}
