import "server-only";
// Storefront cache invalidation after a product write has committed (never before: a page re-rendered
// between the tag and the commit would cache the old data again). "max" is stale-while-revalidate, so
// the next visitor still gets an instant page and the one after the new one. Called by the admin server
// actions and the image upload route; the lib write functions return the slugs it needs.
import { revalidateTag } from "next/cache";
import { TAGS } from "@/lib/catalog/tags";

export interface ProductCacheKeys {
  slug: string;
  previousSlug?: string | null;
  categorySlugs?: readonly string[];
}

export function revalidateProductPages(keys: ProductCacheKeys): void {
  revalidateTag(TAGS.product(keys.slug), "max");
  // A renamed product's old URL must stop serving the cached page (it is a 404 now).
  if (keys.previousSlug && keys.previousSlug !== keys.slug) revalidateTag(TAGS.product(keys.previousSlug), "max");
  // Cards on the home page, category listings and the sitemap show title, price, picture and status.
  revalidateTag(TAGS.products, "max");
  for (const slug of keys.categorySlugs ?? []) revalidateTag(TAGS.category(slug), "max");
}
