// Moving a refund to its final status and the order's money counters with it, in the caller's
// transaction. Used by performRefund when the provider answers (./refunds.ts) and by Stripe's refund
// webhooks (./stripe-refund-webhook.ts), which may report the same change again, or later: each status
// change is a guarded UPDATE on the refund row (`WHERE status = <expected>`), so exactly one caller
// moves the counters, whatever the order and number of reports.
//
// Transitions (Stripe's refund lifecycle: pending -> succeeded | failed | canceled, and a succeeded
// refund can still fail later, e.g. the card was closed):
//   PENDING   -> SUCCEEDED  the amount counts as refunded (refundedCents, paymentStatus, REFUNDED status
//                           when the order is refunded in full); the shopper's timeline says so;
//   PENDING   -> FAILED     nothing was counted; the seller's timeline says it needs attention;
//   SUCCEEDED -> FAILED     the count is taken back: the amount is refundable again, the payment status
//                           and the order status (REFUNDED -> what its shipments say) are restored.
// A FAILED refund is final (Stripe never revives one); a late "succeeded" report for it is ignored.
import type { Tx } from "@/lib/db/transaction";
import type { RefundStatus } from "@/lib/generated/prisma/enums";
import { fulfilmentStatusOf } from "./order-states";
import { formatMoney } from "@/lib/money";
import { enqueue } from "@/lib/outbox";
import { ORDER_STANDING_TOPIC } from "@/lib/outbox/topics";

export interface SettleRefundInput {
  refundId: string;
  status: RefundStatus;
  providerRef?: string | null;
  /** Whether the refund gives back money the order counted (false for a duplicate payment's refund). */
  affectsOrderBalance: boolean;
  /** The provider's failure reason, for the seller. */
  failureReason?: string | null;
  /** Where the news came from, for the timeline data ("provider", "webhook:evt_..."). */
  source?: string;
}

export type SettleRefundOutcome = "succeeded" | "failed" | "reversed" | "unchanged";

interface RefundState {
  id: string;
  orderId: string;
  amountCents: number;
  currency: string;
  reason: string | null;
  status: RefundStatus;
  providerRef: string | null;
}

/**
 * Automatic refunds of money the order never counted (see refund-required.ts): a duplicate payment, an
 * exchange difference that arrived after its exchange was released or for another amount than the one asked
 * (lib/orders/returns-difference.ts), and an order payment refused for its amount, currency or order
 * (lib/orders/refused-payment.ts). Such a payment is never the order's balance either
 * (lib/orders/refund-order.ts lockOrderPayment).
 */
export const OUTSIDE_BALANCE_REFUND_REASONS = [
  "duplicate_payment",
  "exchange_released",
  "amount_mismatch",
  "currency_mismatch",
  "payment_of_another_order",
] as const;

export function refundAffectsOrderBalance(reason: string | null): boolean {
  return !(OUTSIDE_BALANCE_REFUND_REASONS as readonly (string | null)[]).includes(reason);
}

async function move(
  tx: Tx,
  refund: RefundState,
  from: RefundStatus,
  to: RefundStatus,
  providerRef: string | null | undefined,
): Promise<boolean> {
  const moved = await tx.refund.updateMany({
    where: { id: refund.id, status: from },
    data: { status: to, ...(providerRef && !refund.providerRef ? { providerRef } : {}) },
  });
  return moved.count === 1;
}

async function count(tx: Tx, refund: RefundState): Promise<void> {
  // Money counters in SQL, so concurrent refunds of one order add up instead of overwriting. A cancelled
  // order stays CANCELLED and one closed after a failed payment stays PAYMENT_FAILED (the refund of a late
  // payment is the closing's); any other paid order refunded in full
  // becomes REFUNDED.
  await tx.$executeRaw`
    UPDATE "Order"
    SET "refundedCents" = "refundedCents" + ${refund.amountCents},
        "paymentStatus" = (CASE WHEN "refundedCents" + ${refund.amountCents} >= "totalCents"
                                THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END)::"PaymentStatus",
        status = (CASE WHEN "refundedCents" + ${refund.amountCents} >= "totalCents" AND status::text NOT IN ('CANCELLED', 'PAYMENT_FAILED', 'PENDING_PAYMENT')
                       THEN 'REFUNDED' ELSE status::text END)::"OrderStatus",
        "updatedAt" = timezone('UTC', now())
    WHERE id = ${refund.orderId}`;
  await queueStandingCheck(tx, refund.orderId);
}

