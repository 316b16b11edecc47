// What search returns to pages and the API: plain serialisable data, the same shape whether Meilisearch
// or the PostgreSQL fallback answered.
import type { FacetKey } from "./facets";
import type { SearchRequest } from "./params";

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
}

export interface FacetGroup {
  key: FacetKey;
  label: string;
  /** Several values OR-ed (checkboxes) or a single choice (rating). */
  multiple: boolean;
  options: FacetOption[];
}

export interface SearchResult {
  /** The request as applied: unknown facet values removed. */
  request: SearchRequest;
  hits: SearchHit[];
  totalHits: number;
  page: number;
  pageSize: number;
  totalPages: number;
  facets: FacetGroup[];
  /** Answered by the PostgreSQL fallback: fewer facet counts, plainer relevance. */
  degraded: boolean;
  /** Neither engine could answer (the database is down too). */
  unavailable: boolean;
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
