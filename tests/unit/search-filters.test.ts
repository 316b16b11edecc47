import { describe, expect, it } from "vitest";
import { activeFacets, buildFilter, quoteFilterValue } from "@/lib/search/filters";
import { EMPTY_REQUEST } from "@/lib/search/params";
import { planEngineQuery } from "@/lib/search/engine-query";
import { priceBucketFor } from "@/lib/search/facets";

describe("quoteFilterValue", () => {
  it.each([
    ["Acme", '"Acme"'],
    ['Bob\'s "Best"', '"Bob\'s \\"Best\\""'],
    ["back\\slash", '"back\\\\slash"'],
    ['\\"', '"\\\\\\""'],
    ["a OR b = c", '"a OR b = c"'],
  ])("%j -> %s", (value, quoted) => {
    expect(quoteFilterValue(value)).toBe(quoted);
  });
});

describe("buildFilter", () => {
  const request = {
    ...EMPTY_REQUEST,
    category: ["boots"],
    brand: ["A", "B"],
    price: ["0-25", "200-up"],
    rating: 4 as const,
    colour: ["Red"],
    size: ["M"],
    inStock: true,
  };

  it("ORs within a facet and ANDs across facets", () => {
    expect(buildFilter(request)).toEqual([
      ['categorySlugs = "boots"'],
      ['brand = "A"', 'brand = "B"'],
      ['priceBucket = "0-25"', 'priceBucket = "200-up"'],
      ['colours = "Red"'],
      ['sizes = "M"'],
      "ratingFloor >= 4",
      "inStock = true",
    ]);
  });

  it("leaves out the excluded facet and always applies the scope", () => {
    const filter = buildFilter(request, "brand", { categorySlug: "footwear" });
    expect(filter[0]).toBe('categorySlugs = "footwear"');
    expect(JSON.stringify(filter)).not.toContain("brand");
    expect(buildFilter(request, "rating")).not.toContain("ratingFloor >= 4");
    expect(buildFilter(request, "inStock")).not.toContain("inStock = true");
  });

  it("plans one count query per facet with a selection", () => {
    expect(activeFacets(EMPTY_REQUEST)).toEqual([]);
    const plan = planEngineQuery("products", { ...EMPTY_REQUEST, brand: ["A"], inStock: true, sort: "price-desc" }, 24);
    expect(plan.countQueriesFor).toEqual(["brand", "inStock"]);
    expect(plan.queries).toHaveLength(3);
    expect(plan.queries[0]).toMatchObject({ sort: ["priceMinCents:desc"], hitsPerPage: 24, page: 1 });
    expect(plan.queries[0]!.facets).not.toContain("brand");
    expect(plan.queries[1]).toMatchObject({ facets: ["brand"], limit: 0, filter: ["inStock = true"] });
  });
});

describe("priceBucketFor", () => {
  it.each([
    [0, "0-25"],
    [2_499, "0-25"],
    [2_500, "25-50"],
    [9_999, "50-100"],
    [19_999, "100-200"],
    [20_000, "200-up"],
    [10_000_000, "200-up"],
  ])("%i cents -> %s", (cents, bucket) => expect(priceBucketFor(cents)).toBe(bucket));
});
