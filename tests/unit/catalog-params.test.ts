import { describe, expect, it } from "vitest";
import {
  DEFAULT_SORT,
  firstValue,
  isPageInRange,
  isWellFormedSlug,
  listingHref,
  parseListingParams,
  parsePage,
  parseSort,
  parseVariantId,
  totalPagesFor,
  type SearchParamValue,
} from "@/lib/catalog/params";

describe("parsePage", () => {
  it.each<[SearchParamValue, number]>([
    [undefined, 1],
    ["", 1],
    ["1", 1],
    ["2", 2],
    ["24", 24],
    ["0", 1],
    ["-1", 1],
    ["+2", 1],
    ["2.0", 1],
    ["2.5", 1],
    ["1e3", 1],
    [" 2", 1],
    ["2 ", 1],
    ["02", 1],
    ["abc", 1],
    ["0x10", 1],
    ["Infinity", 1],
    ["NaN", 1],
    [["3", "4"], 3],
    [["x", "4"], 1],
    [[], 1],
    ["99999999999999999999999", Number.MAX_SAFE_INTEGER],
  ])("%j -> %d", (input, expected) => {
    expect(parsePage(input)).toBe(expected);
  });
});

describe("parseSort", () => {
  it.each<[SearchParamValue, string]>([
    [undefined, "featured"],
    ["featured", "featured"],
    ["newest", "newest"],
    ["price-asc", "price-asc"],
    ["price-desc", "price-desc"],
    ["rating", "rating"],
    ["PRICE-ASC", DEFAULT_SORT],
    ["price", DEFAULT_SORT],
    ["", DEFAULT_SORT],
    ["__proto__", DEFAULT_SORT],
    ["toString", DEFAULT_SORT],
    [["rating", "newest"], "rating"],
  ])("%j -> %s", (input, expected) => {
    expect(parseSort(input)).toBe(expected);
  });
});

describe("isWellFormedSlug", () => {
  it.each<[string, boolean]>([
    ["ridge-tee", true],
    ["tee-2", true],
    ["a", true],
    ["", false],
    ["Ridge-Tee", false],
    ["ridge--tee", false],
    ["-ridge", false],
    ["ridge\u0000tee", false],
    ["ridge tee", false],
    ["caf\u00e9", false],
    ["../etc", false],
    ["a".repeat(201), false],
  ])("%j -> %s", (input, expected) => {
    expect(isWellFormedSlug(input)).toBe(expected);
  });
});

describe("parseVariantId", () => {
  it.each<[SearchParamValue, string | undefined]>([
    [undefined, undefined],
    ["", undefined],
    ["k3x9v2m8q1w7e5r4t6y0u2i8", "k3x9v2m8q1w7e5r4t6y0u2i8"],
    ["abc_DEF-123", "abc_DEF-123"],
    ["../etc/passwd", undefined],
    ["a b", undefined],
    ["<script>", undefined],
    ["x".repeat(65), undefined],
    [["first", "second"], "first"],
  ])("%j -> %s", (input, expected) => {
    expect(parseVariantId(input)).toBe(expected);
  });
});

describe("parseListingParams", () => {
  it.each([
    [{}, { page: 1, sort: "featured" }],
    [
      { page: "3", sort: "rating" },
      { page: 3, sort: "rating" },
    ],
    [
      { page: "-4", sort: "cheapest" },
      { page: 1, sort: "featured" },
    ],
    [
      { page: ["2", "9"], sort: ["newest"] },
      { page: 2, sort: "newest" },
    ],
  ])("%j -> %j", (input, expected) => {
    expect(parseListingParams(input)).toEqual(expected);
  });
});

describe("pages", () => {
  it.each([
    [0, 1],
    [1, 1],
    [24, 1],
    [25, 2],
    [48, 2],
    [49, 3],
  ])("%d products make %d pages of 24", (total, pages) => {
    expect(totalPagesFor(total)).toBe(pages);
  });

  it.each([
    [1, 1, true],
    [1, 3, true],
    [3, 3, true],
    [4, 3, false],
    [Number.MAX_SAFE_INTEGER, 3, false],
    // An empty listing still has its first (empty) page.
    [1, 0, true],
    [2, 0, false],
    [0, 3, false],
  ])("page %d of %d in range: %s", (page, totalPages, expected) => {
    expect(isPageInRange(page, totalPages)).toBe(expected);
  });
});

describe("listingHref", () => {
  it.each([
    [{}, "/category/shoes"],
    [{ page: 1, sort: "featured" as const }, "/category/shoes"],
    [{ page: 2 }, "/category/shoes?page=2"],
    [{ sort: "price-asc" as const }, "/category/shoes?sort=price-asc"],
    [{ sort: "rating" as const, page: 3 }, "/category/shoes?sort=rating&page=3"],
  ])("%j -> %s", (params, expected) => {
    expect(listingHref("/category/shoes", params)).toBe(expected);
  });
});

describe("firstValue", () => {
  it("takes the first of repeated parameters", () => {
    expect(firstValue(["a", "b"])).toBe("a");
    expect(firstValue("a")).toBe("a");
    expect(firstValue(undefined)).toBeUndefined();
  });
});
