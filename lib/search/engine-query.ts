// The Meilisearch side of a search: one multi-search request holding the page query (all filters, facet
// counts for facets without a selection) and, per facet with a selection, a count-only query with that
// facet's own filter left out, so ticking "Acme" still shows how many "Northwind" products there are
// (disjunctive faceting: OR within a facet, AND across facets).
import type { MatchingStrategies, MultiSearchQuery, MultiSearchResponse } from "meilisearch";
import type { ProductSearchDocument } from "./document";
import { FACET_ATTRIBUTE, FACET_KEYS, meiliSortFor, type FacetKey } from "./facets";
import { activeFacets, buildFilter, type FilterScope } from "./filters";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, splitHighlight } from "./highlight";
import type { SearchRequest } from "./params";
import type { FacetDistributions } from "./facet-groups";
import type { SearchHit } from "./types";

export const HIT_ATTRIBUTES = [
  "id",
  "slug",
  "title",
  "brand",
  "categoryPath",
  "priceMinCents",
  "priceMaxCents",
  "compareAtCents",
  "currency",
  "rating",
  "reviewCount",
  "inStock",
  "imageUrl",
  "imageAlt",
] as const satisfies readonly (keyof ProductSearchDocument)[];

/**
 * Every word must match ("all"): a query's count and facet counts then describe products that match what
 * was asked, and understood words have already left the text, so what remains is the product words. When
 * that finds nothing, the search relaxes on its own terms (./recover.ts) and says so, instead of the engine
 * silently dropping words: "last" drops the final word first, the very noun English puts last ("waterproof
 * jacket" would become "waterproof"); "frequency" is what the relaxation uses, within the understood
 * category, because it keeps the rarest, most telling words.
 */
export const MATCHING_STRATEGY: MatchingStrategies = "all";

export interface EngineQueryPlan {
  queries: MultiSearchQuery[];
  /** The facet each count query (queries[1..]) is for. */
  countQueriesFor: FacetKey[];
}

export function planEngineQuery(
  indexUid: string,
  request: SearchRequest,
  pageSize: number,
  scope: FilterScope = {},
  matchingStrategy: MatchingStrategies = MATCHING_STRATEGY,
): EngineQueryPlan {
  const active = activeFacets(request);
  const sort = meiliSortFor(request.sort, request.q);
  const main: MultiSearchQuery = {
    indexUid,
    q: request.q,
    matchingStrategy,
    filter: buildFilter(request, undefined, scope),
    facets: FACET_KEYS.filter((facet) => !active.includes(facet)).map((facet) => FACET_ATTRIBUTE[facet]),
    page: request.page,
    hitsPerPage: pageSize,
    attributesToRetrieve: [...HIT_ATTRIBUTES],
    attributesToHighlight: ["title"],
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
    ...(sort ? { sort } : {}),
  };
  const counts = active.map((facet): MultiSearchQuery => ({
    indexUid,
    q: request.q,
    matchingStrategy,
    filter: buildFilter(request, facet, scope),
    facets: [FACET_ATTRIBUTE[facet]],
    limit: 0,
  }));
  return { queries: [main, ...counts], countQueriesFor: active };
}

export interface EngineAnswer {
  hits: SearchHit[];
  totalHits: number;
  distributions: FacetDistributions;
}

type HitDocument = Pick<ProductSearchDocument, (typeof HIT_ATTRIBUTES)[number]>;

export function toSearchHit(hit: HitDocument & { _formatted?: Partial<Record<string, unknown>> }): SearchHit {
  const formattedTitle = hit._formatted?.title;
  return {
    id: hit.id,
    slug: hit.slug,
    title: hit.title,
    titleHighlighted: splitHighlight(typeof formattedTitle === "string" ? formattedTitle : undefined, hit.title),
    brand: hit.brand,
    categoryPath: hit.categoryPath,
    priceMinCents: hit.priceMinCents,
    priceMaxCents: hit.priceMaxCents,
    compareAtCents: hit.compareAtCents,
    currency: hit.currency,
    rating: hit.rating,
    reviewCount: hit.reviewCount,
    inStock: hit.inStock,
    image: hit.imageUrl ? { url: hit.imageUrl, alt: hit.imageAlt } : null,
  };
}

export function readEngineAnswer(plan: EngineQueryPlan, response: MultiSearchResponse<HitDocument>): EngineAnswer {
  const [main, ...counts] = response.results;
  if (!main) throw new Error("Meilisearch returned no result for the page query");
  const distributions: FacetDistributions = {};
  for (const facet of FACET_KEYS) {
    const countIndex = plan.countQueriesFor.indexOf(facet);
    const source = countIndex === -1 ? main : counts[countIndex];
    distributions[facet] = source?.facetDistribution?.[FACET_ATTRIBUTE[facet]] ?? {};
  }
  return {
    hits: main.hits.map((hit) => toSearchHit(hit)),
    totalHits: main.totalHits ?? main.estimatedTotalHits ?? 0,
    distributions,
  };
}