/** A refund changes the order's paid standing (see ORDER_STANDING_TOPIC): a refund in full takes it out of
 *  the co-purchase counts, any refund takes the "verified buyer" mark from the account's reviews of its
 *  products, and undoing it puts both back. */
async function queueStandingCheck(tx: Tx, orderId: string): Promise<void> {
  await enqueue(tx, { topic: ORDER_STANDING_TOPIC, aggregateId: orderId, payload: { orderId } });
}

async function uncount(tx: Tx, refund: RefundState): Promise<void> {
  const [order] = await tx.$queryRaw<{ status: string; refundedCents: number }[]>`
    SELECT status::text AS status, "refundedCents" FROM "Order" WHERE id = ${refund.orderId} FOR UPDATE`;
  if (!order) return;
  const refundedCents = Math.max(0, order.refundedCents - refund.amountCents);
  let status = order.status;
  if (status === "REFUNDED") {
    const [lines, shipments] = await Promise.all([
      tx.orderLine.findMany({
        where: { orderId: refund.orderId },
        select: { quantity: true, fulfilledQuantity: true },
      }),
      tx.shipment.findMany({ where: { orderId: refund.orderId }, select: { status: true } }),
    ]);
    status = fulfilmentStatusOf(lines, shipments);
  }
  await tx.$executeRaw`
    UPDATE "Order"
    SET "refundedCents" = ${refundedCents},
        "paymentStatus" = (CASE WHEN ${refundedCents}::int = 0 THEN 'PAID' ELSE 'PARTIALLY_REFUNDED' END)::"PaymentStatus",
        status = ${status}::"OrderStatus",
        "updatedAt" = timezone('UTC', now())
    WHERE id = ${refund.orderId}`;
  await queueStandingCheck(tx, refund.orderId);
}

export async function settleRefund(tx: Tx, input: SettleRefundInput): Promise<SettleRefundOutcome> {
  const refund = await tx.refund.findUnique({
    where: { id: input.refundId },
    select: {
      id: true,
      orderId: true,
      amountCents: true,
      currency: true,
      reason: true,
      status: true,
      providerRef: true,
    },
  });
  if (!refund) throw new Error(`refund ${input.refundId} does not exist`);
  const amount = formatMoney(refund.amountCents, refund.currency);
  const data = {
    refundId: refund.id,
    amountCents: refund.amountCents,
    reason: refund.reason,
    providerRef: input.providerRef ?? refund.providerRef,
    ...(input.failureReason ? { failureReason: input.failureReason } : {}),
    ...(input.source ? { source: input.source } : {}),
  };

  if (input.status === "SUCCEEDED") {
    if (!(await move(tx, refund, "PENDING", "SUCCEEDED", input.providerRef))) return "unchanged";
    if (input.affectsOrderBalance) await count(tx, refund);
    await tx.orderEvent.create({
      data: {
        orderId: refund.orderId,
        type: "refunded",
        message: `${amount} was refunded to your original payment method.`,
        data,
      },
    });
    return "succeeded";
  }

  if (input.status === "FAILED") {
    const why = input.failureReason ? ` (${input.failureReason.replaceAll("_", " ")})` : "";
    if (await move(tx, refund, "PENDING", "FAILED", input.providerRef)) {
      await tx.orderEvent.create({
        data: {
          orderId: refund.orderId,
          type: "refund_failed",
          public: false,
          message: `The refund of ${amount} failed at the payment provider${why} and needs attention. The amount can be refunded again.`,
          data,
        },
      });
      return "failed";
    }
    if (await move(tx, refund, "SUCCEEDED", "FAILED", input.providerRef)) {
      if (input.affectsOrderBalance) await uncount(tx, refund);
      await tx.orderEvent.create({
        data: {
          orderId: refund.orderId,
          type: "refund_failed",
          public: false,
          message: `The refund of ${amount} failed after the payment provider had accepted it${why}. The money did not reach the shopper; the amount can be refunded again.`,
          data,
        },
      });
      return "reversed";
    }
    return "unchanged";
  }

  // Still pending: only learn the provider's reference if we did not have it yet.
  if (input.providerRef && !refund.providerRef) {
    await tx.refund.updateMany({
      where: { id: refund.id, providerRef: null },
      data: { providerRef: input.providerRef },
    });
  }
  return "unchanged";
}
