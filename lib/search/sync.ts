// Keeping the index in step with PostgreSQL through the outbox. Code that changes anything a search
// document shows (product create/update/archive/delete, variant prices, stock crossing zero, reviews)
// calls enqueueProductReindex (lib/outbox/search-reindex.ts) inside its own transaction; the worker runs the
// "search.product.upsert" handler below, which reloads each product and writes or deletes its document.
// The event carries only the product id, never a copy of the data, so events can be coalesced and
// replayed in any order. Changes to the search tuning (synonyms) queue "search.settings.apply", whose
// handler reads the settings from the database and applies them when they differ.
import type { Db } from "@/lib/db";
import type { OutboxHandler } from "@/lib/outbox";
import type { SearchEngine } from "./client";
import { buildProductDocuments } from "./document";
import { applyIndexSettings, assertTaskSucceeded, indexSettingsFor } from "./settings";
import { SEARCH_SETTINGS_TOPIC, SEARCH_UPSERT_TOPIC } from "@/lib/outbox/topics";

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
