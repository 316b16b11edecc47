// Putting an order on hold for a fraud review (Order.fraudReview). A held order cannot ship
// (lib/orders/fulfilment.ts) until a seller resolves the review (./fraud-review.ts). Holds come from
// the payment side: a Stripe Radar review opened on the order's payment (review.opened webhook), or the
// test provider's elevated-risk card, which stands in for it.
//
// Idempotent per source: each hold names the signal that raised it (a Stripe review id, a test payment
// id), and a second report of the same signal changes nothing, also after the seller resolved the
// review. An order that has already shipped or was cancelled is not held (nothing left to stop), but the
// signal is still written to its timeline for the seller.
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/checkout/transaction";
import { lockOrder } from "./lock";

export interface ReviewSignal {
  orderId: string;
  /** Unique per signal, e.g. "stripe-review:prv_123" or "test-risk:<payment id>". */
  source: string;
  /** For the seller's timeline. */
  message: string;
  data?: Record<string, string | number | boolean | null>;
}

export type HoldOutcome = "held" | "already_reported" | "not_holdable" | "unknown_order";

const HOLDABLE = new Set(["PENDING_PAYMENT", "PAID", "PARTIALLY_FULFILLED"]);

export async function holdForReview(db: Db, signal: ReviewSignal): Promise<HoldOutcome> {
  return runTransaction(db, async (tx) => {
    const order = await lockOrder(tx, signal.orderId);
    if (!order) return "unknown_order";
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
          ? `${signal.message} The order is held: it cannot ship until the review is resolved.`
          : `${signal.message} The order was already ${order.status.toLowerCase().replaceAll("_", " ")}, so nothing was held.`,
        data: { ...signal.data, source: signal.source, held: holdable },
      },
    });
    return holdable ? "held" : "not_holdable";
  });
}
