// The cached catalog reads that pages and components use. Each wraps a plain query (./categories,
// ./products) in 'use cache' with tags (./tags) and a lifetime, so catalog pages prerender whole and are
// served from the cache; writers invalidate by tag. The hourly lifetime is only a safety net for a write
// that forgot to revalidate. What shoppers see of stock is never read from here: the pages' islands read
// it live (lib/catalog/live-stock.ts, GET /api/products/<slug>/availability). The one stock figure that is
// cached, getAvailabilitySnapshot, goes into the JSON-LD for crawlers only.
import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { prisma } from "@/lib/db";
import type { CurrencyDisplay } from "@/lib/money";
import { getAvailability } from "@/lib/inventory/availability";
import { EMPTY_REQUEST, type SearchRequest } from "@/lib/search/params";
import { searchCatalog } from "@/lib/search/service";
import * as categories from "./categories";
import * as products from "./products";
import { TAGS } from "./tags";
import type { ReviewSort } from "./types";

export { TAGS };

export async function getCategoryTree() {
  "use cache";
  cacheLife("hours");
  cacheTag(TAGS.catalog, TAGS.categories);
  return categories.listCategoryTree(prisma);
}

export async function getCategory(slug: string) {
  "use cache";
  cacheLife("hours");
  cacheTag(TAGS.catalog, TAGS.categories, TAGS.category(slug));
  return categories.getCategoryBySlug(prisma, slug);
}

export async function getFeaturedProducts(limit: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(TAGS.catalog, TAGS.products);
  return products.listFeaturedProducts(prisma, limit);
}

export async function getNewArrivals(limit: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(TAGS.catalog, TAGS.products);
  return products.listNewArrivals(prisma, limit);
}

export async function getProduct(slug: string) {
  "use cache";
  cacheLife("hours");
  // Categories too: the breadcrumb shows category names.
  cacheTag(TAGS.catalog, TAGS.product(slug), TAGS.categories);
  return products.getProductBySlug(prisma, slug);
}

export async function getProductReviews(
  slug: string,
  productId: string,
  page: { limit: number; offset?: number; sort?: ReviewSort },
) {
  "use cache";
  cacheLife("hours");
  cacheTag(TAGS.catalog, TAGS.product(slug));
  return products.listProductReviews(prisma, productId, page);
}

export async function getSitemapEntries() {
  "use cache";
  cacheLife("hours");
  cacheTag(TAGS.catalog, TAGS.products, TAGS.categories);
  return products.listSitemapEntries(prisma);
}

export async function getCategorySlugs() {
  "use cache";
  cacheLife("hours");
  cacheTag(TAGS.catalog, TAGS.categories);
  return categories.listCategorySlugs(prisma);
}

export async function getPopularProductSlugs(limit: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(TAGS.catalog, TAGS.products);
  return products.listPopularProductSlugs(prisma, limit);
}

/**
 * Units available per variant when the product page was last rendered, for its JSON-LD offers (what
 * crawlers read; shoppers see the live figure). Re-read in the background at most once a minute, which
 * makes the product page itself re-render at most once a minute while it is visited.
 */
export async function getAvailabilitySnapshot(slug: string, variantIds: string[]) {
  "use cache";
  cacheLife({ stale: 300, revalidate: 60, expire: 3600 });
  cacheTag(TAGS.catalog, TAGS.product(slug));
  return getAvailability(prisma, variantIds);
}

/**
 * A category's default listing (no query, no filter, featured order, first page) through the search
 * engine, as the category page shows it. The search index follows catalog changes through the outbox a
 * moment after their commit, so an admin change (which revalidates these tags at once) can be searched
 * before the index has it: the listing is therefore searched again in the background at most every 15 s
 * while it is visited. "Out of stock" notes on it are read live in the browser.
 */
export async function getCategoryListing(slug: string, currencyDisplay: CurrencyDisplay) {
  "use cache";
  cacheTag(TAGS.catalog, TAGS.products, TAGS.category(slug));
  const result = await searchCatalog(EMPTY_REQUEST, { scope: { categorySlug: slug }, currencyDisplay });
  cacheLife(result.degraded ? DEGRADED_LIFE : { stale: 300, revalidate: 15, expire: 86_400 });
  return result;
}

/**
 * A search or a filtered, sorted or paged category listing, cached per request as parsed (the parsed
 * request is the normalised query: unknown values dropped, defaults filled in), so a popular query is
 * searched once every few seconds rather than once per visitor. Short-lived, for the same reason as
 * getCategoryListing (the index follows admin changes a moment after the tags are revalidated), and
 * tagged like the listings so an admin change drops it at once. The pages showing it read "Out of stock"
 * live in the browser, like the cached default views.
 */
export async function getSearchListing(
  request: SearchRequest,
  categorySlug: string | null,
  currencyDisplay: CurrencyDisplay,
) {
  "use cache";
  cacheTag(TAGS.catalog, TAGS.products, ...(categorySlug ? [TAGS.category(categorySlug)] : []));
  const result = await searchCatalog(request, {
    ...(categorySlug ? { scope: { categorySlug } } : {}),
    currencyDisplay,
  });
  cacheLife(result.degraded ? DEGRADED_LIFE : { stale: 30, revalidate: 15, expire: 300 });
  return result;
}

/**
 * An answer from the PostgreSQL fallback (the engine was down) is searched again in the background a
 * second after it was made, not 15 s: once the engine is back, visitors get its full answer (facets, typo
 * tolerance) at once instead of the fallback's for the rest of a listing's usual lifetime. Expiring at
 * 5 minutes, not sooner, keeps it a cache entry a prerender may hold (a shorter one would make the
 * category page dynamic at build time when the engine is down then).
 */
const DEGRADED_LIFE = { stale: 30, revalidate: 1, expire: 300 };
