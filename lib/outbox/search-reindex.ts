// How a domain queues a product's search document for refresh, in its own transaction: the writing side
// of the search topics. Here in the outbox, below every domain, because the domains that change what a
// document shows include ones search reads from (inventory: stock; catalog: products): they queue a
// reindex without importing lib/search, and lib/search/sync.ts (the worker's side) rebuilds the document.
import { enqueueMany, type OutboxWriter } from "./enqueue";
import { SEARCH_SETTINGS_TOPIC, SEARCH_UPSERT_TOPIC } from "./topics";

/** Queue applying the index settings (after a synonym change), in the caller's transaction. */
export async function enqueueSearchSettingsUpdate(tx: OutboxWriter): Promise<void> {
  await enqueueMany(tx, [{ topic: SEARCH_SETTINGS_TOPIC, payload: {} }]);
}

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
