// The one idempotent payment confirmation, used by every payment provider (Stripe webhooks, the test
// provider). In one transaction, under a lock on the order row: sell the reserved stock (reservations PAID;
// no inventory row is locked: the units leave stock in lib/inventory's apply, awaited after the commit),
// mark the order paid, record the payment, count the coupon, queue the confirmation email, write the holds
// (input.holds, and the store's own risk score's, ./order-risk.ts: its inputs read by the locking read).
//
// Outcomes, none of which ever keeps money for goods the store cannot ship:
//   paid          - this call confirmed the order.
//   already_paid  - a replay of the confirmation that paid it: nothing changes.
//   needs_refund  - the money arrived but the order cannot be honoured (its reservation expired and the
//                   stock is gone, the coupon ran out meanwhile, the order was cancelled, or it was
//                   already paid by another payment). The order is cancelled (if it was pending), the
//                   stock released, a "payment.refund_required" outbox event recorded (once per
//                   payment); the caller refunds outside the transaction with requestKey refundKey.
//                   So is a confirmation refused for its amount, currency or order (./refused-payment.ts).
//   rejected      - an unknown order, or a refused confirmation with nothing to give back (nothing was
//                   taken, or the payment already counts): nothing changes; the caller logs it.
import type { Db } from "@/lib/db";
import { runTransaction, type SqlTx, type Tx } from "@/lib/db/transaction";
import { isCommitInStatementRefusal } from "@/lib/db/commit-in-statement";
import { prismaTx, withPgTransaction } from "@/lib/db/pg-transaction";
import type { PaymentProvider } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { commitReservations, type NotHonouredLine } from "@/lib/inventory/commit";
import { settlePaidStock } from "@/lib/inventory/paid-stock";
import { releaseReservations } from "@/lib/inventory/release";
import { formatMoney } from "@/lib/money";
import { newId } from "@/lib/ids";
import {
  ORDER_CANCELLED_TOPIC,
  ORDER_CONFIRMATION_TOPIC,
  ORDER_STANDING_TOPIC,
  orderCancelledDedupeKey,
  orderConfirmationDedupeKey,
  orderStandingPaidDedupeKey,
  REFUND_REQUIRED_TOPIC,
  refundRequiredDedupeKey,
} from "@/lib/outbox/topics";
import { PAID_STATUSES } from "@/lib/payments/order-states";
import { lockForPayment, type LockedOrder, type PaymentLock } from "./lock";
import { holdEventsInsert, type PaymentHold } from "./review-hold";
import { assessPaymentRisk, riskColumnsSql, riskRead } from "./order-risk";
import type { ProviderRiskSignals } from "./risk-inputs";
import { countPromotionUses } from "@/lib/promotions/redeem";
import { refundRefused, type RefusedPaymentReason } from "./refused-payment";
import { refundKeyFor } from "./refund-key";

export interface MarkOrderPaidInput {
  orderId: string;
  provider: PaymentProvider;
  /** The provider's unique reference (Checkout Session id, test payment id). */
  providerRef: string;
  amountCents: number;
  currency: string;
  paymentIntentRef?: string | null;
  holds?: readonly PaymentHold[]; // fraud-review holds known now: written in the paying transaction
  riskSignals?: ProviderRiskSignals; // what the provider reported of the card, for the store's risk score
}

type OrderRefundReason =
  "out_of_stock" | "coupon_exhausted" | "promotion_exhausted" | "order_cancelled" | "duplicate_payment";
export type RefundReason = OrderRefundReason | RefusedPaymentReason;

export type MarkOrderPaidResult =
  | { outcome: "paid"; orderId: string; paymentId: string }
  | { outcome: "already_paid"; orderId: string; paymentId: string }
  | {
      outcome: "needs_refund";
      orderId: string;
      paymentId: string;
      reason: RefundReason;
      amountCents: number;
      currency: string;
      /** Idempotency key for the refund: one refund per payment, however often this is reported. */
      refundKey: string;
      lines: NotHonouredLine[];
    }
  | {
      outcome: "rejected";
      orderId: string;
      reason: "unknown_order" | "amount_mismatch" | "currency_mismatch" | "payment_of_another_order";
    };

/** Thrown inside the paying transaction to roll all of it back before cancelling in a second one. */
class CannotHonourError extends Error {
  constructor(
    readonly reason: "out_of_stock" | "coupon_exhausted" | "promotion_exhausted",
    readonly lines: NotHonouredLine[],
  ) {
    super(`order cannot be honoured: ${reason}`);
  }
}

const REFUND_MESSAGES: Record<OrderRefundReason, string> = {
  out_of_stock: "Some items sold out before your payment was completed",
  coupon_exhausted: "Your discount code reached its usage limit before your payment was completed",
  promotion_exhausted: "A promotion on your order reached its usage limit before your payment was completed",
  order_cancelled: "This order had already been cancelled",
  duplicate_payment: "This order had already been paid",
};

