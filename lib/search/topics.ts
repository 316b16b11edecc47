// The search outbox topic and how other domains queue a product's document for refresh, in their own
// transaction. Kept apart from ./sync.ts (the worker's side, which reads products and stock to build
// documents) so that domains search depends on, such as inventory, can queue a reindex without importing
// search's reading side: this module imports nothing but the outbox.
import { enqueueMany, type OutboxWriter } from "@/lib/outbox";

export const SEARCH_UPSERT_TOPIC = "search.product.upsert";

/** Queue a product's document for refresh, in the caller's transaction. */
export async function enqueueProductReindex(tx: OutboxWriter, productId: string): Promise<void> {
  await enqueueProductsReindex(tx, [productId]);
}

export async function enqueueProductsReindex(tx: OutboxWriter, productIds: readonly string[]): Promise<void> {
  await enqueueMany(
    tx,
    [...new Set(productIds)].map((productId) => ({
      topic: SEARCH_UPSERT_TOPIC,
      aggregateId: productId,
      payload: { productId },
    })),
  );
}

/** Whether a stock change flips "can be bought" (the document's inStock flag depends on it). */
export function stockCrossedZero(availableBefore: number, availableAfter: number): boolean {
  return availableBefore > 0 !== availableAfter > 0;
}

/**
 * For inventory code: after a stock change of one of a product's variants, queue the product's document
 * only if the variant's availability crossed zero (other stock changes do not change any document).
 */
export async function enqueueReindexIfStockCrossedZero(
  tx: OutboxWriter,
  change: { productId: string; availableBefore: number; availableAfter: number },
): Promise<boolean> {
  if (!stockCrossedZero(change.availableBefore, change.availableAfter)) return false;
  await enqueueProductReindex(tx, change.productId);
  return true;
}
