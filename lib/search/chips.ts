// The active filters of a search as removable chips ("Colour: blue family ×", "Under $30 ×"), and the
// words that describe an understood part of a query. A chip is a facet value of the URL like a ticked box
// in the sidebar, and its link is the same URL without it: filters read from the query and filters
// ticked by hand are one thing, and the back button steps through both.
import { AUDIENCE_LABELS, parsePriceRange, RATING_THRESHOLDS, SORT_LABELS, type AudienceKey } from "./facets";
import { colourFamily } from "./colour-families";
import { priceBucketLabel } from "./facet-groups";
import type { SearchRequest } from "./params";
import type { UnderstoodPart } from "./understand";
import { searchHref } from "./url";
import type { SearchVocabulary } from "./vocabulary";

export interface FilterChip {
  /** Stable key for React and tests: "colourFamily:blue". */
  key: string;
  label: string;
  /** The same search without this filter. */
  href: string;
}

export function priceLabel(value: string, currency: string): string {
  const range = parsePriceRange(value);
  return range ? priceBucketLabel(range, currency) : value;
}

function categoryName(vocabulary: SearchVocabulary, slug: string): string {
  return vocabulary.categories.find((category) => category.slug === slug)?.name ?? slug;
}

export function colourFamilyLabel(key: string): string {
  return `${colourFamily(key)?.label.toLowerCase() ?? key} family`;
}

/** One value of one facet, as a chip or a notice names it. */
export function filterLabel(
  kind: UnderstoodPart["kind"] | "brand" | "rating" | "inStock",
  value: string,
  vocabulary: SearchVocabulary,
  currency: string,
): string {
  switch (kind) {
    case "category":
      return `Category: ${categoryName(vocabulary, value)}`;
    case "brand":
      return `Brand: ${value}`;
    case "price":
      return priceLabel(value, currency);
    case "rating":
      return value === "1" ? "1 star & up" : `${value} stars & up`;
    case "colourFamily":
      return `Colour: ${colourFamilyLabel(value)}`;
    case "colour":
      return `Colour: ${value}`;
    case "size":
      return `Size: ${value}`;
    case "audience":
      return `For: ${AUDIENCE_LABELS[value as AudienceKey] ?? value}`;
    case "inStock":
      return "In stock";
    case "sort":
      return `Sort: ${SORT_LABELS[value as keyof typeof SORT_LABELS] ?? value}`;
  }
}

/** How an understood part reads in a notice ("Size: 13", "Under $30"). */
export function describePart(part: UnderstoodPart, vocabulary: SearchVocabulary, currency: string): string {
  return part.values.map((value) => filterLabel(part.kind, value, vocabulary, currency)).join(" or ");
}

/** Every active filter of the request (and a chosen sort), each with the link that removes it. */
export function activeFilterChips(
  request: SearchRequest,
  vocabulary: SearchVocabulary,
  currency: string,
  basePath: string,
): FilterChip[] {
  const chips: FilterChip[] = [];
  const list = <K extends "category" | "brand" | "price" | "colourFamily" | "colour" | "size" | "audience">(key: K) => {
    const values: readonly string[] = request[key];
    for (const value of values) {
      chips.push({
        key: `${key}:${value}`,
        label: filterLabel(key, value, vocabulary, currency),
        href: searchHref(request, { [key]: values.filter((other) => other !== value) }, basePath),
      });
    }
  };
  list("category");
  list("colourFamily");
  list("colour");
  list("size");
  list("audience");
  list("price");
  list("brand");
  if (request.rating !== null && RATING_THRESHOLDS.includes(request.rating)) {
    chips.push({
      key: `rating:${request.rating}`,
      label: filterLabel("rating", String(request.rating), vocabulary, currency),
      href: searchHref(request, { rating: null }, basePath),
    });
  }
  if (request.inStock)
    chips.push({ key: "inStock", label: "In stock", href: searchHref(request, { inStock: false }, basePath) });
  if (request.sort !== "relevance") {
    chips.push({
      key: `sort:${request.sort}`,
      label: filterLabel("sort", request.sort, vocabulary, currency),
      href: searchHref(request, { sort: "relevance" }, basePath),
    });
  }
  return chips;
}
