// Full rebuild of the search index without a moment of empty or partial results: documents go into a
// fresh index (products_<timestamp>) with the settings applied first, the fresh index is swapped with the
// live one in a single Meilisearch task, and the old one is deleted. Used by `npm run search:reindex`
// and at start-up when the index does not exist yet.
import type { Db } from "@/lib/db";
import { OutboxStatus } from "@/lib/generated/prisma/enums";
import type { SearchEngine } from "./client";
import {
  activeProductIdsAfter,
  buildProductDocuments,
  DOCUMENT_FIELDS,
  loadCategories,
  loadColourFamilyMapping,
} from "./document";
import { applyIndexSettings, assertTaskSucceeded, indexExists, indexSettingsFor } from "./settings";
import { enqueueProductsReindex } from "@/lib/outbox/search-reindex";
import { SEARCH_UPSERT_TOPIC } from "@/lib/outbox/topics";

export interface ReindexProgress {
  indexed: number;
  total: number;
}

export interface ReindexOptions {
  batchSize?: number;
  /** Document batches sent before waiting for the oldest to be indexed. */
  inFlight?: number;
  onProgress?: (progress: ReindexProgress) => void;
}

export interface ReindexResult {
  documents: number;
  durationMs: number;
  /** Products changed while the rebuild ran, queued again so the swapped-in index catches up. */
  requeued: number;
}

const TASK_WAIT = { timeout: 10 * 60_000, interval: 100 };

// Outbox events written this long before the rebuild started are re-queued too: a transaction that
// began earlier may commit (and its event become visible) after the rebuild read the product.
const CATCH_UP_MARGIN_MS = 60_000;

function buildIndexUid(liveIndex: string, now: Date): string {
  return `${liveIndex}_${now.toISOString().replace(/[-:.TZ]/g, "")}`;
}

export async function reindexAll(db: Db, engine: SearchEngine, options: ReindexOptions = {}): Promise<ReindexResult> {
  const startedAt = new Date();
  const batchSize = options.batchSize ?? 1_000;
  const inFlight = options.inFlight ?? 4;
  const client = engine.client;
  const live = engine.indexName;
  const fresh = buildIndexUid(live, startedAt);

  await applyIndexSettings(client, fresh, await indexSettingsFor(db));
  try {
    const total = await db.product.count({ where: { status: "ACTIVE" } });
    const [categories, colourFamilies] = await Promise.all([loadCategories(db), loadColourFamilyMapping(db)]);
    const pending: { task: ReturnType<ReturnType<typeof client.index>["addDocuments"]>; size: number }[] = [];
    let indexed = 0;
    const settleOldest = async () => {
      const oldest = pending.shift();
      if (!oldest) return;
      await assertTaskSucceeded(await oldest.task.waitTask(TASK_WAIT));
      indexed += oldest.size;
      options.onProgress?.({ indexed, total });
    };
    options.onProgress?.({ indexed, total });
    let cursor: string | null = null;
    for (;;) {
      const ids = await activeProductIdsAfter(db, cursor, batchSize);
      if (ids.length === 0) break;
      cursor = ids[ids.length - 1]!;
      // A product archived between the two reads is simply left out.
      const { documents } = await buildProductDocuments(db, ids, { categories, colourFamilies });
      if (documents.length > 0)
        pending.push({
          task: client.index(fresh).addDocuments(documents, { primaryKey: "id" }),
          size: documents.length,
        });
      if (pending.length >= inFlight) await settleOldest();
    }
    while (pending.length > 0) await settleOldest();

    if (await indexExists(client, live)) {
      await assertTaskSucceeded(
        await client.swapIndexes([{ indexes: [live, fresh], rename: false }]).waitTask(TASK_WAIT),
      );
      // After the swap `fresh` names the previous generation.
      await assertTaskSucceeded(await client.deleteIndex(fresh).waitTask(TASK_WAIT));
    } else {
      await assertTaskSucceeded(
        await client.swapIndexes([{ indexes: [fresh, live], rename: true }]).waitTask(TASK_WAIT),
      );
    }

    const changed = await db.outboxEvent.findMany({
      where: {
        topic: SEARCH_UPSERT_TOPIC,
        createdAt: { gte: new Date(startedAt.getTime() - CATCH_UP_MARGIN_MS) },
        status: { in: [OutboxStatus.DONE, OutboxStatus.PENDING] },
        aggregateId: { not: null },
      },
      select: { aggregateId: true },
      distinct: ["aggregateId"],
    });
    const requeue = changed.map((row) => row.aggregateId).filter((id): id is string => id !== null);
    await enqueueProductsReindex(db, requeue);
    return { documents: indexed, durationMs: Date.now() - startedAt.getTime(), requeued: requeue.length };
  } catch (error) {
    await client.deleteIndexIfExists(fresh).catch(() => false);
    throw error;
  }
}

/** Whether the index's documents were built by an older version (a field is missing from a sample). */
async function documentsOutdated(engine: SearchEngine): Promise<boolean> {
  const { results } = await engine.client.index(engine.indexName).getDocuments({ limit: 1 });
  const sample = results[0];
  return sample !== undefined && DOCUMENT_FIELDS.some((field) => !(field in sample));
}

/**
 * Start-up: builds the index when it does not exist (first run, or a new MEILI_INDEX) or when its documents
 * lack fields this version filters on, otherwise just brings its settings up to date.
 */
export async function ensureSearchIndex(
  db: Db,
  engine: SearchEngine,
  options: ReindexOptions = {},
): Promise<{ rebuilt: boolean }> {
  if (!(await indexExists(engine.client, engine.indexName)) || (await documentsOutdated(engine))) {
    await reindexAll(db, engine, options);
    return { rebuilt: true };
  }
  await applyIndexSettings(engine.client, engine.indexName, await indexSettingsFor(db));
  return { rebuilt: false };
}
