// Parsing of untrusted URL input for the catalog pages. Pure functions (no Next APIs, no database) so they
// are tested table-driven in tests/unit/catalog-params.test.ts. The rule for every parameter: a value we
// cannot use falls back to the default instead of failing the request, so a hand-edited or stale URL
// never produces a 500.
import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { SORT_KEYS, type SortKey } from "./types";

export type SearchParamValue = string | string[] | undefined;
export type SearchParamsRecord = Record<string, SearchParamValue>;

export const PAGE_SIZE = 24;
export const DEFAULT_SORT: SortKey = "featured";

/** Repeated parameters (`?page=2&page=3`) use the first value, as most servers do. */
export function firstValue(value: SearchParamValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

// Digits only, no sign, no leading zero, no exponent: "2" is a page, "2.0", "+2", "1e3", " 2" are not.
const pageSchema = z
  .string()
  .regex(/^[1-9][0-9]*$/)
  .transform((s) => Number(s))
  // Beyond-the-last pages are rejected later; an absurdly long number is just a very large page.
  .transform((n) => (Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER));

/** A positive integer page number; anything else is page 1. */
export function parsePage(value: SearchParamValue): number {
  const result = pageSchema.safeParse(firstValue(value));
  return result.success ? result.data : 1;
}

/**
 * Whether a listing has this page. A page beyond the last is answered with the not-found page (the
 * category page calls notFound()): an out-of-range URL names nothing, and serving the last page under it
 * would publish duplicate content. Because the listing depends on search parameters it streams after the
 * prerendered shell, so that answer keeps status 200 and carries Next's `noindex` tag (see
 * node_modules/next/dist/docs/01-app/02-guides/streaming.md, "The HTTP contract"); an unknown category
 * slug is checked before the shell and gets a real 404. An empty listing has one (empty) page.
 */
export function isPageInRange(page: number, totalPages: number): boolean {
  return page >= 1 && page <= Math.max(1, totalPages);
}

export function totalPagesFor(total: number, pageSize: number = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

const sortSchema = z.enum(SORT_KEYS);

/** One of the known sort keys; anything else is the default (featured). */
export function parseSort(value: SearchParamValue): SortKey {
  const result = sortSchema.safeParse(firstValue(value));
  return result.success ? result.data : DEFAULT_SORT;
}

export interface ListingParams {
  page: number;
  sort: SortKey;
}

export function parseListingParams(searchParams: SearchParamsRecord): ListingParams {
  return { page: parsePage(searchParams.page), sort: parseSort(searchParams.sort) };
}

/** The URL of a listing page; defaults are left out so each page has one canonical address. */
export function listingHref(basePath: string, params: Partial<ListingParams>): string {
  const query = new URLSearchParams();
  if (params.sort && params.sort !== DEFAULT_SORT) query.set("sort", params.sort);
  if (params.page && params.page > 1) query.set("page", String(params.page));
  const qs = query.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

// The shape check of an id keeps arbitrary junk out of lookups and logs.
const variantIdSchema = idSchema();

/** A syntactically plausible variant id, or undefined. Whether it belongs to the product is checked later. */
export function parseVariantId(value: SearchParamValue): string | undefined {
  const result = variantIdSchema.safeParse(firstValue(value));
  return result.success ? result.data : undefined;
}

// Slugs are lower-case ASCII words joined by hyphens (lib/catalog/admin/slug.ts makes them so). Anything
// else in a URL names no product: it is answered not-found without a query (PostgreSQL refuses a text
// value with a NUL byte, so such a slug would otherwise fail the request).
const slugSchema = z
  .string()
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** Whether a path segment can be a product or category slug at all. */
export function isWellFormedSlug(value: string): boolean {
  return slugSchema.safeParse(value).success;
}
