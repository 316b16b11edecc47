// A listing's normalised query as one URL path segment: the web server rewrites a search page or a filtered
// category view to a route with this segment, so each normalised query is one page in Next's cache,
// served whole like a category's default view (docs/storefront.md). Server side only (Buffer, zod).
import { parseSearchParams, type SearchRequest } from "./params";
import { searchQueryString } from "./url";

// base64url of the canonical query string: nothing to escape in a path segment (Next would hand the page
// an escaped value otherwise). The request without any parameter is "all".
const ALL = "all";

export function listingKey(request: SearchRequest): string {
  const query = searchQueryString(request);
  return query ? Buffer.from(query, "utf8").toString("base64url") : ALL;
}

/**
 * The request a listing key names, or null when the key is not the canonical form of one (a URL typed by
 * hand, or junk): such a key answers not-found instead of filling the cache with copies of a page.
 */
export function requestFromListingKey(key: string): SearchRequest | null {
  if (key !== ALL && !/^[A-Za-z0-9_-]+$/.test(key)) return null;
  const query = key === ALL ? "" : Buffer.from(key, "base64url").toString("utf8");
  const request = parseSearchParams(new URLSearchParams(query));
  return listingKey(request) === key ? request : null;
}
