// A confirmed payment that markOrderPaid refuses (./mark-paid.ts precheck): the provider took another amount
// or currency than the order's total, or the payment (a Checkout Session) was started for another order than
// the one its confirmation names. The money was taken all the same, and no order keeps it, so it goes back
// in full: the payment records what the provider actually took, the refund runs through the outbox
// ("payment.refund_required", one per payment, however often the confirmation is delivered), and the
// seller's order page shows an alert. The refund is outside the order's balance (refund-settlement.ts
// OUTSIDE_BALANCE_REFUND_REASONS): the order stays as it was, so the shopper can still pay the right amount.
// Runs in markOrderPaid's transaction, under the lock of the order the confirmation names.
import type { SqlTx, Tx } from "@/lib/db/transaction";
import { prismaTx } from "@/lib/db/pg-transaction";
import type { PaymentProvider } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money";
import { REFUND_REQUIRED_TOPIC, refundRequiredDedupeKey } from "@/lib/outbox/topics";
import type { LockedOrder } from "./lock";
import { refundKeyFor } from "./refund-key";

export const REFUSED_PAYMENT_REASONS = ["amount_mismatch", "currency_mismatch", "payment_of_another_order"] as const;
export type RefusedPaymentReason = (typeof REFUSED_PAYMENT_REASONS)[number];

/** The order event behind the seller's alert (admin order page, RefusedPaymentAlerts). */
export const PAYMENT_REFUSED_EVENT = "payment_refused";

const WHAT_DID_NOT_MATCH: Record<RefusedPaymentReason, string> = {
  amount_mismatch: "amount did not match",
  currency_mismatch: "currency did not match",
  payment_of_another_order: "the payment was started for another order",
};

export interface RefusedPaymentInput {
  provider: PaymentProvider;
  providerRef: string;
  amountCents: number;
  currency: string;
  paymentIntentRef?: string | null;
}

export interface RefusedPaymentRefund {
  /** The order whose payment row it is (the one the refund shows on). */
  orderId: string;
  paymentId: string;
  reason: RefusedPaymentReason;
  amountCents: number;
  currency: string;
  refundKey: string;
}

export function isRefusedPaymentReason(reason: string | null): reason is RefusedPaymentReason {
  return (REFUSED_PAYMENT_REASONS as readonly (string | null)[]).includes(reason);
}

/**
 * markOrderPaid's refusal (precheck's stop, under the order's lock): the needs_refund answer when the money
 * goes back, null when the refusal stands as it is (an unknown order, nothing to give back).
 */
export async function refundRefused(
  tx: SqlTx,
  order: LockedOrder | null,
  input: RefusedPaymentInput,
  stop: { outcome: string; reason?: string } | null,
) {
  const reason = stop?.outcome === "rejected" ? (stop.reason ?? null) : null;
  if (!order || !isRefusedPaymentReason(reason)) return null;
  const refund = await refundRefusedPayment(prismaTx(tx, "a refused payment's refund"), order, input, reason);
  return refund ? { outcome: "needs_refund" as const, ...refund, orderId: order.id, lines: [] } : null;
}

/**
 * Records the refused payment as taken and queues its refund in full. Null when there is nothing to give
 * back: the provider took nothing, or the payment already counts (it paid its order, or goes back for
 * another reason). A replay of the same confirmation answers with the refund already queued.
 */
async function refundRefusedPayment(
  tx: Tx,
  order: LockedOrder,
  input: RefusedPaymentInput,
  reason: RefusedPaymentReason,
): Promise<RefusedPaymentRefund | null> {
  if (input.amountCents <= 0) return null;
  const taken = { amountCents: input.amountCents, currency: input.currency.toUpperCase() };
  const where = { provider_providerRef: { provider: input.provider, providerRef: input.providerRef } };
  const existing = await tx.payment.findUnique({
    where,
    select: { id: true, orderId: true, status: true, autoRefundReason: true, amountCents: true, currency: true },
  });
  if (existing?.status === "SUCCEEDED") {
    if (!isRefusedPaymentReason(existing.autoRefundReason)) return null;
    const { id, orderId, autoRefundReason, amountCents, currency } = existing;
    return { orderId, paymentId: id, reason: autoRefundReason, amountCents, currency, refundKey: refundKeyFor(id) };
  }
  const recorded = { status: "SUCCEEDED" as const, ...taken, autoRefundReason: reason, failureReason: null };
  const intent = input.paymentIntentRef ? { paymentIntentRef: input.paymentIntentRef } : {};
  let payment: { id: string; orderId: string };
  if (existing) {
    // Guarded: a payment of another order is not under this order's lock, and its own confirmation may
    // have just counted it; then it is that order's money and stays.
    const moved = await tx.payment.updateMany({
      where: { id: existing.id, status: { not: "SUCCEEDED" } },
      data: { ...recorded, ...intent },
    });
    if (moved.count !== 1) return null;
    payment = existing;
  } else {
    payment = await tx.payment.create({
      data: { orderId: order.id, provider: input.provider, providerRef: input.providerRef, ...recorded, ...intent },
      select: { id: true, orderId: true },
    });
  }
  const refund = {
    orderId: payment.orderId,
    paymentId: payment.id,
    reason,
    ...taken,
    refundKey: refundKeyFor(payment.id),
  };
  await tx.outboxEvent.createMany({
    data: [
      {
        topic: REFUND_REQUIRED_TOPIC,
        aggregateId: refund.orderId,
        dedupeKey: refundRequiredDedupeKey(payment.id),
        payload: { ...refund },
      },
    ],
    skipDuplicates: true,
  });
  await recordRefusal(tx, order, refund);
  return refund;
}

async function recordRefusal(tx: Tx, order: LockedOrder, refund: RefusedPaymentRefund): Promise<void> {
  const paid = formatMoney(refund.amountCents, refund.currency);
  const expected = formatMoney(order.totalCents, order.currency);
  const data = { paymentId: refund.paymentId, reason: refund.reason, amountCents: refund.amountCents };
  const orderIds = [...new Set([order.id, refund.orderId])];
  await tx.orderEvent.createMany({
    data: orderIds.flatMap((orderId) => [
      {
        orderId,
        type: PAYMENT_REFUSED_EVENT,
        public: false,
        message: `Payment refused and refunded: ${WHAT_DID_NOT_MATCH[refund.reason]}. The provider took ${paid} (order #${order.number} is ${expected}); it goes back to the shopper in full and the order's balance is unchanged.`,
        data,
      },
      {
        orderId,
        type: "payment_refund_required",
        public: true,
        message: `A payment of ${paid} did not match this order, so it was not applied: it will be refunded in full.`,
        data,
      },
    ]),
  });
}
