import "server-only";
// Storefront cache invalidation after a product write has committed (never before: a page re-rendered
// between the tag and the commit would cache the old data again). Called by the admin server actions, the
// image upload route and the CSV import; the lib write functions return the slugs it needs.
//
// The tags expire at once ({ expire: 0 }), not "max" (stale-while-revalidate): a price must not show old
// on a page after the save returned. With "max", a product page prerendered at build (Next's page cache,
// checked against the same tags) was served stale and re-rendered in the background from the stale
// 'use cache' entries it was built from, so it kept the old price (seen on the instance that saved it,
// 60 s later). An expired tag makes the page and its 'use cache' entries misses: the next visitor's
// request renders them from the database, on every instance (lib/cache/shared-cache.ts spreads the
// expiry through Redis; the instances that come after read the fresh entries from there).
import { revalidateTag } from "next/cache";
import { TAGS } from "@/lib/catalog/tags";

const EXPIRE_NOW = { expire: 0 };

export interface ProductCacheKeys {
  slug: string;
  previousSlug?: string | null;
  categorySlugs?: readonly string[];
}

/** Expires the given catalog tags on every instance (see above). */
export function expireCatalogTags(tags: Iterable<string>): void {
  for (const tag of new Set(tags)) revalidateTag(tag, EXPIRE_NOW);
}

export function revalidateProductPages(keys: ProductCacheKeys): void {
  expireCatalogTags([
    TAGS.product(keys.slug),
    // A renamed product's old URL must stop serving the cached page (it is a 404 now).
    ...(keys.previousSlug && keys.previousSlug !== keys.slug ? [TAGS.product(keys.previousSlug)] : []),
    // Cards on the home page, category listings and the sitemap show title, price, picture and status.
    TAGS.products,
    ...(keys.categorySlugs ?? []).map((slug) => TAGS.category(slug)),
  ]);
}
