// Clearing an order's fraud-review hold (Order.fraudReview). A held order cannot ship
// (lib/orders/fulfilment.ts); resolving the review releases it, with the seller's note in the timeline
// (for the seller only) and the audit log. Resolving an order that is not held changes nothing.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/log";
import { runTransaction } from "@/lib/db/transaction";
import { assertStaff, lockOrderForAdmin, parseInput, recordIdSchema, type OrderActor } from "./admin-common";

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
  assertStaff(actor);
  const input = parseInput(resolveFraudReviewSchema, rawInput);
  return runTransaction(db, async (tx) => {
    const order = await lockOrderForAdmin(tx, input.orderId);
    if (!order.fraudReview) return { outcome: "not_held" as const };
    await tx.order.update({ where: { id: order.id }, data: { fraudReview: false } });
    await tx.orderEvent.create({
      data: {
        orderId: order.id,
        type: "fraud_review_resolved",
        public: false,
        actorId: actor.id,
        message: `Fraud review resolved: ${input.note}`,
        data: { note: input.note },
      },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "order.fraud_review.resolve",
      entityType: "Order",
      entityId: order.id,
      data: { note: input.note },
    });
    return { outcome: "resolved" as const };
  });
}
