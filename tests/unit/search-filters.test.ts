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
    colourFamily: ["red"],
    colour: ["Red"],
    size: ["M"],
    audience: ["women" as const],
    inStock: true,
  };

  it("ORs within a facet and ANDs across facets", () => {
    expect(buildFilter(request)).toEqual([
      ['categorySlugs = "boots"'],
      ['brand = "A"', 'brand = "B"'],
      ['colourFamilies = "red"'],
      ['colours = "Red"'],
      ['sizes = "M"'],
      ["(priceMinCents >= 0 AND priceMinCents < 2500)", "priceMinCents >= 20000"],
      // A product for no one in particular passes an audience filter.
      ['audiences = "women"', "audiences IS EMPTY"],
      "ratingFloor >= 4",
      "inStock = true",
    ]);
  });

  it("filters a typed price range like a bucket, on the From price", () => {
    expect(buildFilter({ ...EMPTY_REQUEST, price: ["0-30", "100-up", "junk"] })).toEqual([
      ["(priceMinCents >= 0 AND priceMinCents < 3000)", "priceMinCents >= 10000"],
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
