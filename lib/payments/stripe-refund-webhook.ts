// Stripe's refund events (refund.created, refund.updated, refund.failed), called from the webhook
// dispatcher (./stripe-webhook.ts) after the event id was recorded once. Each carries the Refund as it is
// now; we apply its status to our Refund row through settleRefund, whose guarded transitions make any
// replay, duplicate or out-of-order delivery harmless:
//   - pending -> succeeded: counted on the order once (whether the API answer or the webhook comes first);
//   - failed or canceled (also after it had succeeded): the amount becomes refundable again, the payment
//     status is restored, and the seller's timeline says the refund needs attention.
// Our refunds are found by their Stripe id, or by the metadata.refundId we send when creating them (the
// webhook can arrive before our API call recorded the id). A refund made elsewhere (the Stripe
// dashboard) on one of our payments is recorded as a new Refund row, so the order's refundable amount
// stays true. charge.refunded is not needed: since API version 2022-11-15 a Charge no longer embeds its
// refunds, and every refund also sends these refund.* events.
import type Stripe from "stripe";
import type { Db } from "@/lib/db";
import { runTransaction, type Tx } from "@/lib/db/transaction";
import type { RefundStatus } from "@/lib/generated/prisma/enums";
import { refundAffectsOrderBalance, settleRefund } from "./refund-settlement";

export const STRIPE_REFUND_EVENT_TYPES = ["refund.created", "refund.updated", "refund.failed"] as const;

export function refundStatusOf(status: string | null): RefundStatus {
  if (status === "succeeded") return "SUCCEEDED";
  if (status === "failed" || status === "canceled") return "FAILED";
  return "PENDING"; // pending, requires_action
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

const refundSelect = {
  id: true,
  reason: true,
  payment: { select: { paymentIntentRef: true, provider: true } },
} as const;

async function findOurRefund(tx: Tx, refund: Stripe.Refund) {
  const byRef = await tx.refund.findUnique({ where: { providerRef: refund.id }, select: refundSelect });
  if (byRef) return byRef;
  const ourId = refund.metadata?.refundId;
  if (!ourId) return null;
  const byMetadata = await tx.refund.findUnique({ where: { id: ourId }, select: refundSelect });
  // The metadata must point at a refund of the same PaymentIntent: metadata alone proves nothing.
  const intent = idOf(refund.payment_intent);
  if (
    !byMetadata ||
    byMetadata.payment.provider !== "STRIPE" ||
    (intent && byMetadata.payment.paymentIntentRef !== intent)
  )
    return null;
  return byMetadata;
}

/** A refund made outside the store (e.g. the Stripe dashboard) on one of our payments. */
async function recordExternalRefund(
  tx: Tx,
  refund: Stripe.Refund,
): Promise<{ id: string; reason: string | null } | null> {
  const intent = idOf(refund.payment_intent);
  if (!intent) return null;
  const payment = await tx.payment.findFirst({
    where: { provider: "STRIPE", paymentIntentRef: intent, status: "SUCCEEDED" },
    select: { id: true, orderId: true, currency: true },
  });
  if (!payment) return null;
  // Same lock order as the seller's refund claims (order, then payment): counted one after the other.
  await tx.$queryRaw`SELECT id FROM "Order" WHERE id = ${payment.orderId} FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM "Payment" WHERE id = ${payment.id} FOR UPDATE`;
  const reason = `stripe_dashboard${refund.reason ? `: ${refund.reason}` : ""}`;
  const created = await tx.refund.create({
    data: {
      orderId: payment.orderId,
      paymentId: payment.id,
      amountCents: refund.amount,
      currency: (refund.currency ?? payment.currency).toUpperCase(),
      reason,
      status: "PENDING",
      providerRef: refund.id,
      requestKey: `stripe-refund:${refund.id}`,
    },
    select: { id: true, reason: true },
  });
  await tx.orderEvent.create({
    data: {
      orderId: payment.orderId,
      type: "refund_external",
      public: false,
      message: "A refund made in the Stripe dashboard was recorded on this order.",
      data: { refundId: created.id, providerRef: refund.id, amountCents: refund.amount },
    },
  });
  return created;
}

export async function syncStripeRefund(
  db: Db,
  eventId: string,
  refund: Stripe.Refund,
): Promise<{ outcome: string; note?: string }> {
  const status = refundStatusOf(refund.status);
  return runTransaction(db, async (tx) => {
    let ours: { id: string; reason: string | null } | null = await findOurRefund(tx, refund);
    let external = false;
    if (!ours) {
      ours = await recordExternalRefund(tx, refund);
      external = ours !== null;
    }
    if (!ours)
      return { outcome: "ignored_unknown_refund", note: `refund ${refund.id} is not on a payment of this store` };
    const settled = await settleRefund(tx, {
      refundId: ours.id,
      status,
      providerRef: refund.id,
      affectsOrderBalance: refundAffectsOrderBalance(ours.reason),
      failureReason: refund.failure_reason ?? null,
      source: `webhook:${eventId}`,
    });
    return { outcome: external ? `refund_recorded_external_${settled}` : `refund_${settled}` };
  });
}
