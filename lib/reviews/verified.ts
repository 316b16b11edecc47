// The "verified buyer" mark after the review was saved. It is computed when a review is saved
// (./write.ts isVerifiedBuyer), but an order's standing can change later: a paid order refunded (even
// partly) or cancelled no longer makes its buyer a verified one, and a refund undone makes them one again.
// Every such change queues ORDER_STANDING_TOPIC (lib/outbox/topics.ts) in its transaction; the worker then
// recomputes the mark of the account's reviews of that order's products, from the orders as they are now,
// so replays and reordered events change nothing. The product pages show the new mark once their cached
// reviews are read again (at most an hour: lib/catalog/cache.ts getProductReviews): a badge, not a figure
// anything is computed from.
import type { Tx } from "@/lib/db/transaction";
import { isVerifiedBuyer } from "./write";

/** Recomputes the mark of the order's account's reviews of its products; returns the reviews changed. */
export async function refreshVerifiedBuyers(tx: Tx, orderId: string): Promise<number> {
  const order = await tx.order.findUnique({
    where: { id: orderId },
    select: { userId: true, lines: { select: { productId: true } } },
  });
  if (!order?.userId) return 0;
  const productIds = [...new Set(order.lines.flatMap((line) => (line.productId ? [line.productId] : [])))];
  const reviews = await tx.review.findMany({
    where: { userId: order.userId, productId: { in: productIds } },
    select: { id: true, productId: true, verified: true },
  });
  let changed = 0;
  for (const review of reviews) {
    const verified = await isVerifiedBuyer(tx, order.userId, review.productId);
    if (verified === review.verified) continue;
    // Guarded by the value read: a concurrent recomputation that already wrote it counts nothing.
    const updated = await tx.review.updateMany({
      where: { id: review.id, verified: review.verified },
      data: { verified },
    });
    changed += updated.count;
  }
  return changed;
}
