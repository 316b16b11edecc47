// The difference of a dearer exchange (docs/returns.md#a-dearer-exchange). Approving it holds the new
// variant until `differenceDueBy` (./returns-review.ts); the shopper pays the difference through the
// store's payment provider, the one checkout uses (lib/payments: a Stripe Checkout Session, or the test
// provider in demo mode), as a Payment of the order tagged with the return. The provider's confirmation
// (the Stripe webhook, the test card) calls markExchangeDifferencePaid, which is idempotent: the payment is
// recorded once (its provider reference is unique), the return is marked paid through a guarded UPDATE
// (`WHERE "differencePaidAt" IS NULL`), and money that arrives twice, too late (the hold ran out) or for
// another amount than the one asked is refunded in full through the outbox, as checkout does. Unpaid at
// `differenceDueBy`, releaseUnpaidExchanges gives the held units back and the return falls back to refunding
// the credit.
// Every step runs under the order's row lock (lockReturn), after which the state is read again.
import type { Db } from "@/lib/db";
import { runTransaction, type Tx } from "@/lib/db/transaction";
import type { PaymentProvider as PaymentProviderId } from "@/lib/generated/prisma/enums";
import { releaseExchangeHold, sellHeldExchangeUnits } from "@/lib/inventory/returns";
import { formatMoney } from "@/lib/money";
import { awaitsDifference } from "@/lib/payments/payable-difference";
import { REFUND_REQUIRED_TOPIC, refundRequiredDedupeKey } from "@/lib/outbox/topics";
import { refundKeyFor } from "./refund-key";
import { lockReturn, queueReturnEmail, type LockedReturn } from "./returns-rules";

export interface DifferencePaidInput {
  provider: PaymentProviderId;
  /** The provider's reference of the payment the store started (Checkout Session id, test payment ref). */
  providerRef: string;
  paymentIntentRef?: string | null;
  amountCents: number;
  currency: string;
  /**
   * When the shopper paid, as the provider reports it (Stripe: the completion event's time). A payment
   * made inside the hold and confirmed after it ended (a webhook delivered or retried late) still counts
   * as on time while the hold has not been released. Default: now.
   */
  paidAt?: Date;
}

/** Why a difference payment goes back in full (Payment.autoRefundReason; none of it is the order's balance). */
const DIFFERENCE_REFUND_REASONS = ["duplicate_payment", "exchange_released", "amount_mismatch"] as const;
type DifferenceRefundReason = (typeof DIFFERENCE_REFUND_REASONS)[number];

export type DifferencePaidResult =
  | { outcome: "paid" | "already_paid"; returnId: string; orderId: string }
  | { outcome: "needs_refund"; reason: DifferenceRefundReason; returnId: string; orderId: string; paymentId: string }
  | { outcome: "rejected"; reason: "unknown_payment" | "amount_mismatch" };

/** Confirms the payment of a return's difference (provider confirmation). Idempotent. */
export async function markExchangeDifferencePaid(
  db: Db,
  input: DifferencePaidInput,
  options: { now?: Date } = {},
): Promise<DifferencePaidResult> {
  const now = options.now ?? new Date();
  const started = await db.payment.findUnique({
    where: { provider_providerRef: { provider: input.provider, providerRef: input.providerRef } },
    select: { returnId: true },
  });
  if (!started?.returnId) return { outcome: "rejected", reason: "unknown_payment" };
  const returnId = started.returnId;
  return runTransaction(db, async (tx) => {
    const { order, request } = await lockReturn(tx, returnId);
    // Read again under the order's lock: a concurrent confirmation of the same payment waited for it.
    const payment = await tx.payment.findUniqueOrThrow({
      where: { provider_providerRef: { provider: input.provider, providerRef: input.providerRef } },
      select: { id: true, status: true, amountCents: true, currency: true, autoRefundReason: true },
    });
    const ids = { returnId, orderId: order.id };
    if (payment.amountCents !== input.amountCents || payment.currency !== input.currency) {
      // Taken, but not what was asked: it pays nothing, and what the provider took goes back in full (the
      // payment then records that amount, so the refund is exactly it). A payment already confirmed with the
      // right amount is left as it is; so is one that took nothing.
      if (payment.status === "SUCCEEDED" || input.amountCents <= 0) {
        return { outcome: "rejected", reason: "amount_mismatch" };
      }
      const taken = { amountCents: input.amountCents, currency: input.currency };
      await tx.payment.update({
        where: { id: payment.id },
        data: { status: "SUCCEEDED", ...taken, paymentIntentRef: input.paymentIntentRef ?? undefined },
      });
      await refundInFull(tx, order, { id: payment.id, ...taken }, "amount_mismatch");
      return { outcome: "needs_refund", reason: "amount_mismatch", paymentId: payment.id, ...ids };
    }
    if (payment.status === "SUCCEEDED") {
      // A replay answers as the first confirmation did: paid, or money on its way back.
      const refunding = DIFFERENCE_REFUND_REASONS.find((reason) => reason === payment.autoRefundReason);
      return refunding
        ? { outcome: "needs_refund", reason: refunding, paymentId: payment.id, ...ids }
        : { outcome: "already_paid", ...ids };
    }
    await tx.payment.update({
      where: { id: payment.id },
      data: { status: "SUCCEEDED", paymentIntentRef: input.paymentIntentRef ?? undefined },
    });
    if (!awaitsDifference(request) || (input.paidAt ?? now) > request.differenceDueBy!) {
      // Paid twice (another payment got there first) or after the hold ran out: give it back in full. Either
      // way it is money the order never counted, so its refund leaves the order's balance alone.
      const reason = request.differencePaidAt ? "duplicate_payment" : "exchange_released";
      await refundInFull(tx, order, payment, reason);
      return { outcome: "needs_refund", reason, paymentId: payment.id, ...ids };
    }
    for (const line of request.lines) {
      if (!line.exchangeOrderLine || !line.exchangeVariantId) continue;
      await sellHeldExchangeUnits(tx, {
        orderId: order.id,
        orderLineId: line.exchangeOrderLine.id,
        variantId: line.exchangeVariantId,
        quantity: line.exchangeOrderLine.quantity,
        now,
      });
    }
    const marked = await tx.returnRequest.updateMany({
      where: { id: returnId, differencePaidAt: null },
      data: { differencePaidAt: now },
    });
    if (marked.count !== 1) throw new Error(`return ${returnId}: difference already marked paid`);
    // The exchange is now to ship: the order reopens as checkout's partial shipments do.
    if (order.status === "FULFILLED" || order.status === "DELIVERED") {
      await tx.order.update({ where: { id: order.id }, data: { status: "PARTIALLY_FULFILLED" } });
    }
    await tx.orderEvent.create({
      data: {
        orderId: order.id,
        type: "return_difference_paid",
        public: true,
        message: `Exchange difference of ${formatMoney(request.differenceCents, order.currency)} paid: the exchange ships once the return arrives.`,
        data: { returnId, paymentId: payment.id, provider: input.provider },
      },
    });
    await queueReturnEmail(tx, order.id, returnId, "difference_paid");
    return { outcome: "paid", ...ids };
  });
}

