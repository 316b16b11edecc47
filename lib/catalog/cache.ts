// The cached catalog reads that pages and components use. Each wraps a plain query (./categories,
// ./products) in
// 'use cache' with tags (./tags) and a lifetime, so catalog pages prerender into the static shell and are
// served from memory; writers invalidate by tag. The hourly lifetime is only a safety net for a write
// that forgot to revalidate. Availability is deliberately absent: see lib/inventory/availability.ts.
import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { prisma } from "@/lib/db";
import * as categories from "./categories";
import * as products from "./products";
import { TAGS } from "./tags";

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

export async function getProductReviews(slug: string, productId: string, limit: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(TAGS.catalog, TAGS.product(slug));
  return products.listProductReviews(prisma, productId, { limit });
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
