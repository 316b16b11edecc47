// Untrusted URL parameters -> a SearchRequest. Every value is either validated against a fixed allowlist
// (sort, price buckets, rating thresholds, page) or shape-checked here and matched against the catalog's
// known facet values later (restrictToKnownValues). A value that fails is dropped, never an error: a
// hand-edited or stale link still gets a page. Nothing in here builds filter syntax (see ./filters.ts).
import { z } from "zod";
import { COLOUR_FAMILY_KEYS } from "./colour-families";
import {
  AUDIENCES,
  parsePriceRange,
  RATING_THRESHOLDS,
  SORT_KEYS,
  type AudienceKey,
  type RatingThreshold,
  type SearchSortKey,
} from "./facets";

export const MAX_QUERY_LENGTH = 200;
export const SEARCH_PAGE_SIZE = 24;
/** More values than anyone ticks in one facet; bounds the size of the filter we build. */
export const MAX_VALUES_PER_FACET = 20;
const MAX_VALUE_LENGTH = 100;
/** Pages beyond this are out of range anyway (the engine counts at most a few thousand hits). */
export const MAX_PAGE = 100_000;

export interface SearchRequest {
  q: string;
  category: string[];
  brand: string[];
  /** Price buckets or ranges ("0-30"), see parsePriceRange. */
  price: string[];
  rating: RatingThreshold | null;
  colourFamily: string[];
  colour: string[];
  size: string[];
  audience: AudienceKey[];
  inStock: boolean;
  sort: SearchSortKey;
  page: number;
  /**
   * Whether `q` is still to be understood (./understand.ts): true for what a shopper typed, false once
   * the page has turned the understood words into the filters above (URL `interpret=0`), so removing one
   * of those filters does not bring it back.
   */
  interpret: boolean;
}

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export const EMPTY_REQUEST: SearchRequest = {
  q: "",
  category: [],
  brand: [],
  price: [],
  rating: null,
  colourFamily: [],
  colour: [],
  size: [],
  audience: [],
  inStock: false,
  sort: "relevance",
  page: 1,
  interpret: true,
};

function all(input: SearchParamsInput, key: string): string[] {
  if (input instanceof URLSearchParams) return input.getAll(key);
  const value = input[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

// Control characters have no business in a query and would upset the highlighter's markers.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f\ue000-\uf8ff]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HAS_CONTROL = /[\u0000-\u001f\u007f\ue000-\uf8ff]/;

/** Trimmed, whitespace-collapsed, cut to 200 characters (by code point, never splitting a character). */
export function normaliseQuery(raw: string | undefined): string {
  const text = (raw ?? "").replace(CONTROL, " ").replace(/\s+/g, " ").trim();
  return Array.from(text).slice(0, MAX_QUERY_LENGTH).join("").trim();
}

const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(MAX_VALUE_LENGTH);
const valueSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_VALUE_LENGTH)
  .refine((value) => !HAS_CONTROL.test(value));
const priceSchema = z.string().refine((value) => parsePriceRange(value) !== null);
const colourFamilySchema = z.enum(COLOUR_FAMILY_KEYS as [string, ...string[]]);
const audienceSchema = z.enum(AUDIENCES);
const sortSchema = z.enum(SORT_KEYS);
const ratingSchema = z
  .enum(RATING_THRESHOLDS.map(String) as [string, ...string[]])
  .transform((value) => Number(value) as RatingThreshold);
const pageSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_PAGE));
const flagSchema = z.enum(["1", "true", "on"]);

function values(input: SearchParamsInput, key: string, schema: z.ZodType<string>): string[] {
  const accepted: string[] = [];
  for (const raw of all(input, key)) {
    const result = schema.safeParse(raw);
    if (result.success && !accepted.includes(result.data)) accepted.push(result.data);
    if (accepted.length === MAX_VALUES_PER_FACET) break;
  }
  return accepted;
}

function first<T>(input: SearchParamsInput, key: string, schema: z.ZodType<T, string>, fallback: T): T {
  const raw = all(input, key)[0];
  if (raw === undefined) return fallback;
  const result = schema.safeParse(raw);
  return result.success ? result.data : fallback;
}

export function parseSearchParams(input: SearchParamsInput): SearchRequest {
  return {
    q: normaliseQuery(all(input, "q")[0]),
    category: values(input, "category", slugSchema),
    brand: values(input, "brand", valueSchema),
    price: values(input, "price", priceSchema),
    rating: first(input, "rating", ratingSchema, null),
    colourFamily: values(input, "colourFamily", colourFamilySchema),
    colour: values(input, "colour", valueSchema),
    size: values(input, "size", valueSchema),
    audience: values(input, "audience", audienceSchema) as AudienceKey[],
    inStock: first(
      input,
      "inStock",
      flagSchema.transform(() => true),
      false,
    ),
    sort: first(input, "sort", sortSchema, "relevance"),
    page: first(input, "page", pageSchema, 1),
    interpret: all(input, "interpret")[0] !== "0",
  };
}

/** Whether any facet narrows the request (the query and the sort are not filters). */
export function hasFilters(request: SearchRequest): boolean {
  return (
    request.category.length +
      request.brand.length +
      request.price.length +
      request.colourFamily.length +
      request.colour.length +
      request.size.length +
      request.audience.length >
      0 ||
    request.rating !== null ||
    request.inStock
  );
}

export interface KnownFacetValues {
  categorySlugs: ReadonlySet<string>;
  brands: ReadonlySet<string>;
  colours: ReadonlySet<string>;
  sizes: ReadonlySet<string>;
}

/** Drops facet values the catalog does not have: only known values ever reach the filter builder. */
export function restrictToKnownValues(request: SearchRequest, known: KnownFacetValues): SearchRequest {
  return {
    ...request,
    category: request.category.filter((value) => known.categorySlugs.has(value)),
    brand: request.brand.filter((value) => known.brands.has(value)),
    colour: request.colour.filter((value) => known.colours.has(value)),
    size: request.size.filter((value) => known.sizes.has(value)),
  };
}
