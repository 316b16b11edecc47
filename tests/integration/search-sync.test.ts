// Keeping Meilisearch in step through the outbox, against real processes: a price change, a stock change
// and an archive reach search results; the outbox keeps events while the engine is stopped and drains
// after it restarts; a full reindex swaps in a new index without a moment of empty results.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import {
  insertSearchFixtures,
  meilisearchAvailable,
  startTestMeilisearch,
  type TestMeilisearch,
} from "../helpers/meilisearch";
import { claimProcessBatch } from "@/lib/outbox";
import { OutboxStatus, ProductStatus } from "@/lib/generated/prisma/enums";
import type { SearchEngine } from "@/lib/search/client";
import { parseSearchParams } from "@/lib/search/params";
import { searchProducts, type SearchDeps } from "@/lib/search/query";
import { ensureSearchIndex, reindexAll } from "@/lib/search/reindex";
import { searchOutboxHandlers } from "@/lib/search/sync";
import { enqueueProductReindex, enqueueReindexIfStockCrossedZero } from "@/lib/outbox/search-reindex";
import { SEARCH_UPSERT_TOPIC } from "@/lib/outbox/topics";
import { readSearchHealth } from "@/lib/search/health";

// Its own embedded Meilisearch (also when TEST_MEILI_HOST is set): the outage test stops and restarts it.
describe.skipIf(!meilisearchAvailable({ embedded: true }))("search sync through the outbox", () => {
  let database: TestDatabase;
  let meili: TestMeilisearch;
  let admin: SearchEngine;
  let deps: SearchDeps;
  let ids: Map<string, string>;
  const indexName = () => admin.indexName;

  beforeAll(async () => {
    [database, meili] = await Promise.all([
      createTestDatabase("search_sync"),
      startTestMeilisearch({ embedded: true }),
    ]);
    ids = await insertSearchFixtures(database.prisma);
    admin = meili.admin(`${meili.indexPrefix}_products`);
    expect(await ensureSearchIndex(database.prisma, admin)).toEqual({ rebuilt: true });
    const searcher = await meili.searcher(admin.indexName);
    deps = { db: database.prisma, engine: async () => searcher, onEngineError: () => {} };
  });
  afterAll(async () => {
    await meili?.dispose();
    await database?.drop();
  });

  const handlers = () => searchOutboxHandlers(database.prisma, admin);
  const find = async (params: Record<string, string>) => searchProducts(parseSearchParams(params), deps);
  const hit = async (q: string, slug: string) => (await find({ q })).hits.find((h) => h.slug === slug);

  it("a price change reaches search results once the outbox is processed", async () => {
    const db = database.prisma;
    const productId = ids.get("trail-runner")!;
    await db.$transaction(async (tx) => {
      await tx.variant.updateMany({ where: { productId }, data: { priceCents: 3_900 } });
      await enqueueProductReindex(tx, productId);
    });
    expect((await hit("trail runner", "trail-runner"))?.priceMinCents).toBe(12_900);
    expect(await claimProcessBatch(db, handlers())).toMatchObject({ claimed: 1, done: 1 });
    expect((await hit("trail runner", "trail-runner"))?.priceMinCents).toBe(3_900);
    expect((await find({ price: "25-50" })).hits.map((h) => h.slug)).toContain("trail-runner");
  });

  it("stock crossing zero flips the in-stock filter; other stock changes queue nothing", async () => {
    const db = database.prisma;
    const productId = ids.get("city-sneakers")!;
    expect((await find({ inStock: "1" })).hits.map((h) => h.slug)).not.toContain("city-sneakers");
    const queued = await db.$transaction(async (tx) => {
      await tx.inventoryLevel.updateMany({ where: { variant: { productId } }, data: { onHand: 3 } });
      return enqueueReindexIfStockCrossedZero(tx, { productId, availableBefore: 0, availableAfter: 3 });
    });
    expect(queued).toBe(true);
    expect(
      await db.$transaction((tx) =>
        enqueueReindexIfStockCrossedZero(tx, { productId, availableBefore: 3, availableAfter: 2 }),
      ),
    ).toBe(false);
    await claimProcessBatch(db, handlers());
    expect((await find({ inStock: "1" })).hits.map((h) => h.slug)).toContain("city-sneakers");
  });

  it("an archived product disappears; a deleted one too", async () => {
    const db = database.prisma;
    await db.$transaction(async (tx) => {
      await tx.product.update({ where: { id: ids.get("leather-boots")! }, data: { status: ProductStatus.ARCHIVED } });
      await enqueueProductReindex(tx, ids.get("leather-boots")!);
      await tx.product.delete({ where: { id: ids.get("graphic-tee")! } });
      await enqueueProductReindex(tx, ids.get("graphic-tee")!);
    });
    expect(await hit("chelsea boots", "leather-boots")).toBeDefined();
    await claimProcessBatch(db, handlers());
    expect(await hit("chelsea boots", "leather-boots")).toBeUndefined();
    expect(await hit("graphic", "graphic-tee")).toBeUndefined();
  });

  it("coalesces many events about one product into one document write", async () => {
    const db = database.prisma;
    const productId = ids.get("basic-tee")!;
    const documentTasks = async () =>
      (
        await admin.client.tasks.getTasks({
          indexUids: [indexName()],
          types: ["documentAdditionOrUpdate", "documentDeletion", "documentEdition"],
          limit: 1000,
        })
      ).results;
    const before = new Set((await documentTasks()).map((task) => task.uid));
    await db.product.update({ where: { id: productId }, data: { title: "Basic Cotton Tee Coalesced" } });
    for (let i = 0; i < 5; i += 1) await enqueueProductReindex(db, productId);
    expect(await claimProcessBatch(db, handlers())).toMatchObject({ claimed: 5, done: 5 });
    // What the engine was asked to do: one document write holding one document, nothing else.
    const written = (await documentTasks()).filter((task) => !before.has(task.uid));
    expect(
      written.map((task) => ({ type: task.type, status: task.status, received: task.details?.receivedDocuments })),
    ).toEqual([{ type: "documentAdditionOrUpdate", status: "succeeded", received: 1 }]);
    expect((await hit("coalesced", "basic-tee"))?.title).toBe("Basic Cotton Tee Coalesced");
  });

  it("keeps events while the engine is stopped and drains them after a restart", async () => {
    const db = database.prisma;
    const productId = ids.get("zip-hoodie")!;
    await meili.stop();
    await db.$transaction(async (tx) => {
      await tx.product.update({ where: { id: productId }, data: { title: "Zip Hoodie Deluxe" } });
      await enqueueProductReindex(tx, productId);
    });
    const failed = await claimProcessBatch(db, handlers(), { backoff: { baseMs: 1 } });
    expect(failed).toMatchObject({ claimed: 1, done: 0, retrying: 1 });
    const pending = await db.outboxEvent.findFirstOrThrow({
      where: { aggregateId: productId, status: OutboxStatus.PENDING },
    });
    // The engine's client names the request that found no server: one to this stopped Meilisearch.
    const unreachable = new RegExp(
      `^MeilisearchRequestError: Request to ${meili.host.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}/\\S+ has failed$`,
    );
    expect(pending.lastError).toMatch(unreachable);
    expect(pending.attempts).toBe(1);

    // Shoppers still get answers meanwhile, from PostgreSQL.
    const degraded = await find({ q: "deluxe" });
    expect(degraded.degraded).toBe(true);
    expect(degraded.hits.map((h) => h.slug)).toEqual(["zip-hoodie"]);
    const health = await readSearchHealth(db, admin);
    expect(health).toMatchObject({ engineReachable: false, outbox: { pending: 1 } });
    expect(health.outbox.lastError).toBe(pending.lastError);

    await meili.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await claimProcessBatch(db, handlers())).toMatchObject({ claimed: 1, done: 1 });
    expect((await find({ q: "deluxe" })).hits.map((h) => h.slug)).toEqual(["zip-hoodie"]);
    expect((await find({ q: "deluxe" })).degraded).toBe(false);
    expect(await db.outboxEvent.count({ where: { status: OutboxStatus.PENDING } })).toBe(0);
    expect(await readSearchHealth(db, admin)).toMatchObject({
      engineReachable: true,
      outbox: { pending: 0, oldestPendingAgeSeconds: null },
    });
  });

  it("reindexes into a new index and swaps it in while searches keep answering", async () => {
    const db = database.prisma;
    const before = (await find({})).totalHits;
    let searching = true;
    const seenTotals: number[] = [];
    const watcher = (async () => {
      while (searching) seenTotals.push((await find({})).totalHits);
    })();
    const result = await reindexAll(db, admin, { batchSize: 2 });
    searching = false;
    await watcher;
    expect(result.documents).toBe(before);
    expect(seenTotals.length).toBeGreaterThan(0);
    expect(seenTotals.every((total) => total === before)).toBe(true);
    // Products changed during the last minute are queued again for the fresh index.
    expect(result.requeued).toBeGreaterThan(0);
    await claimProcessBatch(db, handlers());
    const { results } = await admin.client.getRawIndexes({ limit: 100 });
    expect(results.map((index) => index.uid).filter((uid) => uid.startsWith(indexName()))).toEqual([indexName()]);
    expect(await db.outboxEvent.count({ where: { topic: SEARCH_UPSERT_TOPIC, status: OutboxStatus.PENDING } })).toBe(0);
  });
});
