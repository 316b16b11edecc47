// SearchRequest -> URL. The URL is the whole state of a search page (shareable, back button works), so
// every link on the page is built here, with parameters in a fixed order and defaults left out.
import type { SearchRequest } from "./params";

export const SEARCH_PATH = "/search";

export function searchQueryString(request: SearchRequest): string {
  const params = new URLSearchParams();
  if (request.q) params.set("q", request.q);
  for (const value of request.category) params.append("category", value);
  for (const value of request.brand) params.append("brand", value);
  for (const value of request.price) params.append("price", value);
  if (request.rating !== null) params.set("rating", String(request.rating));
  for (const value of request.colourFamily) params.append("colourFamily", value);
  for (const value of request.colour) params.append("colour", value);
  for (const value of request.size) params.append("size", value);
  for (const value of request.audience) params.append("audience", value);
  if (request.inStock) params.set("inStock", "1");
  if (request.sort !== "relevance") params.set("sort", request.sort);
  if (request.page > 1) params.set("page", String(request.page));
  // Only meaningful with words to understand; an empty query has nothing to interpret.
  if (!request.interpret && request.q) params.set("interpret", "0");
  return params.toString();
}

/** Link to `request` changed by `changes`; any change other than the page goes back to page 1. */
export function searchHref(
  request: SearchRequest,
  changes: Partial<SearchRequest> = {},
  basePath: string = SEARCH_PATH,
): string {
  const next = { ...request, ...changes };
  if (!("page" in changes)) next.page = 1;
  const query = searchQueryString(next);
  return query ? `${basePath}?${query}` : basePath;
}

type ListKey = "category" | "brand" | "price" | "colourFamily" | "colour" | "size" | "audience";

/** The request with `value` ticked or unticked in a multi-value facet. */
export function toggleValue(request: SearchRequest, key: ListKey, value: string): Partial<SearchRequest> {
  const current: readonly string[] = request[key];
  return { [key]: current.includes(value) ? current.filter((v) => v !== value) : [...current, value] };
}
