// Category pages search within their category: the scope covers the category and all its descendants,
// facet counts equal counts computed from PostgreSQL for that subtree, filters and sorts apply inside it,
// and the PostgreSQL fallback (engine unreachable) honours the same scope and browse order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import {
  insertSearchFixtures,
  meilisearchAvailable,
  startTestMeilisearch,
  type TestMeilisearch,
} from "../helpers/meilisearch";
import { createSearchEngine, type SearchEngine } from "@/lib/search/client";
import { parseSearchParams } from "@/lib/search/params";
import { searchProducts, type SearchDeps } from "@/lib/search/query";
import { reindexAll } from "@/lib/search/reindex";
import type { FacetGroup, SearchResult } from "@/lib/search/types";

describe.skipIf(!meilisearchAvailable())("category-scoped search", () => {
  let database: TestDatabase;
  let meili: TestMeilisearch;
  let searcher: SearchEngine;
  let deps: SearchDeps;
  let down: SearchDeps;

  beforeAll(async () => {
    [database, meili] = await Promise.all([createTestDatabase("search_category"), startTestMeilisearch()]);
    await insertSearchFixtures(database.prisma);
    // One featured product, so the browse order (featured first, then most reviewed) is visible.
    await database.prisma.product.update({ where: { slug: "city-sneakers" }, data: { featured: true } });
    const indexName = `${meili.indexPrefix}_products`;
    await reindexAll(database.prisma, meili.admin(indexName));
    searcher = await meili.searcher(indexName);
    deps = {
      db: database.prisma,
      engine: async () => searcher,
      onEngineError: (error) => {
        throw error;
      },
    };
    down = {
      db: database.prisma,
      engine: async () => createSearchEngine("http://127.0.0.1:9", "key", searcher.indexName),
      onEngineError: () => {},
    };
  });
  afterAll(async () => {
    await meili?.dispose();
    await database?.drop();
  });

  const inCategory = (slug: string, params: Record<string, string | string[]> = {}, d: SearchDeps = deps) =>
    searchProducts(parseSearchParams(params), d, { scope: { categorySlug: slug } });
  const slugs = (result: SearchResult) => result.hits.map((hit) => hit.slug);
  const counts = (result: SearchResult, key: FacetGroup["key"]) =>
    Object.fromEntries(
      result.facets.find((group) => group.key === key)!.options.map((option) => [option.value, option.count]),
    );

  /** Ids of the category and all its descendants, computed by PostgreSQL itself. */
  async function subtree(slug: string): Promise<string[]> {
    const rows = await database.prisma.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE tree AS (
        SELECT "id" FROM "Category" WHERE "slug" = ${slug}
        UNION ALL SELECT c."id" FROM "Category" c JOIN tree t ON c."parentId" = t."id")
      SELECT "id" FROM tree`;
    return rows.map((row) => row.id);
  }

  async function expectedCounts(slug: string) {
    const ids = await subtree(slug);
    const db = database.prisma;
    const active = await db.product.findMany({
      where: { status: "ACTIVE", categoryId: { in: ids } },
      select: { slug: true, priceMinCents: true, brand: { select: { name: true } } },
    });
    const brands: Record<string, number> = {};
    for (const product of active) if (product.brand) brands[product.brand.name] = (brands[product.brand.name] ?? 0) + 1;
    const colourRows = await db.$queryRaw<{ value: string; n: number }[]>`
      SELECT pov."value", count(DISTINCT p."id")::int AS n FROM "Product" p
        JOIN "Variant" v ON v."productId" = p."id"
        JOIN "VariantOptionValue" vov ON vov."variantId" = v."id" JOIN "ProductOptionValue" pov ON pov."id" = vov."optionValueId"
        JOIN "ProductOption" po ON po."id" = pov."optionId"
       WHERE p."status" = 'ACTIVE' AND p."categoryId" = ANY(${ids}::text[]) AND po."name" = 'Colour'
       GROUP BY pov."value"`;
    const [inStock] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Product" p
       WHERE p."status" = 'ACTIVE' AND p."categoryId" = ANY(${ids}::text[])
         AND EXISTS (SELECT 1 FROM "Variant" v JOIN "InventoryLevel" il ON il."variantId" = v."id"
                      WHERE v."productId" = p."id" AND il."onHand" - il."reserved" > 0)`;
    const priceIn = (min: number, max: number) =>
      active.filter((p) => p.priceMinCents >= min && p.priceMinCents < max).length;
    return {
      total: active.length,
      slugs: active.map((p) => p.slug).sort(),
      brands,
      colours: Object.fromEntries(colourRows.map((row) => [row.value, row.n])),
      inStock: inStock!.n,
      price: {
        "0-25": priceIn(0, 2_500),
        "25-50": priceIn(2_500, 5_000),
        "50-100": priceIn(5_000, 10_000),
        "100-200": priceIn(10_000, 20_000),
        "200-up": priceIn(20_000, Number.MAX_SAFE_INTEGER),
      },
    };
  }

  it.each(["footwear", "running-shoes", "boots", "apparel"])(
    "counts in %s equal counts computed from PostgreSQL for its subtree",
    async (slug) => {
      const expected = await expectedCounts(slug);
      const result = await inCategory(slug);
      expect(result.degraded).toBe(false);
      expect(result.totalHits).toBe(expected.total);
      expect(slugs(result).sort()).toEqual(expected.slugs);
      expect(counts(result, "brand")).toEqual(expected.brands);
      expect(counts(result, "colour")).toEqual(expected.colours);
      expect(counts(result, "price")).toEqual(expected.price);
      expect(counts(result, "inStock")["1"]).toBe(expected.inStock);
      // The page's own category is not a facet the shopper can untick.
      expect(result.facets.some((group) => group.key === "category")).toBe(false);
    },
  );

  it("filters inside the scope, keeping the selected facet's counts for the whole subtree", async () => {
    const expected = await expectedCounts("footwear");
    const result = await inCategory("footwear", { brand: "Northwind" });
    expect(slugs(result).sort()).toEqual(["city-sneakers", "leather-boots"]);
    expect(counts(result, "brand")).toEqual(expected.brands);
    // Acme makes apparel only: ticking it on the footwear page finds nothing, not the tees.
    expect(await inCategory("footwear", { brand: "Acme" })).toMatchObject({ hits: [], totalHits: 0 });
    const inStockCheap = await inCategory("footwear", {
      price: ["50-100", "100-200"],
      inStock: "1",
      sort: "price-asc",
    });
    expect(slugs(inStockCheap)).toEqual(["swift-running-shoes", "trail-runner"]);
  });

  it("browses featured first, then the most reviewed, when there is no query", async () => {
    const result = await inCategory("footwear");
    expect(slugs(result)).toEqual(["city-sneakers", "leather-boots", "swift-running-shoes", "trail-runner"]);
  });

  it("paginates inside the scope; a page out of range is empty", async () => {
    const first = await searchProducts(parseSearchParams({}), deps, {
      scope: { categorySlug: "footwear" },
      pageSize: 3,
    });
    const second = await searchProducts(parseSearchParams({ page: "2" }), deps, {
      scope: { categorySlug: "footwear" },
      pageSize: 3,
    });
    expect(first).toMatchObject({ totalHits: 4, totalPages: 2 });
    expect(new Set([...slugs(first), ...slugs(second)]).size).toBe(4);
    expect(await inCategory("footwear", { page: "9" })).toMatchObject({ hits: [], totalHits: 4, page: 9 });
  });

  describe("when Meilisearch is unreachable", () => {
    it.each(["footwear", "running-shoes", "boots", "apparel"])(
      "the PostgreSQL fallback keeps to %s and its descendants",
      async (slug) => {
        const expected = await expectedCounts(slug);
        const result = await inCategory(slug, {}, down);
        expect(result).toMatchObject({ degraded: true, unavailable: false, totalHits: expected.total });
        expect(slugs(result).sort()).toEqual(expected.slugs);
        expect(result.facets.some((group) => group.key === "category")).toBe(false);
      },
    );

    it("applies filters and sorts inside the scope, in the engine's browse order", async () => {
      expect(slugs(await inCategory("footwear", {}, down))).toEqual(slugs(await inCategory("footwear")));
      expect(slugs(await inCategory("footwear", { brand: "Northwind", sort: "price-desc" }, down))).toEqual([
        "leather-boots",
        "city-sneakers",
      ]);
      expect(slugs(await inCategory("footwear", { brand: "Acme" }, down))).toEqual([]);
      expect(slugs(await inCategory("apparel", { colour: "Grey" }, down))).toEqual(["zip-hoodie"]);
      expect(slugs(await inCategory("footwear", { colour: "Grey" }, down))).toEqual([]);
    });
  });
});
