// Search against a real Meilisearch and real PostgreSQL: typo tolerance, disjunctive facet counts equal
// to counts computed from PostgreSQL, sorting, pagination, highlighting, filter-injection attempts in
// every parameter, and the PostgreSQL fallback when the engine is unreachable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import {
  insertSearchFixtures,
  meilisearchAvailable,
  QUOTED_BRAND,
  startTestMeilisearch,
  type TestMeilisearch,
} from "../helpers/meilisearch";
import { createSearchEngine, type SearchEngine } from "@/lib/search/client";
import { buildFilter } from "@/lib/search/filters";
import { EMPTY_REQUEST, parseSearchParams, type SearchRequest } from "@/lib/search/params";
import { searchProducts, type SearchDeps } from "@/lib/search/query";
import { reindexAll } from "@/lib/search/reindex";
import { suggestProducts } from "@/lib/search/suggest";
import { loadSearchVocabulary } from "@/lib/search/vocabulary";
import type { FacetGroup, SearchResult } from "@/lib/search/types";

describe.skipIf(!meilisearchAvailable())("search query", () => {
  let database: TestDatabase;
  let meili: TestMeilisearch;
  let searcher: SearchEngine;
  let deps: SearchDeps;
  const engineErrors: unknown[] = [];

  beforeAll(async () => {
    [database, meili] = await Promise.all([createTestDatabase("search_query"), startTestMeilisearch()]);
    await insertSearchFixtures(database.prisma);
    const indexName = `${meili.indexPrefix}_products`;
    await reindexAll(database.prisma, meili.admin(indexName));
    searcher = await meili.searcher(indexName);
    deps = { db: database.prisma, engine: async () => searcher, onEngineError: (error) => engineErrors.push(error) };
  });
  afterAll(async () => {
    await meili?.dispose();
    await database?.drop();
  });

  const search = (params: Record<string, string | string[]>, d: SearchDeps = deps) =>
    searchProducts(parseSearchParams(params), d);
  const slugs = (result: SearchResult) => result.hits.map((hit) => hit.slug);
  const counts = (result: SearchResult, key: FacetGroup["key"]) =>
    Object.fromEntries(
      result.facets.find((group) => group.key === key)!.options.map((option) => [option.value, option.count]),
    );

  it("uses a search-only key, not the master key", async () => {
    expect(searcher.client.config.apiKey).not.toBe(meili.masterKey);
    await expect(searcher.client.index(searcher.indexName).addDocuments([{ id: "x" }])).rejects.toThrow();
  });

  it('finds running shoes for the typo "runing shoos", and only active products', async () => {
    const result = await search({ q: "runing shoos" });
    expect(result.degraded).toBe(false);
    expect(slugs(result)[0]).toBe("swift-running-shoes");
    expect(slugs(result)).not.toContain("draft-shoes");
    expect(slugs(result)).not.toContain("old-boots");
  });

  it("applies synonyms (tee finds t-shirts, sneakers finds shoes, hoodie finds sweatshirts)", async () => {
    expect(slugs(await search({ q: "tee" }))).toEqual(expect.arrayContaining(["basic-tee", "graphic-tee"]));
    expect(slugs(await search({ q: "trainers" }))).toContain("city-sneakers");
    expect(slugs(await search({ q: "sweatshirt" }))).toContain("zip-hoodie");
  });

  it("highlights matches as segments, never as HTML", async () => {
    const hit = (await search({ q: "swift" })).hits[0]!;
    expect(hit.titleHighlighted).toEqual([
      { text: "Swift", match: true },
      { text: " Running Shoes", match: false },
    ]);
  });

  it("ORs values within a facet and ANDs across facets", async () => {
    const twoBrands = await search({ brand: ["Stride", "Acme"] });
    expect(slugs(twoBrands).sort()).toEqual(["basic-tee", "swift-running-shoes", "trail-runner", "zip-hoodie"]);
    const withPrice = await search({ brand: ["Stride", "Acme"], price: "50-100" });
    expect(slugs(withPrice).sort()).toEqual(["swift-running-shoes", "zip-hoodie"]);
    const withStock = await search({ brand: ["Stride", "Acme"], price: "50-100", inStock: "1" });
    expect(slugs(withStock)).toEqual(["swift-running-shoes"]);
  });

  it("counts each facet with its own filter left out, equal to counts computed in PostgreSQL", async () => {
    const db = database.prisma;
    const result = await search({ category: "footwear", brand: "Stride" });
    expect(slugs(result).sort()).toEqual(["swift-running-shoes", "trail-runner"]);

    const vocabulary = await loadSearchVocabulary(db);
    const footwearIds = vocabulary.categories
      .filter(
        (c) => c.slug === "footwear" || c.parentId === vocabulary.categories.find((p) => p.slug === "footwear")!.id,
      )
      .map((c) => c.id);
    // Brand counts: footwear only (brand filter left out).
    const brandRows = await db.product.groupBy({
      by: ["brandId"],
      where: { status: "ACTIVE", categoryId: { in: footwearIds } },
      _count: true,
    });
    const brands = await db.brand.findMany();
    const expectedBrands = Object.fromEntries(
      brandRows.map((row) => [brands.find((b) => b.id === row.brandId)!.name, row._count]),
    );
    expect(counts(result, "brand")).toEqual(expectedBrands);

    // Category counts: Stride only (category filter left out), each product counted in its ancestors too.
    const strideProducts = await db.product.findMany({
      where: { status: "ACTIVE", brand: { name: "Stride" } },
      select: { categoryId: true },
    });
    const expectedCategories: Record<string, number> = {};
    for (const product of strideProducts) {
      for (
        let c = vocabulary.categories.find((x) => x.id === product.categoryId);
        c;
        c = vocabulary.categories.find((x) => x.id === c.parentId)
      ) {
        expectedCategories[c.slug] = (expectedCategories[c.slug] ?? 0) + 1;
      }
    }
    expect(Object.fromEntries(Object.entries(counts(result, "category")).filter(([, n]) => n))).toEqual(
      expectedCategories,
    );

    // Colour counts: both filters apply (colour itself has no selection).
    const colourRows = await db.$queryRaw<{ value: string; n: number }[]>`
      SELECT pov."value", count(DISTINCT p."id")::int AS n FROM "Product" p
        JOIN "Brand" b ON b."id" = p."brandId" JOIN "Variant" v ON v."productId" = p."id"
        JOIN "VariantOptionValue" vov ON vov."variantId" = v."id" JOIN "ProductOptionValue" pov ON pov."id" = vov."optionValueId"
        JOIN "ProductOption" po ON po."id" = pov."optionId"
       WHERE p."status" = 'ACTIVE' AND b."name" = 'Stride' AND p."categoryId" = ANY(${footwearIds}::text[]) AND po."name" = 'Colour'
       GROUP BY pov."value"`;
    expect(counts(result, "colour")).toEqual(Object.fromEntries(colourRows.map((row) => [row.value, row.n])));

    // Price buckets and in-stock, against PostgreSQL as well.
    const stride = await db.product.findMany({
      where: { status: "ACTIVE", brand: { name: "Stride" }, categoryId: { in: footwearIds } },
      select: { priceMinCents: true },
    });
    expect(counts(result, "price")["50-100"]).toBe(
      stride.filter((p) => p.priceMinCents >= 5000 && p.priceMinCents < 10000).length,
    );
    expect(counts(result, "price")["100-200"]).toBe(
      stride.filter((p) => p.priceMinCents >= 10000 && p.priceMinCents < 20000).length,
    );
    expect(counts(result, "inStock")["1"]).toBe(2);
  });

  it("counts ratings as thresholds and filters by them", async () => {
    const result = await search({ rating: "4" });
    expect(slugs(result).sort()).toEqual(["basic-tee", "leather-boots", "swift-running-shoes", "trail-runner"]);
    // The rating facet is counted without its own selection: 4+ = 4, 3+ = 5, 2+ = 6, 1+ = 6.
    expect(counts(result, "rating")).toEqual({ "4": 4, "3": 5, "2": 6, "1": 6 });
  });

  it("sorts by price, newest and rating", async () => {
    const asc = await search({ sort: "price-asc" });
    const prices = asc.hits.map((hit) => hit.priceMinCents);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(slugs(await search({ sort: "price-desc" }))[0]).toBe("leather-boots");
    expect(slugs(await search({ sort: "newest" }))[0]).toBe("zip-hoodie");
    expect(slugs(await search({ sort: "rating" }))[0]).toBe("leather-boots");
  });

  it("paginates; a page out of range is empty", async () => {
    const first = await searchProducts({ ...EMPTY_REQUEST, page: 1 }, deps, { pageSize: 3 });
    const second = await searchProducts({ ...EMPTY_REQUEST, page: 2 }, deps, { pageSize: 3 });
    expect(first.totalHits).toBe(7);
    expect(first.totalPages).toBe(3);
    expect(first.hits).toHaveLength(3);
    expect(new Set([...slugs(first), ...slugs(second)]).size).toBe(6);
    const beyond = await search({ page: "99" });
    expect(beyond).toMatchObject({ hits: [], page: 99, totalHits: 7, degraded: false });
  });

  it("cuts q to 200 characters", async () => {
    const result = await search({ q: `running ${"x".repeat(500)}` });
    expect(Array.from(result.request.q)).toHaveLength(200);
    expect(result.degraded).toBe(false);
  });

  const attacks = [
    '"',
    "\\",
    '\\"',
    "' OR 1=1 --",
    'Stride" OR brand = "Acme',
    "Stride OR brand = Acme",
    ") OR (inStock = false",
    "[",
    "]",
    "brand IN [Acme, Stride]",
    "0 TO 100000",
    "= Acme",
    "_geoRadius(0, 0, 1000)",
    "_geoBoundingBox([0,0],[1,1])",
    "priceMinCents >= 0",
    "NOT inStock",
    "EXISTS",
    "brand IS NOT NULL",
  ];

  it.each(["q", "category", "brand", "price", "rating", "colour", "size", "inStock", "sort", "page"])(
    "refuses or neutralises injection attempts in %s",
    async (param) => {
      const baseline = await search({ brand: "Acme" });
      for (const attack of attacks) {
        const result = await search({ brand: "Acme", [param]: param === "brand" ? ["Acme", attack] : attack });
        expect(result.degraded, `${param}=${attack}`).toBe(false);
        if (param === "q") {
          // Text is only ever a query: it can narrow the Acme results, never widen them.
          expect(
            result.hits.every((hit) => hit.brand === "Acme"),
            `${param}=${attack}`,
          ).toBe(true);
        } else {
          expect(slugs(result), `${param}=${attack}`).toEqual(slugs(baseline));
        }
      }
    },
  );

  it("quotes known values that contain quotes, brackets and operators", async () => {
    const result = await search({ brand: QUOTED_BRAND });
    expect(slugs(result)).toEqual(["graphic-tee"]);
    expect(counts(result, "brand")[QUOTED_BRAND]).toBe(1);
  });

  it("keeps even unvalidated values inert inside a quoted filter literal", async () => {
    for (const attack of attacks) {
      const request: SearchRequest = { ...EMPTY_REQUEST, brand: [attack], colour: [attack], size: [attack] };
      const response = await searcher.client.index(searcher.indexName).search("", { filter: buildFilter(request) });
      expect(response.hits, attack).toEqual([]);
    }
  });

  it("suggests products as you type, typos included", async () => {
    const { suggestions, degraded } = await suggestProducts("chelsa", deps);
    expect(degraded).toBe(false);
    expect(suggestions.map((s) => s.slug)).toContain("leather-boots");
    expect((await suggestProducts("a", deps)).suggestions).toEqual([]);
  });

  describe("when Meilisearch is unreachable", () => {
    const down: () => SearchDeps = () => ({
      ...deps,
      engine: async () => createSearchEngine("http://127.0.0.1:9", "key", searcher.indexName),
      onEngineError: () => {},
    });

    it("answers from PostgreSQL with degraded: true", async () => {
      const result = await search({ q: "running shoes" }, down());
      expect(result).toMatchObject({ degraded: true, unavailable: false });
      expect(slugs(result)).toContain("swift-running-shoes");
      expect(slugs(result)).not.toContain("draft-shoes");
      expect(result.facets.find((g) => g.key === "brand")!.options.every((o) => o.count === null)).toBe(true);
    });

    it("applies category, brand, price, rating, colour, size and stock filters and sorts", async () => {
      const d = down();
      expect(slugs(await search({ category: "footwear", sort: "price-asc" }, d))).toEqual([
        "city-sneakers",
        "swift-running-shoes",
        "trail-runner",
        "leather-boots",
      ]);
      expect(slugs(await search({ brand: ["Stride", "Acme"], price: "50-100", inStock: "1" }, d))).toEqual([
        "swift-running-shoes",
      ]);
      expect(slugs(await search({ rating: "4", sort: "rating" }, d))).toEqual([
        "leather-boots",
        "swift-running-shoes",
        "basic-tee",
        "trail-runner",
      ]);
      expect(slugs(await search({ colour: "Grey", size: "L" }, d))).toEqual(["zip-hoodie"]);
      expect(slugs(await search({ q: "sneak" }, d))).toEqual(["city-sneakers"]);
      const beyond = await search({ page: "5" }, d);
      expect(beyond).toMatchObject({ hits: [], totalHits: 7, degraded: true });
    });

    it("keeps injection attempts inert", async () => {
      const d = down();
      for (const attack of attacks) {
        const result = await search({ q: attack, brand: attack, category: attack }, d);
        expect(result.unavailable, attack).toBe(false);
      }
    });

    it("suggests from PostgreSQL", async () => {
      const { suggestions, degraded } = await suggestProducts("boots", down());
      expect(degraded).toBe(true);
      expect(suggestions.map((s) => s.slug)).toEqual(["leather-boots"]);
    });
  });
});
