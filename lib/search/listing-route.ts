// Where a document request for a search page or a filtered category view is served from: the route
// whose last path segment is its normalised query (./listing-key.ts), one page in Next's cache per
// normalised query, served whole like a category's default view. The web server (scripts/web-server.ts,
// lib/http/web-server.ts) rewrites only document requests (lib/http/document-request.ts); a client-side
// navigation keeps its URL and is rendered per request (docs/storefront.md says why). The shopper's URL,
// canonical link and links do not change.
import { listingKey } from "./listing-key";
import { EMPTY_REQUEST, parseSearchParams } from "./params";
import { SEARCH_PATH } from "./url";

/** Every query parameter a listing reads (q, filters, sort, page); next.config.ts uses the same list. */
const LISTING_PARAMS = new Set(Object.keys(EMPTY_REQUEST));

const CATEGORY_PATH = /^\/category\/([^/]+)$/;

/**
 * A longer key is not cached: its query is rendered per request as before. It bounds the size of a cache
 * entry's name and keeps it under the web server's own path segment limit (MAX_PATH_SEGMENT_LENGTH).
 */
export const MAX_CACHED_LISTING_KEY_LENGTH = 200;

/**
 * The cached route for a request target ("/search?q=boots"), or undefined when the target is not a search
 * page or a category URL with a listing parameter (the default view is cached under its own URL already).
 */
export function cachedListingTarget(target: string): string | undefined {
  const mark = target.indexOf("?");
  const pathname = mark === -1 ? target : target.slice(0, mark);
  if (pathname !== SEARCH_PATH && !pathname.startsWith("/category/")) return undefined;
  const params = new URLSearchParams(mark === -1 ? "" : target.slice(mark + 1));
  if (pathname === SEARCH_PATH) return underKey(SEARCH_PATH, listingKey(parseSearchParams(params)));
  const category = CATEGORY_PATH.exec(pathname);
  if (!category || !hasListingParam(params)) return undefined;
  // The page's own category is the scope, not a facet: a ?category= parameter has no say there.
  return underKey(`/category/${category[1]}/filtered`, listingKey({ ...parseSearchParams(params), category: [] }));
}

function hasListingParam(params: URLSearchParams): boolean {
  for (const name of params.keys()) if (LISTING_PARAMS.has(name)) return true;
  return false;
}

function underKey(base: string, key: string): string | undefined {
  return key.length <= MAX_CACHED_LISTING_KEY_LENGTH ? `${base}/${key}` : undefined;
}
