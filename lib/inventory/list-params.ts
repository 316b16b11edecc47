// The inventory list's URL state (?q=&location=&low=1&page=), parsed leniently: anything malformed falls
// back to the default instead of an error page, since these URLs are typed, shared and bookmarked.
import { MAX_SEARCH_LENGTH } from "./levels";
import { searchText } from "@/lib/text";

export interface InventoryListUrlState {
  q: string;
  locationId: string | null;
  lowStockOnly: boolean;
  page: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? (value[0] ?? "") : (value ?? "");

export function parseInventoryListParams(params: SearchParams): InventoryListUrlState {
  const q = searchText(first(params.q), MAX_SEARCH_LENGTH);
  const location = first(params.location).trim();
  const page = Number(first(params.page));
  return {
    q,
    locationId: /^[A-Za-z0-9_-]{1,64}$/.test(location) ? location : null,
    lowStockOnly: ["1", "true", "on"].includes(first(params.low)),
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export function inventoryListHref(state: InventoryListUrlState): string {
  const search = new URLSearchParams();
  if (state.q) search.set("q", state.q);
  if (state.locationId) search.set("location", state.locationId);
  if (state.lowStockOnly) search.set("low", "1");
  if (state.page > 1) search.set("page", String(state.page));
  const query = search.toString();
  return query ? `/admin/inventory?${query}` : "/admin/inventory";
}
