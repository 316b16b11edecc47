// Meilisearch filter expressions, built only from validated values (./params.ts) and always quoted, so
// no shopper-supplied text is ever parsed as filter syntax. Within a facet values are OR-ed, facets are
// AND-ed (Meilisearch's array form: outer array AND, inner array OR). `exclude` leaves one facet's own
// filter out, to count that facet's values for disjunctive faceting.
import { FACET_ATTRIBUTE, parsePriceRange, type FacetKey } from "./facets";
import type { SearchRequest } from "./params";

/** A double-quoted filter literal: backslashes and quotes escaped, so the value is one opaque string. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function anyOf(attribute: string, values: readonly string[]): string[] {
  return values.map((value) => `${attribute} = ${quoteFilterValue(value)}`);
}

export type FilterExpression = (string | string[])[];

export interface FilterScope {
  /** A fixed category (a category page's own): always applied, not a facet the shopper can untick. */
  categorySlug?: string;
}

/** A price range as a numeric condition on the "From" price (the price buckets are the same ranges). */
function priceCondition(value: string): string | null {
  const range = parsePriceRange(value);
  if (!range) return null;
  const min = `priceMinCents >= ${Math.trunc(range.minCents)}`;
  return range.maxCents === null ? min : `(${min} AND priceMinCents < ${Math.trunc(range.maxCents)})`;
}

export function buildFilter(request: SearchRequest, exclude?: FacetKey, scope: FilterScope = {}): FilterExpression {
  const filter: FilterExpression = [];
  if (scope.categorySlug) filter.push(`${FACET_ATTRIBUTE.category} = ${quoteFilterValue(scope.categorySlug)}`);
  const lists: [FacetKey, readonly string[]][] = [
    ["category", request.category],
    ["brand", request.brand],
    ["colourFamily", request.colourFamily],
    ["colour", request.colour],
    ["size", request.size],
  ];
  for (const [facet, values] of lists) {
    if (facet !== exclude && values.length > 0) filter.push(anyOf(FACET_ATTRIBUTE[facet], values));
  }
  // Ranges come from parsePriceRange (digits only): never free text.
  const prices = request.price.map(priceCondition).filter((condition): condition is string => condition !== null);
  if (exclude !== "price" && prices.length > 0) filter.push(prices);
  // A product made for no one in particular (a mug) suits every audience.
  if (exclude !== "audience" && request.audience.length > 0)
    filter.push([...anyOf(FACET_ATTRIBUTE.audience, request.audience), `${FACET_ATTRIBUTE.audience} IS EMPTY`]);
  // Numbers and booleans come from allowlists (RATING_THRESHOLDS, a flag): never free text.
  if (exclude !== "rating" && request.rating !== null)
    filter.push(`${FACET_ATTRIBUTE.rating} >= ${Math.trunc(request.rating)}`);
  if (exclude !== "inStock" && request.inStock) filter.push(`${FACET_ATTRIBUTE.inStock} = true`);
  return filter;
}

/** Facets with something selected: each needs its own count query with its filter left out. */
export function activeFacets(request: SearchRequest): FacetKey[] {
  const active: FacetKey[] = [];
  if (request.category.length) active.push("category");
  if (request.brand.length) active.push("brand");
  if (request.price.length) active.push("price");
  if (request.rating !== null) active.push("rating");
  if (request.colourFamily.length) active.push("colourFamily");
  if (request.colour.length) active.push("colour");
  if (request.size.length) active.push("size");
  if (request.audience.length) active.push("audience");
  if (request.inStock) active.push("inStock");
  return active;
}
