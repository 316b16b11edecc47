// Clearing an order's fraud-review hold (Order.fraudReview). A held order cannot ship
// (lib/orders/fulfilment.ts); resolving the review releases it, with the seller's note in the timeline
// (for the seller only) and the audit log. Resolving an order that is not held changes nothing.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { withLockedOrder, staffInput, recordIdSchema, recordOrderChange, type OrderActor } from "./admin-common";

export const resolveFraudReviewSchema = z.object({
  orderId: recordIdSchema,
  note: z
    .string({ error: "Say what the review found." })
    .trim()
    .min(3, "Say what the review found (at least 3 characters).")
    .max(500, "A note is at most 500 characters."),
});

export type ResolveFraudReviewInput = z.input<typeof resolveFraudReviewSchema>;

export async function resolveFraudReview(
  db: Db,
  actor: OrderActor,
  rawInput: ResolveFraudReviewInput,
): Promise<{ outcome: "resolved" | "not_held" }> {
  const input = staffInput(actor, resolveFraudReviewSchema, rawInput);
  return withLockedOrder(db, input.orderId, async (tx, order) => {
    if (!order.fraudReview) return { outcome: "not_held" as const };
    await tx.order.update({ where: { id: order.id }, data: { fraudReview: false } });
    await recordOrderChange(tx, actor, order.id, {
      events: [
        {
          type: "fraud_review_resolved",
          public: false,
          message: `Fraud review resolved: ${input.note}`,
          data: { note: input.note },
        },
      ],
      audit: { action: "order.fraud_review.resolve", data: { note: input.note } },
    });
    return { outcome: "resolved" as const };
  });
}
