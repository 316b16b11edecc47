// What a search typed again asks of the engine (lib/search/engine-answer.ts), on the demo catalog in a real
// PostgreSQL and a real Meilisearch: a miss remembered a moment ago sends its recovery with the page query
// but not the page's facet counts, which only a page that finds products shows, unless a recovery query
// gives them anyway; and when the page finds products after all, the counts it shows are the ones a
// fresh search shows.
import type { MultiSearchQuery } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { meilisearchAvailable, startTestMeilisearch, type TestMeilisearch } from "../helpers/meilisearch";
import type { Db } from "@/lib/db";
import { seedDemoCatalog } from "@/lib/seed";
import type { SearchEngine } from "@/lib/search/client";
import { EMPTY_REQUEST, SEARCH_PAGE_SIZE, type SearchRequest } from "@/lib/search/params";
import { prepareSearch, searchProducts } from "@/lib/search/query";
import { forgetRecovery, recoveryKey, rememberRecovery, type RecoveryHint } from "@/lib/search/recovery-memory";
import { reindexAll } from "@/lib/search/reindex";
import { loadSearchVocabulary, type SearchVocabulary } from "@/lib/search/vocabulary";

describe.skipIf(!meilisearchAvailable())("the queries of a search typed again", () => {
  let database: TestDatabase;
  let meili: TestMeilisearch;
  let db: Db;
  let searcher: SearchEngine;
  let vocabulary: SearchVocabulary;

  beforeAll(async () => {
    [database, meili] = await Promise.all([createTestDatabase("search_memory_queries"), startTestMeilisearch()]);
    db = database.prisma;
    await seedDemoCatalog(db, { now: new Date("2026-12-01T12:00:00Z") });
    const admin = meili.admin(`${meili.indexPrefix}_products`);
    await reindexAll(db, admin);
    searcher = await meili.searcher(admin.indexName);
    vocabulary = await loadSearchVocabulary(db);
  }, 300_000);

  afterAll(async () => {
    await meili?.dispose();
    await database?.drop();
  });

  /** A search whose multi-searches are recorded, each as the list of queries it sent. */
  async function recordedSearch(request: Partial<SearchRequest>) {
    const sent: MultiSearchQuery[][] = [];
    const client = Object.create(searcher.client) as SearchEngine["client"];
    client.multiSearch = ((...args: Parameters<typeof client.multiSearch>) => {
      sent.push([...args[0].queries]);
      return searcher.client.multiSearch(...args);
    }) as typeof client.multiSearch;
    const result = await searchProducts(
      { ...EMPTY_REQUEST, ...request },
      { db, engine: async () => ({ client, indexName: searcher.indexName }), vocabulary },
    );
    return { result, sent };
  }

  const keyOf = (request: Partial<SearchRequest>) =>
    recoveryKey(
      searcher.indexName,
      prepareSearch({ ...EMPTY_REQUEST, ...request }, vocabulary).request,
      {},
      SEARCH_PAGE_SIZE,
    );

  /** What a shopper sees of a result. */
  const seen = (result: Awaited<ReturnType<typeof searchProducts>>) => ({
    request: result.request,
    totalHits: result.totalHits,
    hits: result.hits.map((hit) => hit.slug),
    facets: result.facets,
    understanding: result.understanding,
    help: result.help,
  });

  /** What decides the products a query matches. */
  const matchKey = (query: MultiSearchQuery) =>
    JSON.stringify([query.q ?? "", query.matchingStrategy ?? null, query.filter ?? null]);

  it("sends a remembered miss's recovery without the page's facet counts, and nothing twice", async () => {
    const request = { q: "kids boots", sort: "price-asc" as const };
    forgetRecovery(keyOf(request));
    const first = await recordedSearch(request);
    expect(first.result.understanding?.dropped.map((part) => part.kind)).toEqual(["audience"]);
    // The page query with a count for each understood facet (audience, category), then the way out.
    expect(first.sent[0]).toHaveLength(3);

    const again = await recordedSearch(request);
    expect(seen(again.result)).toEqual(seen(first.result));
    expect(again.sent).toHaveLength(1);
    const [queries] = again.sent as [MultiSearchQuery[]];
    // Each query matches products its own way: the audience's count is the way out's page query.
    expect(new Set(queries.map(matchKey)).size).toBe(queries.length);
    // The page query, and the way out's page with its category count: not the page's category count
    // (boots for kids), which only a page that found products would show.
    expect(queries).toHaveLength(3);
    const kidsBootsCount = first.sent[0]!.find((query) => query.facets?.join() === "categorySlugs")!;
    expect(kidsBootsCount.limit).toBe(0);
    expect(queries.map(matchKey)).not.toContain(matchKey(kidsBootsCount));
  });

  it("shows the facet counts of a fresh search when a remembered miss finds products after all", async () => {
    const boots = (await recordedSearch({ q: "boots" })).result;
    const brand = boots.facets.find((group) => group.key === "brand")?.options.find((option) => option.count);
    expect(brand).toBeDefined();
    const request = { q: "boots", brand: [brand!.value], sort: "rating" as const };
    const fresh = await recordedSearch(request);
    expect(fresh.result.totalHits).toBeGreaterThan(0);
    expect(fresh.sent).toHaveLength(1);

    // Remembered as answered by its first way out (the category left out), but the page finds products.
    const hint: RecoveryHint = { wayOut: 0, closestSlug: null, help: null };
    rememberRecovery(keyOf(request), hint);
    const planted = await recordedSearch(request);
    expect(seen(planted.result)).toEqual(seen(fresh.result));
    // The brand's count (boots of every brand) was asked for once the page had found products; the
    // category's rode on the way out's page (this brand's products anywhere).
    expect(planted.sent).toHaveLength(2);
    expect(planted.sent[1]!.map((query) => query.facets)).toEqual([["brand"]]);
    // The memory of a search that finds products is dropped: the next visit sends the page query alone.
    const next = await recordedSearch(request);
    expect(next.sent).toEqual([fresh.sent[0]]);
  });
});
