// The search entry point for pages, the API and category listings. Validates the request against the
// catalog's vocabulary, asks Meilisearch (search-only key) and falls back to PostgreSQL when the engine
// cannot answer, so a search page never fails because the engine is down.
import { storeCurrency } from "@/lib/money";
import type { Db } from "@/lib/db";
import type { SearchEngine } from "./client";
import { planEngineQuery, readEngineAnswer } from "./engine-query";
import { buildFacetGroups } from "./facet-groups";
import { searchInPostgres } from "./fallback";
import type { FilterScope } from "./filters";
import { restrictToKnownValues, SEARCH_PAGE_SIZE, type SearchRequest } from "./params";
import type { SearchResult } from "./types";
import { cachedSearchVocabulary, type SearchVocabulary } from "./vocabulary";

export interface SearchDeps {
  db: Db;
  /** The search-only engine; rejected or throwing means "unavailable" and the fallback answers. */
  engine: () => Promise<SearchEngine>;
  vocabulary?: SearchVocabulary;
  /** Told about every engine failure that sent a search to the fallback (for logs and health). */
  onEngineError?: (error: unknown) => void;
}

export interface SearchOptions {
  pageSize?: number;
  /** A category page's own category: always applied; the category facet is then hidden. */
  scope?: FilterScope;
}

function totalPages(totalHits: number, pageSize: number): number {
  return Math.max(1, Math.ceil(totalHits / pageSize));
}

let lastEngineError: { at: Date; message: string } | null = null;
let lastLoggedAt = 0;

// While the engine is down every search falls back: one log line a minute says so, not one per search.
function logEngineError(error: unknown): void {
  if (Date.now() - lastLoggedAt < 60_000) return;
  lastLoggedAt = Date.now();
  console.error(
    "search: Meilisearch unavailable, answering from PostgreSQL:",
    error instanceof Error ? error.message : error,
  );
}

/** The last time a search had to fall back, and why (for the health report of this process). */
export function lastSearchEngineError(): { at: Date; message: string } | null {
  return lastEngineError;
}

export async function searchProducts(
  input: SearchRequest,
  deps: SearchDeps,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const pageSize = options.pageSize ?? SEARCH_PAGE_SIZE;
  const scope = options.scope ?? {};
  let vocabulary: SearchVocabulary;
  try {
    vocabulary = deps.vocabulary ?? (await cachedSearchVocabulary(deps.db));
  } catch (error) {
    // Without the vocabulary no facet value can be validated: answer "unavailable", not a 500.
    console.error("search: cannot load the facet vocabulary from PostgreSQL:", error);
    const request = { ...input, category: [], brand: [], colour: [], size: [] };
    return {
      request,
      hits: [],
      totalHits: 0,
      page: request.page,
      pageSize,
      totalPages: 1,
      facets: [],
      degraded: true,
      unavailable: true,
    };
  }
  const request = restrictToKnownValues(input, vocabulary);
  const currency = storeCurrency();
  const hideCategory = Boolean(scope.categorySlug);

  try {
    const engine = await deps.engine();
    const plan = planEngineQuery(engine.indexName, request, pageSize, scope);
    const answer = readEngineAnswer(plan, await engine.client.multiSearch({ queries: plan.queries }));
    return {
      request,
      hits: answer.hits,
      totalHits: answer.totalHits,
      page: request.page,
      pageSize,
      totalPages: totalPages(answer.totalHits, pageSize),
      facets: buildFacetGroups(request, answer.distributions, vocabulary, currency, { hideCategory }),
      degraded: false,
      unavailable: false,
    };
  } catch (error) {
    lastEngineError = { at: new Date(), message: error instanceof Error ? error.message : String(error) };
    (deps.onEngineError ?? logEngineError)(error);
  }

  const degraded = {
    request,
    page: request.page,
    pageSize,
    facets: buildFacetGroups(request, null, vocabulary, currency, { hideCategory }),
    degraded: true,
  };
  try {
    const answer = await searchInPostgres(deps.db, request, vocabulary, { pageSize, scope });
    return {
      ...degraded,
      hits: answer.hits,
      totalHits: answer.totalHits,
      totalPages: totalPages(answer.totalHits, pageSize),
      unavailable: false,
    };
  } catch (error) {
    // The database is down as well: the page says search is unavailable rather than failing.
    console.error("search: PostgreSQL fallback failed:", error);
    return { ...degraded, hits: [], totalHits: 0, totalPages: 1, unavailable: true };
  }
}
