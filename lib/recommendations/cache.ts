// The cached recommendation reads that pages use. Tagged like every product list (TAGS.products, so an
// admin change to any product, such as archiving it, drops them at once on every instance), and re-read
// in the background at most once a minute while visited: the co-purchase counts change in the worker
// and a recommended product can sell out, neither of which expires a tag.
import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { prisma } from "@/lib/db";
import { TAGS } from "@/lib/catalog/tags";
import { activeProductIds, basketRecommendations, MAX_SOURCE_PRODUCTS, productRecommendations } from "./queries";

const LIFETIME = { stale: 300, revalidate: 60, expire: 3600 } as const;

/**
 * "Frequently bought together" (or similar best sellers) for a product page, by the product's slug; null
 * when no product for sale has it.
 */
export async function getProductPageRecommendations(slug: string) {
  "use cache";
  cacheLife(LIFETIME);
  cacheTag(TAGS.catalog, TAGS.products, TAGS.recommendations);
  const [productId] = await activeProductIds(prisma, [slug]);
  return productId ? productRecommendations(prisma, productId) : null;
}

/**
 * "You may also like" for products named by slug (a cart's), none giving the store's best sellers.
 * Callers pass the slugs sorted and without repeats, so one cart's contents are one cache entry.
 */
export async function getBasketRecommendations(slugs: readonly string[]) {
  "use cache";
  cacheLife(LIFETIME);
  cacheTag(TAGS.catalog, TAGS.products, TAGS.recommendations);
  return basketRecommendations(prisma, await activeProductIds(prisma, slugs.slice(0, MAX_SOURCE_PRODUCTS)));
}
