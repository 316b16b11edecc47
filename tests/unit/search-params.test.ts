import { describe, expect, it } from "vitest";
import {
  EMPTY_REQUEST,
  MAX_QUERY_LENGTH,
  normaliseQuery,
  parseSearchParams,
  restrictToKnownValues,
} from "@/lib/search/params";
import { searchHref, searchQueryString, toggleValue } from "@/lib/search/url";

describe("parseSearchParams", () => {
  it("reads a full request from a record or URLSearchParams", () => {
    const expected = {
      q: "running shoes",
      category: ["footwear", "boots"],
      brand: ["Acme", 'Bob\'s "Best"'],
      price: ["25-50", "0-30"],
      rating: 4,
      colourFamily: ["blue"],
      colour: ["Black"],
      size: ["42"],
      audience: ["men"],
      inStock: true,
      sort: "price-asc",
      page: 3,
      interpret: false,
    };
    const record = {
      q: "  running   shoes ",
      category: ["footwear", "boots"],
      brand: ["Acme", 'Bob\'s "Best"'],
      price: ["25-50", "0-30"],
      rating: "4",
      colourFamily: "blue",
      colour: "Black",
      size: "42",
      audience: "men",
      inStock: "1",
      sort: "price-asc",
      page: "3",
      interpret: "0",
    };
    expect(parseSearchParams(record)).toEqual(expected);
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(record)) for (const v of [value].flat()) params.append(key, v);
    expect(parseSearchParams(params)).toEqual(expected);
  });

  it("falls back to defaults for anything outside the allowlists", () => {
    expect(
      parseSearchParams({
        sort: "price DESC",
        page: "0",
        rating: "5",
        inStock: "yes",
        price: ["25-50 OR 1=1", "0-0", "60-30", "050-60", "-5-10", "10-99999999", "0-up"],
        colourFamily: ["teal", "BLUE", 'blue" OR 1'],
        audience: ["MEN", "everyone"],
      }),
    ).toEqual(EMPTY_REQUEST);
    expect(parseSearchParams({})).toEqual(EMPTY_REQUEST);
  });

  it.each([["-1"], ["1.5"], ["1e3"], [" 2"], ["+2"], ["2abc"], ["9999999999"], ["0x10"]])(
    "page %j is page 1",
    (page) => {
      expect(parseSearchParams({ page }).page).toBe(1);
    },
  );

  it("takes the first of repeated single-value parameters", () => {
    expect(parseSearchParams({ sort: ["newest", "rating"], page: ["2", "5"] })).toMatchObject({
      sort: "newest",
      page: 2,
    });
  });

  it("refuses category values that are not slugs", () => {
    expect(parseSearchParams({ category: ['shoes" OR 1', "UPPER", "a b", "ok-slug", "x]"] }).category).toEqual([
      "ok-slug",
    ]);
  });

  it("caps and de-duplicates facet values", () => {
    const many = Array.from({ length: 50 }, (_, i) => `v${i}`);
    expect(parseSearchParams({ brand: many }).brand).toHaveLength(20);
    expect(parseSearchParams({ brand: ["A", "A", " A "] }).brand).toEqual(["A"]);
    expect(parseSearchParams({ brand: "x".repeat(101) }).brand).toEqual([]);
    expect(parseSearchParams({ brand: "a\u0000b" }).brand).toEqual([]);
  });
});

describe("normaliseQuery", () => {
  it("cuts to 200 characters without splitting a character", () => {
    expect(Array.from(normaliseQuery("é".repeat(300)))).toHaveLength(MAX_QUERY_LENGTH);
    expect(Array.from(normaliseQuery("😀".repeat(300)))).toHaveLength(MAX_QUERY_LENGTH);
    expect(normaliseQuery("😀".repeat(300)).endsWith("😀")).toBe(true);
  });
  it("removes control and highlighter characters and collapses whitespace", () => {
    expect(normaliseQuery("a\u0000b\ue000c\n\t d")).toBe("a b c d");
    expect(normaliseQuery(undefined)).toBe("");
  });
});

describe("restrictToKnownValues", () => {
  it("drops facet values the catalog does not have", () => {
    const known = {
      categorySlugs: new Set(["boots"]),
      brands: new Set(["Acme"]),
      colours: new Set(["Black"]),
      sizes: new Set(["M"]),
    };
    const request = {
      ...EMPTY_REQUEST,
      category: ["boots", "nope"],
      brand: ["Acme", 'Acme" OR "1'],
      colour: ["Black", "Pink"],
      size: ["M", "XXL"],
    };
    expect(restrictToKnownValues(request, known)).toEqual({
      ...EMPTY_REQUEST,
      category: ["boots"],
      brand: ["Acme"],
      colour: ["Black"],
      size: ["M"],
    });
  });
});

describe("search URLs", () => {
  const request = {
    ...EMPTY_REQUEST,
    q: "tee & more",
    brand: ["A&B"],
    price: ["0-25"],
    rating: 3 as const,
    inStock: true,
    sort: "newest" as const,
    page: 4,
  };

  it("round-trips through parseSearchParams", () => {
    expect(parseSearchParams(new URLSearchParams(searchQueryString(request)))).toEqual(request);
    const understood = {
      ...request,
      colourFamily: ["blue"],
      audience: ["women" as const],
      price: ["0-30"],
      interpret: false,
    };
    expect(parseSearchParams(new URLSearchParams(searchQueryString(understood)))).toEqual(understood);
  });

  it("marks a query whose words were already understood, and only then", () => {
    expect(searchHref({ ...EMPTY_REQUEST, q: "hoodie", colourFamily: ["blue"], interpret: false })).toBe(
      "/search?q=hoodie&colourFamily=blue&interpret=0",
    );
    // Without words there is nothing to interpret: no marker.
    expect(searchHref({ ...EMPTY_REQUEST, colourFamily: ["blue"], interpret: false })).toBe(
      "/search?colourFamily=blue",
    );
  });

  it("leaves defaults out and resets the page on any other change", () => {
    expect(searchHref(EMPTY_REQUEST)).toBe("/search");
    expect(searchHref(request, { sort: "rating" })).toBe(
      "/search?q=tee+%26+more&brand=A%26B&price=0-25&rating=3&inStock=1&sort=rating",
    );
    expect(searchHref(request, { page: 5 })).toContain("page=5");
    expect(searchHref(EMPTY_REQUEST, { q: "x" }, "/category/boots")).toBe("/category/boots?q=x");
  });

  it("toggles values of a facet", () => {
    expect(toggleValue(request, "brand", "C")).toEqual({ brand: ["A&B", "C"] });
    expect(toggleValue(request, "brand", "A&B")).toEqual({ brand: [] });
  });
});
