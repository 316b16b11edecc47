import { describe, expect, it } from "vitest";
import { isDocumentRequest } from "@/lib/http/document-request";
import { listingKey } from "@/lib/search/listing-key";
import { MAX_CACHED_LISTING_KEY_LENGTH, cachedListingTarget } from "@/lib/search/listing-route";
import { parseSearchParams } from "@/lib/search/params";

const keyOf = (query: string) => listingKey(parseSearchParams(new URLSearchParams(query)));

describe("cachedListingTarget", () => {
  it("sends a search page to the cached route of its normalised query, every spelling to the same one", () => {
    const target = `/search/${keyOf("q=navy hoodie&sort=price-asc")}`;
    expect(cachedListingTarget("/search?q=navy+hoodie&sort=price-asc")).toBe(target);
    expect(cachedListingTarget("/search?sort=price-asc&q=%20navy%20%20hoodie&page=1&utm_source=mail")).toBe(target);
    expect(cachedListingTarget("/search")).toBe("/search/all");
    expect(cachedListingTarget("/search?utm_source=mail")).toBe("/search/all");
  });

  it("sends a category URL with a listing parameter to its cached filtered view; its own category is the scope", () => {
    expect(cachedListingTarget("/category/bags?price=25-50&sort=price-asc")).toBe(
      `/category/bags/filtered/${keyOf("sort=price-asc&price=25-50")}`,
    );
    expect(cachedListingTarget("/category/bags?category=shoes&page=1")).toBe("/category/bags/filtered/all");
  });

  it("leaves every other target alone: the default view, other pages, nested paths", () => {
    for (const target of [
      "/category/bags",
      "/category/bags?utm_source=mail",
      "/category/bags/filtered?price=25-50",
      "/category/bags/filtered/all",
      "/search/",
      "/search/all",
      "/searching?q=x",
      "/products/boots?q=boots",
      "/",
    ]) {
      expect(cachedListingTarget(target), target).toBeUndefined();
    }
  });

  it("keeps a long query out of the cache (rendered per request): names stay bounded", () => {
    const brands = Array.from({ length: 20 }, (_, index) => `brand=${"b".repeat(20)}${index}`).join("&");
    expect(keyOf(brands).length).toBeGreaterThan(MAX_CACHED_LISTING_KEY_LENGTH);
    expect(cachedListingTarget(`/search?${brands}`)).toBeUndefined();
    expect(cachedListingTarget(`/category/bags?${brands}`)).toBeUndefined();
  });
});

describe("isDocumentRequest", () => {
  it("is true for a plain GET or HEAD", () => {
    expect(isDocumentRequest("GET", "/search?q=boots", { accept: "text/html" })).toBe(true);
    expect(isDocumentRequest("HEAD", "/search", {})).toBe(true);
  });

  it("is false for the requests of Next's router and for other methods", () => {
    for (const headers of [
      { rsc: "1" },
      { rsc: "0" },
      { "next-router-state-tree": "x" },
      { "next-router-prefetch": "1" },
      { "next-router-segment-prefetch": "/_tree" },
      { "next-action": "abc" },
      { "next-url": "/search" },
      { "next-hmr-refresh": "1" },
    ]) {
      expect(isDocumentRequest("GET", "/search?q=boots", headers), JSON.stringify(headers)).toBe(false);
    }
    expect(isDocumentRequest("GET", "/search?q=boots&_rsc=1a2b3", {})).toBe(false);
    expect(isDocumentRequest("GET", "/search?_rsc", {})).toBe(false);
    expect(isDocumentRequest("GET", "/search?q=_rsc&x_rsc=1", {})).toBe(true);
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS", undefined]) {
      expect(isDocumentRequest(method, "/search", {}), String(method)).toBe(false);
    }
  });
});
