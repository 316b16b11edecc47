// The outbox handler for "payment.cancel_required": the seller cancelled an unpaid order, and its open
// payment must be closed at the provider (Stripe: expire the Checkout Session) so the shopper cannot pay
// it any more. The cancel transaction records the event; the network call runs here, outside it, and is
// retried until it succeeds. If the shopper pays in the meantime, markOrderPaid sees a cancelled order
// and refunds the payment in full, so the race costs nobody money.
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { OutboxHandler } from "@/lib/outbox";
import { paymentProviderFor } from "./provider";

const cancelPaymentPayload = z.object({ orderId: z.string().min(1), paymentId: z.string().min(1) });

export async function handleCancelPayment(db: Db, payload: unknown): Promise<"cancelled" | "not_open"> {
  const data = cancelPaymentPayload.parse(payload);
  const payment = await db.payment.findUnique({
    where: { id: data.paymentId },
    select: { provider: true, orderId: true },
  });
  if (!payment) return "not_open";
  if (payment.orderId !== data.orderId)
    throw new Error(`payment ${data.paymentId} does not belong to order ${data.orderId}`);
  return paymentProviderFor(payment.provider).cancelPayment(db, data.paymentId);
}

export function cancelPaymentHandler(db: Db): OutboxHandler {
  return {
    maxAttempts: 20,
    async handle(events) {
      const failed = new Map<string, unknown>();
      for (const event of events) {
        try {
          await handleCancelPayment(db, event.payload);
        } catch (error) {
          failed.set(event.id, error);
        }
      }
      return { failed };
    },
  };
}