function validate(input: MarkOrderPaidInput): void {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents < 0)
    throw new RangeError(`amountCents must be non-negative integer minor units, got ${input.amountCents}`);
  if (!input.providerRef) throw new RangeError("providerRef is required");
}

export async function markOrderPaid(
  db: Db,
  input: MarkOrderPaidInput,
  options: { now?: Date } = {},
): Promise<MarkOrderPaidResult> {
  validate(input);
  const now = options.now ?? new Date();
  // First on the fast path: raw SQL on node-postgres, committed in the paying statement
  // (lib/db/pg-transaction.ts, lib/db/commit-in-statement.ts); a case that path does not cover (or a check
  // that failed there) rolled it back and runs the ordinary Prisma transaction.
  const pay = (fast: boolean) =>
    fast
      ? withPgTransaction(db, (tx) => payInTransaction(tx, input, now, { commitInStatement: true, db }))
      : runTransaction(db, (tx) => payInTransaction(tx, input, now, { commitInStatement: false, db }));
  try {
    const result = await pay(true).catch((error: unknown) => {
      if (isCommitInStatementRefusal(error)) return pay(false);
      throw error;
    });
    if (result.outcome === "paid") await settlePaidStock(db, result.orderId);
    return result;
  } catch (error) {
    if (!(error instanceof CannotHonourError)) throw error;
    return runTransaction(db, (tx) => cancelForRefund(tx, input, error.reason, error.lines, now));
  }
}

async function recordSucceededPayment(
  tx: Tx,
  input: MarkOrderPaidInput,
): Promise<{ id: string; wasSucceeded: boolean }> {
  const existing = await tx.payment.findUnique({
    where: { provider_providerRef: { provider: input.provider, providerRef: input.providerRef } },
    select: { id: true, status: true },
  });
  const payment = await tx.payment.upsert({
    where: { provider_providerRef: { provider: input.provider, providerRef: input.providerRef } },
    create: {
      orderId: input.orderId,
      provider: input.provider,
      providerRef: input.providerRef,
      paymentIntentRef: input.paymentIntentRef ?? null,
      amountCents: input.amountCents,
      currency: input.currency,
      status: "SUCCEEDED",
    },
    update: {
      status: "SUCCEEDED",
      amountCents: input.amountCents,
      currency: input.currency,
      failureReason: null,
      ...(input.paymentIntentRef ? { paymentIntentRef: input.paymentIntentRef } : {}),
    },
    select: { id: true },
  });
  return { id: payment.id, wasSucceeded: existing?.status === "SUCCEEDED" };
}

/** Checks that need no writes; a result means "stop here, nothing changed". */
function precheck(order: PaymentLock | null, input: MarkOrderPaidInput): MarkOrderPaidResult | null {
  if (!order) return { outcome: "rejected", orderId: input.orderId, reason: "unknown_order" };
  if (order.paymentId && order.paymentOrderId !== order.id) {
    return { outcome: "rejected", orderId: order.id, reason: "payment_of_another_order" };
  }
  if (input.currency.toUpperCase() !== order.currency) {
    return { outcome: "rejected", orderId: order.id, reason: "currency_mismatch" };
  }
  if (input.amountCents !== order.totalCents) {
    return { outcome: "rejected", orderId: order.id, reason: "amount_mismatch" };
  }
  // A succeeded payment on a paid order is either the one that paid it, or an extra payment that was
  // flagged for refund (then the caller must hear "needs_refund" again, not "already_paid").
  if (
    order.paymentId &&
    order.paymentState === "SUCCEEDED" &&
    PAID_STATUSES.has(order.status) &&
    !order.paymentFlagged
  ) {
    return { outcome: "already_paid", orderId: order.id, paymentId: order.paymentId };
  }
  return null;
}

async function queueRefund(
  tx: Tx,
  order: LockedOrder,
  input: MarkOrderPaidInput,
  paymentId: string,
  reason: RefundReason,
  lines: NotHonouredLine[],
): Promise<MarkOrderPaidResult> {
  const refundKey = refundKeyFor(paymentId);
  // A zero payment (everything discounted, free shipping) has nothing to give back. The first reason
  // recorded for a payment stays (a duplicate payment stays one if its order is cancelled later).
  if (input.amountCents > 0) {
    await tx.payment.updateMany({
      where: { id: paymentId, autoRefundReason: null },
      data: { autoRefundReason: reason },
    });
    await tx.outboxEvent.createMany({
      data: [
        {
          topic: REFUND_REQUIRED_TOPIC,
          aggregateId: order.id,
          dedupeKey: refundRequiredDedupeKey(paymentId),
          payload: {
            orderId: order.id,
            paymentId,
            amountCents: input.amountCents,
            currency: order.currency,
            reason,
            refundKey,
          },
        },
      ],
      skipDuplicates: true,
    });
  }
  return {
    outcome: "needs_refund",
    orderId: order.id,
    paymentId,
    reason,
    amountCents: input.amountCents,
    currency: order.currency,
    refundKey,
    lines,
  };
}

