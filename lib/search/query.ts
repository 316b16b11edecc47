// The search entry point for pages, the API and category listings. Validates the request against the
// catalog's vocabulary, understands the query (./understand.ts: colours, sizes, prices, audiences and
// category words become filters), asks Meilisearch (search-only key) and recovers from zero results
// (./engine-answer.ts, ./recover.ts), and falls back to PostgreSQL when the engine cannot answer, so a search page never
// fails because the engine is down.
import { DEFAULT_CURRENCY_DISPLAY, storeCurrency, type CurrencyDisplay } from "@/lib/money";
import type { Db } from "@/lib/db";
import type { SearchEngine } from "./client";
import { activeFilters, describePart } from "./chips";
import { answerFromEngine } from "./engine-answer";
import { buildFacetGroups } from "./facet-groups";
import { searchInPostgres } from "./fallback";
import type { FilterScope } from "./filters";
import { lexiconOf } from "./lexicon";
import { restrictToKnownValues, SEARCH_PAGE_SIZE, type SearchRequest } from "./params";
import type { RecoveryInput } from "./recover";
import { recoveryKey } from "./recovery-memory";
import type { SearchResult, SearchUnderstanding } from "./types";
import { applyUnderstanding, understandQuery, withoutPart, type UnderstoodPart } from "./understand";
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
  /** How price facets and chips show the currency: the store's display, read by the page. */
  currencyDisplay?: CurrencyDisplay;
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

/**
 * The request a search runs: facet values checked against the catalog, and, for a query as typed, the
 * understood words applied as filters. Exported for the benchmark, which sends the same engine request.
 */
export function prepareSearch(
  input: SearchRequest,
  vocabulary: SearchVocabulary,
  scope: FilterScope = {},
): { request: SearchRequest; applied: UnderstoodPart[]; unknown: UnderstoodPart[]; understood: boolean } {
  const known = restrictToKnownValues(input, vocabulary);
  if (!known.interpret || !known.q) return { request: known, applied: [], unknown: [], understood: false };
  const understanding = understandQuery(known.q, lexiconOf(vocabulary), scope.categorySlug);
  const { request, applied } = applyUnderstanding(known, understanding);
  return { request, applied, unknown: understanding.unknown, understood: true };
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
    const request = { ...input, category: [], brand: [], colourFamily: [], colour: [], size: [] };
    return {
      request,
      hits: [],
      totalHits: 0,
      page: request.page,
      pageSize,
      totalPages: 1,
      facets: [],
      activeFilters: [],
      degraded: true,
      unavailable: true,
      understanding: null,
      help: null,
    };
  }
  const prepared = prepareSearch(input, vocabulary, scope);
  const money = { currency: storeCurrency(), display: options.currencyDisplay ?? DEFAULT_CURRENCY_DISPLAY };
  const hideCategory = Boolean(scope.categorySlug);
  const described = (part: UnderstoodPart) => ({ ...part, label: describePart(part, vocabulary, money) });
  const understanding = (
    extra: { dropped?: UnderstoodPart[]; correctedText?: string | null; partialMatch?: boolean } = {},
  ): SearchUnderstanding | null => {
    if (!prepared.understood) return null;
    const dropped = [...prepared.unknown, ...(extra.dropped ?? [])];
    return {
      query: input.q,
      applied: prepared.applied.filter((part) => !dropped.includes(part)).map(described),
      dropped: dropped.map(described),
      correctedText: extra.correctedText ?? null,
      partialMatch: extra.partialMatch ?? false,
    };
  };

  // What every answer (the engine's, the database's, or none) shows of a request the same way.
  const shown = (request: SearchRequest, distributions: Parameters<typeof buildFacetGroups>[1]) => ({
    request,
    page: request.page,
    pageSize,
    facets: buildFacetGroups(request, distributions, vocabulary, money, { hideCategory }),
    activeFilters: activeFilters(request, vocabulary, money),
  });

  try {
    const engine = await deps.engine();
    const request = prepared.request;
    const recoveryInput: RecoveryInput = {
      db: deps.db,
      engine,
      vocabulary,
      request,
      applied: prepared.applied,
      relax: prepared.understood,
      categoryWords:
        prepared.applied
          .filter((part) => part.kind === "category")
          .map((part) => part.words)
          .join(" ") || null,
      scope,
      pageSize,
    };
    // Page 1 finding nothing is a miss to recover from (a later page past the end is not).
    const memoryKey = request.page === 1 ? recoveryKey(engine.indexName, request, scope, pageSize) : null;
    const { answer: found, recovery } = await answerFromEngine(recoveryInput, memoryKey);
    const answer = recovery?.answer ?? found;
    return {
      ...shown(recovery?.request ?? request, answer.distributions),
      hits: answer.hits,
      totalHits: answer.totalHits,
      totalPages: totalPages(answer.totalHits, pageSize),
      degraded: false,
      unavailable: false,
      understanding: understanding(recovery ?? {}),
      help: recovery?.help ?? null,
    };
  } catch (error) {
    lastEngineError = { at: new Date(), message: error instanceof Error ? error.message : String(error) };
    (deps.onEngineError ?? logEngineError)(error);
  }

  try {
    let request = prepared.request;
    let answer = await searchInPostgres(deps.db, request, vocabulary, { pageSize, scope });
    let dropped: UnderstoodPart[] = [];
    // The same graceful step as with the engine, in one retry: the understood filters all left out.
    const filters = prepared.applied.filter((part) => part.kind !== "sort");
    if (answer.totalHits === 0 && request.page === 1 && filters.length > 0) {
      const relaxed = filters.reduce(withoutPart, request);
      const retry = await searchInPostgres(deps.db, relaxed, vocabulary, { pageSize, scope });
      if (retry.totalHits > 0) {
        request = relaxed;
        answer = retry;
        dropped = filters;
      }
    }
    return {
      ...shown(request, null),
      degraded: true,
      hits: answer.hits,
      totalHits: answer.totalHits,
      totalPages: totalPages(answer.totalHits, pageSize),
      unavailable: false,
      understanding: understanding({ dropped }),
      help: null,
    };
  } catch (error) {
    // The database is down as well: the page says search is unavailable rather than failing.
    console.error("search: PostgreSQL fallback failed:", error);
    return {
      ...shown(prepared.request, null),
      degraded: true,
      hits: [],
      totalHits: 0,
      totalPages: 1,
      unavailable: true,
      understanding: null,
      help: null,
    };
  }
}
