// Keeping the index in step with PostgreSQL through the outbox. Code that changes anything a search
// document shows (product create/update/archive/delete, variant prices, stock crossing zero, reviews)
// calls enqueueProductReindex inside its own transaction; the worker runs the "search.product.upsert"
// handler, which reloads each product and writes or deletes its document. The event carries only the
// product id, never a copy of the data, so events can be coalesced and replayed in any order. Changes to
// the search tuning (synonyms) queue "search.settings.apply", whose handler reads the settings from the
// database and applies them when they differ.
import type { Db } from "@/lib/db";
import { enqueueMany, type OutboxHandler, type OutboxWriter } from "@/lib/outbox";
import type { SearchEngine } from "./client";
import { buildProductDocuments } from "./document";
import { applyIndexSettings, assertTaskSucceeded, indexSettingsFor } from "./settings";

export const SEARCH_UPSERT_TOPIC = "search.product.upsert";
export const SEARCH_SETTINGS_TOPIC = "search.settings.apply";

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

const TASK_WAIT = { timeout: 60_000, interval: 25 };

function productIdOf(event: { aggregateId: string | null; payload: unknown }): string | null {
  if (event.aggregateId) return event.aggregateId;
  const payload = event.payload as { productId?: unknown } | null;
  return typeof payload?.productId === "string" ? payload.productId : null;
}

/**
 * Writes the current state of the given products to the index: documents for ACTIVE products, deletions
 * for the rest. Resolves only when Meilisearch reports both tasks succeeded.
 */
export async function syncProducts(
  db: Db,
  engine: SearchEngine,
  productIds: readonly string[],
): Promise<{ upserted: number; deleted: number }> {
  const { documents, absent } = await buildProductDocuments(db, productIds);
  const index = engine.client.index(engine.indexName);
  const tasks = [];
  if (documents.length > 0) tasks.push(index.addDocuments(documents, { primaryKey: "id" }));
  if (absent.length > 0) tasks.push(index.deleteDocuments(absent));
  for (const task of tasks) await assertTaskSucceeded(await task.waitTask(TASK_WAIT));
  return { upserted: documents.length, deleted: absent.length };
}

/**
 * The outbox handler for search sync. `engine` must use the admin key. The index settings are ensured
 * once per handler before the first write, so an index Meilisearch would create implicitly never lacks
 * its filterable attributes. It retries forever: every event is idempotent, and dropping one would leave
 * a product stale in search until the next full reindex.
 */
export function searchOutboxHandler(db: Db, engine: SearchEngine): OutboxHandler {
  let settingsApplied = false;
  return {
    maxAttempts: Number.POSITIVE_INFINITY,
    async handle(events) {
      if (!settingsApplied) {
        await applyIndexSettings(engine.client, engine.indexName, await indexSettingsFor(db));
        settingsApplied = true;
      }
      const ids: string[] = [];
      for (const event of events) {
        const id = productIdOf(event);
        // Only a hand-written row can lack it; retrying would never help, so it is done with nothing to do.
        if (id === null) console.warn(`outbox ${event.id}: ${SEARCH_UPSERT_TOPIC} event without a product id ignored`);
        else ids.push(id);
      }
      // Ten events about one product become one document write.
      await syncProducts(db, engine, ids);
    },
  };
}

/**
 * The outbox handler that brings the index settings up to date. Any number of events is one read of the
 * settings and at most one settings task (none when nothing changed); it retries forever, like product
 * sync, since a lost event would leave an admin's synonym edit unapplied.
 */
export function searchSettingsOutboxHandler(db: Db, engine: SearchEngine): OutboxHandler {
  return {
    maxAttempts: Number.POSITIVE_INFINITY,
    async handle() {
      await applyIndexSettings(engine.client, engine.indexName, await indexSettingsFor(db));
    },
  };
}

/** Handlers to register in the worker: `claimProcessBatch(db, searchOutboxHandlers(db, engine))`. */
export function searchOutboxHandlers(db: Db, engine: SearchEngine): Record<string, OutboxHandler> {
  return {
    [SEARCH_UPSERT_TOPIC]: searchOutboxHandler(db, engine),
    [SEARCH_SETTINGS_TOPIC]: searchSettingsOutboxHandler(db, engine),
  };
}