/** Money arrived for an order that is already paid (by another payment) or cancelled. */
async function settleUnexpectedPayment(
  tx: Tx,
  order: LockedOrder,
  input: MarkOrderPaidInput,
): Promise<MarkOrderPaidResult> {
  const reason: RefundReason = PAID_STATUSES.has(order.status) ? "duplicate_payment" : "order_cancelled";
  const payment = await recordSucceededPayment(tx, input);
  if (!payment.wasSucceeded) {
    await tx.orderEvent.create({
      data: {
        orderId: order.id,
        type: "payment_refund_required",
        message: `${REFUND_MESSAGES[reason]}. The payment of ${formatMoney(input.amountCents, order.currency)} will be refunded in full.`,
        data: { provider: input.provider, providerRef: input.providerRef, reason },
      },
    });
  }
  return queueRefund(tx, order, input, payment.id, reason, []);
}

async function payInTransaction(
  tx: SqlTx,
  input: MarkOrderPaidInput,
  now: Date,
  how: { commitInStatement: boolean; db: Db },
): Promise<MarkOrderPaidResult> {
  const read = riskRead(how.db, input.currency, input.riskSignals ?? {}, now);
  const order = await lockForPayment(tx, input, read);
  const stop = precheck(order, input);
  if (stop || !order) return (await refundRefused(tx, order, input, stop)) ?? (stop as MarkOrderPaidResult);
  if (order.status !== "PENDING_PAYMENT")
    return settleUnexpectedPayment(prismaTx(tx, "a payment for an order not waiting for one"), order, input);
  const risk = await assessPaymentRisk(tx, order, read);

  // Lock order: order row, coupon row, promotion rows, inventory rows (placeOrder: coupon, promotions, inventory).
  if (order.couponId) {
    // The guarded count and the redemption in one statement: the INSERT happens only when the UPDATE
    // matched, so its row count is the guard's.
    const counted = await tx.$executeRaw`/* prepared */
      WITH counted AS (
        UPDATE "Coupon" SET "timesRedeemed" = "timesRedeemed" + 1, "updatedAt" = ${now}
        WHERE id = ${order.couponId} AND ("usageLimit" IS NULL OR "timesRedeemed" < "usageLimit")
        RETURNING id
      )
      INSERT INTO "CouponRedemption" (id, "couponId", "orderId", email, "userId", "amountCents", "createdAt")
      SELECT ${newId()}::text, counted.id, ${order.id}::text, ${order.email.toLowerCase()}::text, ${order.userId}::text,
             ${order.discountCents}::int, ${now}::timestamp
      FROM counted`;
    if (counted !== 1) throw new CannotHonourError("coupon_exhausted", []);
  }
  // Then the limited promotions' rows (placeOrder locks them after the coupon too).
  if (order.limitedPromotions && !(await countPromotionUses(tx, order.id, now)))
    throw new CannotHonourError("promotion_exhausted", []);
  const holds = [...(input.holds ?? []), ...(risk?.hold ? [risk.hold] : [])];
  const fingerprint = input.riskSignals?.cardFingerprint ?? null;
  // Every other write of a confirmation rides in the stock commit's statement: order paid, payment
  // recorded (or its pending row updated), timeline event, confirmation email queued once, cart emptied.
  // The columns read every one of them, so they all run before the inventory update in that statement,
  // and the hot inventory rows stay locked only for the rest of it and the COMMIT right after.
  const writes = Prisma.sql`
    paid AS (
      UPDATE "Order" SET status = 'PAID', "paymentStatus" = 'PAID', "paidAt" = ${now}, "updatedAt" = ${now}, "fraudReview" = ("fraudReview" OR ${holds.length > 0}::boolean)${riskColumnsSql(risk)}
      WHERE id = ${order.id}
      RETURNING 1
    ), payment AS (
      INSERT INTO "Payment" (id, "orderId", provider, "providerRef", "paymentIntentRef", "amountCents", currency, status, "cardFingerprint", "createdAt", "updatedAt")
      VALUES (${newId()}, ${order.id}, ${input.provider}::"PaymentProvider", ${input.providerRef}, ${input.paymentIntentRef ?? null},
              ${input.amountCents}, ${order.currency}, 'SUCCEEDED', ${fingerprint}::text, ${now}::timestamp, ${now}::timestamp)
      ON CONFLICT (provider, "providerRef") DO UPDATE SET
        status = 'SUCCEEDED', "amountCents" = EXCLUDED."amountCents", currency = EXCLUDED.currency, "failureReason" = NULL,
        "cardFingerprint" = coalesce(EXCLUDED."cardFingerprint", "Payment"."cardFingerprint"),
        "paymentIntentRef" = coalesce(EXCLUDED."paymentIntentRef", "Payment"."paymentIntentRef"), "updatedAt" = EXCLUDED."updatedAt"
      RETURNING id
    ), event AS (
      INSERT INTO "OrderEvent" (id, "orderId", type, message, public, data, "createdAt")
      VALUES (${newId()}, ${order.id}, 'paid', 'Payment received. Thank you!', true,
              ${JSON.stringify({ provider: input.provider, providerRef: input.providerRef, amountCents: input.amountCents })}::jsonb,
              ${now}::timestamp)
      RETURNING 1
    ), email AS (
      INSERT INTO "OutboxEvent" (id, topic, "aggregateId", payload, "dedupeKey", "availableAt", "createdAt")
      VALUES (${newId()}, ${ORDER_CONFIRMATION_TOPIC}, ${order.id},
              ${JSON.stringify({ orderId: order.id, number: order.number, email: order.email })}::jsonb,
              ${orderConfirmationDedupeKey(order.id)}, ${now}::timestamp, ${now}::timestamp)
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING 1
    ), counts AS (
      INSERT INTO "OutboxEvent" (id, topic, "aggregateId", payload, "dedupeKey", "availableAt", "createdAt")
      VALUES (${newId()}, ${ORDER_STANDING_TOPIC}, ${order.id}, ${JSON.stringify({ orderId: order.id })}::jsonb,
              ${orderStandingPaidDedupeKey(order.id)}, ${now}::timestamp, ${now}::timestamp)
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING 1
    ), emptied AS (
      DELETE FROM "CartLine" WHERE "cartId" = ${order.cartId}
      RETURNING 1
    )${holds.length ? Prisma.sql`, held AS (${holdEventsInsert(holds, order.id, now)})` : Prisma.empty}`;
  const stock = await commitReservations(
    tx,
    order.id,
    now,
    { lines: order.heldLines, reservations: order.heldReservations },
    {
      ctes: writes,
      columns: Prisma.sql`(SELECT count(*) FROM paid) AS paid, (SELECT id FROM payment) AS "paymentId",
        (SELECT count(*) FROM event) AS events, (SELECT count(*) FROM email) AS emails, (SELECT count(*) FROM counts) AS counts,
        (SELECT count(*) FROM emptied) AS emptied`,
    },
    { commitInStatement: how.commitInStatement, stock: "after_commit" },
  );
  if (stock.notHonoured.length > 0) throw new CannotHonourError("out_of_stock", stock.notHonoured);
  const paymentId = stock.alongside?.paymentId;
  if (typeof paymentId !== "string") throw new Error(`payment row for order ${order.id} was not written`);
  return { outcome: "paid", orderId: order.id, paymentId };
}

