// The active filters of a search, for the chips above the results ("Colour: blue family ×", "Under $30 ×"),
// and the words that describe an understood part of a query. A chip is a facet value of the URL like a
// ticked box in the sidebar, and removing it links to the same URL without it: filters read from the query
// and filters ticked by hand are one thing, and the back button steps through both.
import type { MoneyStyle } from "@/lib/money";
import { AUDIENCE_LABELS, parsePriceRange, RATING_THRESHOLDS, SORT_LABELS, type AudienceKey } from "./facets";
import { colourFamily } from "./colour-families";
import { priceBucketLabel } from "./facet-groups";
import type { SearchRequest } from "./params";
import type { ActiveFilter, UnderstoodPart } from "./types";
import type { SearchVocabulary } from "./vocabulary";

export function priceLabel(value: string, money: MoneyStyle): string {
  const range = parsePriceRange(value);
  return range ? priceBucketLabel(range, money) : value;
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
  money: MoneyStyle,
): string {
  switch (kind) {
    case "category":
      return `Category: ${categoryName(vocabulary, value)}`;
    case "brand":
      return `Brand: ${value}`;
    case "price":
      return priceLabel(value, money);
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
export function describePart(part: UnderstoodPart, vocabulary: SearchVocabulary, money: MoneyStyle): string {
  return part.values.map((value) => filterLabel(part.kind, value, vocabulary, money)).join(" or ");
}

/** Every active filter of the request (and a chosen sort), each with the change that removes it. */
export function activeFilters(request: SearchRequest, vocabulary: SearchVocabulary, money: MoneyStyle): ActiveFilter[] {
  const filters: ActiveFilter[] = [];
  const list = (key: "category" | "brand" | "price" | "colourFamily" | "colour" | "size" | "audience") => {
    const values: readonly string[] = request[key];
    for (const value of values) {
      filters.push({
        key: `${key}:${value}`,
        label: filterLabel(key, value, vocabulary, money),
        remove: { [key]: values.filter((other) => other !== value) },
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
    filters.push({
      key: `rating:${request.rating}`,
      label: filterLabel("rating", String(request.rating), vocabulary, money),
      remove: { rating: null },
    });
  }
  if (request.inStock) filters.push({ key: "inStock", label: "In stock", remove: { inStock: false } });
  if (request.sort !== "relevance") {
    filters.push({
      key: `sort:${request.sort}`,
      label: filterLabel("sort", request.sort, vocabulary, money),
      remove: { sort: "relevance" },
    });
  }
  return filters;
}
