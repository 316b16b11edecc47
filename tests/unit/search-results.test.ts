import { describe, expect, it } from "vitest";
import { buildFacetGroups, priceBucketLabel } from "@/lib/search/facet-groups";
import { PRICE_BUCKETS } from "@/lib/search/facets";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, highlightWords, splitHighlight } from "@/lib/search/highlight";
import { EMPTY_REQUEST } from "@/lib/search/params";
import { settingsMatch, INDEX_SETTINGS } from "@/lib/search/settings";
import { mutualSynonyms } from "@/lib/search/synonyms";
import type { SearchVocabulary } from "@/lib/search/vocabulary";

const USD = { currency: "USD", display: "symbol" } as const;

describe("highlighting", () => {
  it("splits marked text into segments and keeps markup inert", () => {
    expect(splitHighlight(`${HIGHLIGHT_PRE}<mark>Run${HIGHLIGHT_POST}ning <script>`, "x")).toEqual([
      { text: "<mark>Run", match: true },
      { text: "ning <script>", match: false },
    ]);
    expect(splitHighlight(undefined, "Plain")).toEqual([{ text: "Plain", match: false }]);
    expect(splitHighlight(`a${HIGHLIGHT_PRE}b`, "x")).toEqual([
      { text: "a", match: false },
      { text: "b", match: true },
    ]);
  });
  it("highlights query words for the fallback, regex characters included", () => {
    expect(highlightWords("Swift Running Shoes", "running (")).toEqual([
      { text: "Swift ", match: false },
      { text: "Running", match: true },
      { text: " Shoes", match: false },
    ]);
  });
});

describe("facet groups", () => {
  const vocabulary: SearchVocabulary = {
    categories: [
      { id: "1", slug: "footwear", name: "Footwear", parentId: null, depth: 0 },
      { id: "2", slug: "boots", name: "Boots", parentId: "1", depth: 1 },
      { id: "3", slug: "apparel", name: "Apparel", parentId: null, depth: 0 },
    ],
    categorySlugs: new Set(["footwear", "boots", "apparel"]),
    brands: new Set(["A", "B"]),
    colours: new Set(),
    sizes: new Set(),
    colourFamilyMapping: new Map(),
    synonyms: [],
  };

  it("turns distributions into ordered options with counts and selections", () => {
    const groups = buildFacetGroups(
      { ...EMPTY_REQUEST, brand: ["B"], rating: 4 },
      {
        category: { footwear: 3, boots: 1 },
        brand: { A: 5, B: 2, C: 0 },
        price: { "0-25": 2 },
        rating: { "5": 1, "4": 2, "3": 4, "0": 9 },
        inStock: { true: 6, false: 1 },
      },
      vocabulary,
      USD,
    );
    const byKey = Object.fromEntries(groups.map((group) => [group.key, group]));
    expect(byKey.category!.options.map((o) => [o.value, o.count, o.depth])).toEqual([
      ["footwear", 3, 0],
      ["boots", 1, 1],
    ]);
    expect(byKey.brand!.options.map((o) => [o.value, o.count, o.selected])).toEqual([
      ["A", 5, false],
      ["B", 2, true],
    ]);
    expect(byKey.rating!.options.map((o) => [o.value, o.count, o.selected])).toEqual([
      ["4", 3, true],
      ["3", 7, false],
      ["2", 7, false],
      ["1", 7, false],
    ]);
    expect(byKey.price!.options.map((o) => o.count)).toEqual([2, 0, 0, 0, 0]);
    expect(byKey.inStock!.options[0]!.count).toBe(6);
  });

  it("lists choices without counts when degraded", () => {
    const groups = buildFacetGroups({ ...EMPTY_REQUEST, brand: ["A"] }, null, vocabulary, USD);
    const byKey = Object.fromEntries(groups.map((group) => [group.key, group]));
    expect(byKey.category!.options.map((o) => o.value)).toEqual(["footwear", "apparel"]);
    expect(byKey.brand!.options).toEqual([{ value: "A", label: "A", count: null, selected: true, depth: 0 }]);
    expect(byKey.price!.options.every((o) => o.count === null)).toBe(true);
  });

  it("hides the category facet on a category page", () => {
    expect(
      buildFacetGroups(EMPTY_REQUEST, {}, vocabulary, USD, { hideCategory: true }).map((g) => g.key),
    ).not.toContain("category");
  });

  it("labels price buckets", () => {
    expect(PRICE_BUCKETS.map((bucket) => priceBucketLabel(bucket, USD))).toEqual([
      "Under $25",
      "$25 – $50",
      "$50 – $100",
      "$100 – $200",
      "$200 and up",
    ]);
  });

  it("labels price buckets in the store's currency display", () => {
    const labels = PRICE_BUCKETS.map((bucket) => priceBucketLabel(bucket, { currency: "USD", display: "code" }));
    expect(labels.map((label) => label.replace(/\u00a0/g, " "))).toEqual([
      "Under USD 25",
      "USD 25 – USD 50",
      "USD 50 – USD 100",
      "USD 100 – USD 200",
      "USD 200 and up",
    ]);
  });
});

describe("index settings", () => {
  it("makes synonym groups mutual", () => {
    expect(
      mutualSynonyms([
        ["tee", "t-shirt"],
        ["tee", "top"],
      ]),
    ).toEqual({ tee: ["t-shirt", "top"], "t-shirt": ["tee"], top: ["tee"] });
  });
  it("compares settings ignoring order where Meilisearch reorders and extra defaults", () => {
    const current = {
      ...INDEX_SETTINGS,
      filterableAttributes: [...INDEX_SETTINGS.filterableAttributes].reverse(),
      typoTolerance: { ...INDEX_SETTINGS.typoTolerance, disableOnWords: [] },
      distinctAttribute: null,
    };
    expect(settingsMatch(current, INDEX_SETTINGS)).toBe(true);
    expect(
      settingsMatch(
        { ...current, searchableAttributes: ["brand", "title", "categoryPath", "tags", "description"] },
        INDEX_SETTINGS,
      ),
    ).toBe(false);
    expect(settingsMatch({ ...current, stopWords: [] }, INDEX_SETTINGS)).toBe(false);
  });
});

describe("searchProducts without a database", () => {
  it("answers unavailable instead of throwing when neither store answers", async () => {
    const { searchProducts } = await import("@/lib/search/query");
    const down = () => Promise.reject(new Error("connection refused"));
    const db = {
      category: { findMany: down },
      brand: { findMany: down },
      colourFamilyMapping: { findMany: down },
      searchSynonym: { findMany: down },
      $queryRaw: down,
    } as unknown as import("@/lib/db").Db;
    const errors = console.error;
    console.error = () => {};
    try {
      const result = await searchProducts({ ...EMPTY_REQUEST, q: "boots", brand: ["Acme"] }, { db, engine: down });
      expect(result).toMatchObject({
        hits: [],
        totalHits: 0,
        degraded: true,
        unavailable: true,
        request: { q: "boots", brand: [] },
      });
    } finally {
      console.error = errors;
    }
  });
});