async function cancelForRefund(
  tx: Tx,
  input: MarkOrderPaidInput,
  reason: "out_of_stock" | "coupon_exhausted" | "promotion_exhausted",
  lines: NotHonouredLine[],
  now: Date,
): Promise<MarkOrderPaidResult> {
  const order = await lockForPayment(tx, input);
  const stop = precheck(order, input);
  if (stop || !order) return (await refundRefused(tx, order, input, stop)) ?? (stop as MarkOrderPaidResult);
  // Between the two transactions another confirmation may have cancelled or paid it.
  if (order.status !== "PENDING_PAYMENT") return settleUnexpectedPayment(tx, order, input);

  await releaseReservations(tx, order.id);
  await tx.order.update({
    where: { id: order.id },
    // The money is held until the refund goes through; the refund flow moves paymentStatus on.
    data: { status: "CANCELLED", cancelledAt: now, paymentStatus: "PAID" },
  });
  const payment = await recordSucceededPayment(tx, input);
  await tx.orderEvent.create({
    data: {
      orderId: order.id,
      type: "cancelled",
      message: `${REFUND_MESSAGES[reason]}, so we cancelled the order. Your payment of ${formatMoney(input.amountCents, order.currency)} will be refunded in full.`,
      data: {
        reason,
        lines: lines.map((line) => ({ ...line })),
        provider: input.provider,
        providerRef: input.providerRef,
      },
    },
  });
  await tx.outboxEvent.createMany({
    data: [
      {
        topic: ORDER_CANCELLED_TOPIC,
        aggregateId: order.id,
        dedupeKey: orderCancelledDedupeKey(order.id),
        payload: { orderId: order.id, number: order.number, email: order.email, reason },
      },
    ],
    skipDuplicates: true,
  });
  return queueRefund(tx, order, input, payment.id, reason, lines);
}