const REFUND_CAUSES: Record<DifferenceRefundReason, string> = {
  duplicate_payment: "arrived twice",
  exchange_released: "arrived after the exchange was released",
  amount_mismatch: "was not the amount asked",
};

async function refundInFull(
  tx: Tx,
  order: LockedReturn["order"],
  payment: { id: string; amountCents: number; currency: string },
  reason: DifferenceRefundReason,
) {
  await tx.payment.updateMany({
    where: { id: payment.id, autoRefundReason: null },
    data: { autoRefundReason: reason },
  });
  await tx.outboxEvent.createMany({
    data: [
      {
        topic: REFUND_REQUIRED_TOPIC,
        aggregateId: order.id,
        dedupeKey: refundRequiredDedupeKey(payment.id),
        payload: {
          orderId: order.id,
          paymentId: payment.id,
          amountCents: payment.amountCents,
          currency: payment.currency,
          reason,
          refundKey: refundKeyFor(payment.id),
        },
      },
    ],
    skipDuplicates: true,
  });
  await tx.orderEvent.create({
    data: {
      orderId: order.id,
      type: "payment_refund_required",
      message: `A payment of ${formatMoney(payment.amountCents, payment.currency)} for an exchange difference ${REFUND_CAUSES[reason]}: it will be refunded in full.`,
      data: { paymentId: payment.id, reason },
    },
  });
}

/**
 * Releases dearer exchanges left unpaid at `differenceDueBy`: the held units go back on sale, the exchange
 * line is removed, and the return goes on as a plain return (the credit is refunded once received).
 * Returns how many returns fell back. Safe beside payments: each return is re-checked under its lock.
 */
export async function releaseUnpaidExchanges(db: Db, now: Date = new Date(), limit = 100): Promise<number> {
  const due = await db.returnRequest.findMany({
    where: { differenceDueBy: { lte: now }, differencePaidAt: null },
    orderBy: { differenceDueBy: "asc" },
    take: limit,
    select: { id: true },
  });
  let released = 0;
  for (const { id } of due) {
    const fellBack = await runTransaction(db, async (tx) => {
      const { order, request } = await lockReturn(tx, id);
      if (!awaitsDifference(request) || request.differenceDueBy! > now) return false;
      for (const line of request.lines) {
        if (!line.exchangeOrderLine) continue;
        await releaseExchangeHold(tx, line.exchangeOrderLine.id);
        await tx.returnLine.update({ where: { id: line.id }, data: { exchangeOrderLineId: null } });
        await tx.orderLine.deleteMany({ where: { id: line.exchangeOrderLine.id, fulfilledQuantity: 0 } });
      }
      await tx.returnLine.updateMany({ where: { returnId: id }, data: { exchangeVariantId: null, exchangeCents: 0 } });
      await tx.returnRequest.update({ where: { id }, data: { differenceCents: 0, differenceDueBy: null } });
      // A payment page still open for it can no longer pay (a payment arriving anyway is refunded).
      await tx.payment.updateMany({ where: { returnId: id, status: "PENDING" }, data: { status: "EXPIRED" } });
      await tx.orderEvent.create({
        data: {
          orderId: order.id,
          type: "return_exchange_released",
          public: true,
          message:
            "The exchange's difference was not paid in time, so the exchange was released: your return will be refunded once it arrives.",
          data: { returnId: id },
        },
      });
      await queueReturnEmail(tx, order.id, id, "exchange_released");
      return true;
    });
    if (fellBack) released++;
  }
  return released;
}
