// What search returns to pages and the API: plain serialisable data, the same shape whether Meilisearch
// or the PostgreSQL fallback answered.
import type { FacetKey } from "./facets";
import type { SearchRequest } from "./params";

/** A chip above the results: an active filter and the change to the request that removes it. */
export interface ActiveFilter {
  /** Stable key for React and tests: "colourFamily:blue". */
  key: string;
  label: string;
  /** The change to the request that removes it (for searchHref). */
  remove: Partial<SearchRequest>;
}

export type UnderstoodKind = "price" | "sort" | "size" | "audience" | "colourFamily" | "colour" | "category";

/** What query understanding (./understand.ts) read from some of a query's words. */
export interface UnderstoodPart {
  kind: UnderstoodKind;
  /** Facet values (or the sort key) it sets. */
  values: string[];
  /** The words of the query it was read from, as typed. */
  words: string;
}

/** An understood part with the words a notice uses for it ("Size: 13"). */
export type DescribedPart = UnderstoodPart & { label: string };

/** Text split into plain and matched parts; rendered as text nodes and <mark>, never as HTML. */
export type HighlightedText = { text: string; match: boolean }[];

export interface SearchHit {
  id: string;
  slug: string;
  title: string;
  titleHighlighted: HighlightedText;
  brand: string | null;
  categoryPath: string[];
  priceMinCents: number;
  priceMaxCents: number;
  compareAtCents: number | null;
  currency: string;
  rating: number;
  reviewCount: number;
  inStock: boolean;
  image: { url: string; alt: string } | null;
}

export interface FacetOption {
  value: string;
  label: string;
  /** Null when the answer could not count it (degraded mode). */
  count: number | null;
  selected: boolean;
  /** Nesting level in the category tree (0 = top). */
  depth: number;
  /** A colour to show beside the label (colour families). */
  swatch?: string;
}

export interface FacetGroup {
  key: FacetKey;
  label: string;
  /** Several values OR-ed (checkboxes) or a single choice (rating). */
  multiple: boolean;
  options: FacetOption[];
}

/** What the search made of the shopper's words (null when there were none to understand). */
export interface SearchUnderstanding {
  /** The query as typed. */
  query: string;
  /** Understood parts applied as filters or a sort (they are in `request` too, and shown as chips). */
  applied: DescribedPart[];
  /** Understood parts left out because nothing matched with them, or because the catalog has no such
   *  value (a size nobody sells): the page says so. */
  dropped: DescribedPart[];
  /** The words were misspelt and nothing matched: the results are for this corrected text instead. */
  correctedText: string | null;
  /** Nothing matched every word: the results match some of them (within the understood category). */
  partialMatch: boolean;
}

/** Ways out of an empty result. */
export interface ZeroResultsHelp {
  /** A corrected spelling that finds products (offered, not applied). */
  didYouMean: string | null;
  /** Words of the query that find products on their own, with how many. */
  words: { word: string; count: number }[];
  /** The category closest to what was asked (understood from the words, or where the best partial match
   *  is), null for the whole store. */
  category: { slug: string; name: string } | null;
  /** Its most popular products. */
  popular: SearchHit[];
}

export interface SearchResult {
  /** The request as applied: unknown facet values removed, understood words turned into filters. Links on
   *  the page are built from it. */
  request: SearchRequest;
  hits: SearchHit[];
  totalHits: number;
  page: number;
  pageSize: number;
  totalPages: number;
  facets: FacetGroup[];
  /** The request's filters (and chosen sort) as chips, whether understood from the words or ticked. */
  activeFilters: ActiveFilter[];
  /** Answered by the PostgreSQL fallback: fewer facet counts, plainer relevance. */
  degraded: boolean;
  /** Neither engine could answer (the database is down too). */
  unavailable: boolean;
  understanding: SearchUnderstanding | null;
  /** Only when there are no results. */
  help: ZeroResultsHelp | null;
}

export interface SearchSuggestion {
  id: string;
  slug: string;
  title: string;
  titleHighlighted: HighlightedText;
  imageUrl: string | null;
  priceMinCents: number;
  currency: string;
}
