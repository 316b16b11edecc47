// The facets shoppers filter by, and the fixed vocabularies behind them. Pure data and functions: the
// document builder, the query builder, the PostgreSQL fallback and the UI all read these, so a bucket
// or a threshold is defined once.

export const FACET_KEYS = [
  "category",
  "brand",
  "price",
  "rating",
  "colourFamily",
  "colour",
  "size",
  "audience",
  "inStock",
] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

/** The document attribute each facet filters and counts on. */
export const FACET_ATTRIBUTE: Readonly<Record<FacetKey, string>> = {
  category: "categorySlugs",
  brand: "brand",
  price: "priceBucket",
  rating: "ratingFloor",
  colourFamily: "colourFamilies",
  colour: "colours",
  size: "sizes",
  audience: "audiences",
  inStock: "inStock",
};

export const FACET_LABELS: Readonly<Record<FacetKey, string>> = {
  category: "Category",
  brand: "Brand",
  price: "Price",
  rating: "Rating",
  colourFamily: "Colour",
  colour: "Shade",
  size: "Size",
  audience: "For",
  inStock: "Availability",
};

export interface PriceBucket {
  key: string;
  /** Inclusive lower bound, in minor units of the store currency. */
  minCents: number;
  /** Exclusive upper bound; null for the open-ended top bucket. */
  maxCents: number | null;
}

// Fixed ranges (not computed from the results) so a shared link means the same thing tomorrow. A product
// falls into the bucket of its "From" price, the price its card shows. Changing these needs a reindex.
export const PRICE_BUCKETS: readonly PriceBucket[] = [
  { key: "0-25", minCents: 0, maxCents: 2_500 },
  { key: "25-50", minCents: 2_500, maxCents: 5_000 },
  { key: "50-100", minCents: 5_000, maxCents: 10_000 },
  { key: "100-200", minCents: 10_000, maxCents: 20_000 },
  { key: "200-up", minCents: 20_000, maxCents: null },
];

export const PRICE_BUCKET_KEYS: readonly string[] = PRICE_BUCKETS.map((bucket) => bucket.key);

/** Highest bound of a price range a URL may name, in whole currency units. */
export const MAX_PRICE_BOUND = 1_000_000;

/**
 * A price filter value: a bucket key or any range in the same form, in whole currency units, lower bound
 * inclusive and upper bound exclusive ("0-30" is under 30, "100-up" is 100 and more). Query understanding
 * writes "under $30" as "0-30", so a typed price and a ticked bucket are one kind of filter.
 */
export function parsePriceRange(value: string): PriceBucket | null {
  const match = /^(0|[1-9][0-9]{0,6})-(up|[1-9][0-9]{0,6})$/.exec(value);
  if (!match) return null;
  const min = Number(match[1]);
  const max = match[2] === "up" ? null : Number(match[2]);
  if (min > MAX_PRICE_BOUND || (max !== null && (max > MAX_PRICE_BOUND || max <= min))) return null;
  // "0-up" is every price: no filter at all.
  if (min === 0 && max === null) return null;
  return { key: value, minCents: min * 100, maxCents: max === null ? null : max * 100 };
}

export function priceRangeValue(minUnits: number, maxUnits: number | null): string {
  return `${minUnits}-${maxUnits === null ? "up" : maxUnits}`;
}

export function priceBucketFor(priceCents: number): string {
  const bucket = PRICE_BUCKETS.find(
    (b) => priceCents >= b.minCents && (b.maxCents === null || priceCents < b.maxCents),
  );
  // Prices are never negative (CHECK constraint); the first bucket is the safe answer regardless.
  return (bucket ?? PRICE_BUCKETS[0]!).key;
}

/** "4 stars & up" etc.: a single choice, highest first. */
export const RATING_THRESHOLDS = [4, 3, 2, 1] as const;
export type RatingThreshold = (typeof RATING_THRESHOLDS)[number];

/** Who a product is for, as the search documents and URLs spell it (Product.audience lower-cased). A unisex
 *  product is listed for men and women too; a product with no audience suits anyone and passes every
 *  audience filter. */
export const AUDIENCES = ["men", "women", "kids", "unisex"] as const;
export type AudienceKey = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Readonly<Record<AudienceKey, string>> = {
  men: "Men",
  women: "Women",
  kids: "Kids",
  unisex: "Unisex",
};

/** Option names whose values become the colour and size facets. */
export const COLOUR_OPTION_NAMES: readonly string[] = ["colour", "color"];
export const SIZE_OPTION_NAMES: readonly string[] = ["size"];

export const SORT_KEYS = ["relevance", "price-asc", "price-desc", "newest", "rating"] as const;
export type SearchSortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Readonly<Record<SearchSortKey, string>> = {
  relevance: "Relevance",
  "price-asc": "Price: low to high",
  "price-desc": "Price: high to low",
  newest: "Newest",
  rating: "Top rated",
};

export const MEILI_SORT: Readonly<Record<SearchSortKey, string[] | undefined>> = {
  relevance: undefined,
  "price-asc": ["priceMinCents:asc"],
  "price-desc": ["priceMinCents:desc"],
  newest: ["createdAt:desc"],
  rating: ["rating:desc", "reviewCount:desc"],
};

/**
 * "Relevance" without a query (a category page, or /search with filters only) has no words to rank by:
 * featured products first, then the most reviewed, as the PostgreSQL fallback orders the same case.
 */
export const MEILI_BROWSE_SORT: readonly string[] = ["featuredRank:desc", "reviewCount:desc"];

/** The engine sort of a request: the chosen sort, or the browse order for "relevance" without a query. */
export function meiliSortFor(sort: SearchSortKey, q: string): string[] | undefined {
  return MEILI_SORT[sort] ?? (q ? undefined : [...MEILI_BROWSE_SORT]);
}
