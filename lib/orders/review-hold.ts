// Putting an order on hold for a fraud review (Order.fraudReview). A held order cannot ship
// (lib/orders/fulfilment.ts) until a seller resolves the review (./fraud-review.ts). A signal known when
// the payment is confirmed (the test provider's elevated-risk card, the store's own risk score) is a
// PaymentHold that markOrderPaid writes in the transaction that marks the order paid, so no paid order
// ever exists unheld (./mark-paid.ts). holdForReview is for a signal that arrives on its own later: a
// Stripe Radar review opened on the order's payment (review.opened webhook).
//
// Idempotent per source: each hold names the signal that raised it (a Stripe review id, a test payment
// id), and a second report of the same signal changes nothing, also after the seller resolved the
// review. An order that has already shipped or was cancelled is not held (nothing left to stop), but the
// signal is still written to its timeline for the seller.
//
// A signal can also be closed by its source (Stripe: review.closed). Approved, it releases the hold when
// no other open signal holds the order; closed any other way (refunded as fraud, disputed...), the order
// stays held for the seller to decide. Either way the closure is written to the timeline, once.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { withLockedOrder } from "./admin-common";

export interface ReviewSignal {
  orderId: string;
  /** Unique per signal, e.g. "stripe-review:prv_123" or "test-risk:<payment id>". */
  source: string;
  /** For the seller's timeline. */
  message: string;
  data?: Record<string, string | number | boolean | null>;
}

export type HoldOutcome = "held" | "already_reported" | "not_holdable";

/** A signal known when the payment is confirmed: markOrderPaid writes it in the paying transaction. */
export type PaymentHold = Omit<ReviewSignal, "orderId">;

/** The INSERT of the holds' timeline entries, for markOrderPaid's paying statement (a CTE body). */
export function holdEventsInsert(holds: readonly PaymentHold[], orderId: string, now: Date): Prisma.Sql {
  const rows = holds.map((hold) => {
    const event = heldEventOf(hold);
    return Prisma.sql`(${newId()}, ${orderId}, 'fraud_review_opened', ${event.message}, false,
      ${JSON.stringify(event.data)}::jsonb, ${now}::timestamp)`;
  });
  return Prisma.sql`INSERT INTO "OrderEvent" (id, "orderId", type, message, public, data, "createdAt")
    VALUES ${Prisma.join(rows)} RETURNING 1`;
}

/** The seller's timeline entry of a hold that took effect (shared with markOrderPaid). */
export function heldEventOf(signal: PaymentHold): {
  message: string;
  data: Record<string, string | number | boolean | null>;
} {
  return {
    message: `${signal.message} The order is held: it cannot ship until the review is resolved.`,
    data: { ...signal.data, source: signal.source, held: true },
  };
}

const HOLDABLE = new Set(["PENDING_PAYMENT", "PAID", "PARTIALLY_FULFILLED"]);

export async function holdForReview(db: Db, signal: ReviewSignal): Promise<HoldOutcome> {
  return withLockedOrder(db, signal.orderId, async (tx, order) => {
    const reported = await tx.orderEvent.findFirst({
      where: { orderId: order.id, type: "fraud_review_opened", data: { path: ["source"], equals: signal.source } },
      select: { id: true },
    });
    if (reported) return "already_reported";
    const holdable = HOLDABLE.has(order.status);
    if (holdable) await tx.order.update({ where: { id: order.id }, data: { fraudReview: true } });
    await tx.orderEvent.create({
      data: {
        orderId: order.id,
        type: "fraud_review_opened",
        public: false,
        message: holdable
          ? heldEventOf(signal).message
          : `${signal.message} The order was already ${order.status.toLowerCase().replaceAll("_", " ")}, so nothing was held.`,
        data: holdable ? heldEventOf(signal).data : { ...signal.data, source: signal.source, held: false },
      },
    });
    return holdable ? "held" : "not_holdable";
  });
}

export interface ReviewClosure {
  orderId: string;
  /** The source the hold was opened with. */
  source: string;
  approved: boolean;
  message: string;
  data?: Record<string, string | number | boolean | null>;
}

export type ClosureOutcome = "released" | "still_held" | "recorded" | "already_reported";

export async function closeReviewSignal(db: Db, closure: ReviewClosure): Promise<ClosureOutcome> {
  return withLockedOrder(db, closure.orderId, async (tx, { fraudReview, ...order }) => {
    const events = await tx.orderEvent.findMany({
      where: { orderId: order.id, type: { in: ["fraud_review_opened", "fraud_review_closed"] } },
      select: { type: true, data: true },
    });
    const sourceOf = (data: unknown) =>
      data && typeof data === "object" && "source" in data ? String(data.source) : null;
    if (events.some((event) => event.type === "fraud_review_closed" && sourceOf(event.data) === closure.source))
      return "already_reported";
    const closed = new Set(
      events.filter((event) => event.type === "fraud_review_closed").map((event) => sourceOf(event.data)),
    );
    const stillOpen = events.filter(
      (event) =>
        event.type === "fraud_review_opened" &&
        !closed.has(sourceOf(event.data)) &&
        sourceOf(event.data) !== closure.source,
    );
    const release = closure.approved && fraudReview && stillOpen.length === 0;
    if (release) await tx.order.update({ where: { id: order.id }, data: { fraudReview: false } });
    const outcome = release ? "released" : closure.approved && fraudReview ? "still_held" : "recorded";
    const suffix = {
      released: " The hold is released: the order can ship.",
      still_held: " Another signal still holds the order.",
      recorded: fraudReview ? " The order stays held until the review is resolved here." : "",
    }[outcome];
    await tx.orderEvent.create({
      data: {
        orderId: order.id,
        type: "fraud_review_closed",
        public: false,
        message: `${closure.message}${suffix}`,
        data: { ...closure.data, source: closure.source, approved: closure.approved, released: release },
      },
    });
    return outcome;
  });
}
