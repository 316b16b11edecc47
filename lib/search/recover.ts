// When a search finds nothing, it never simply says so. In one extra round trip to the engine it asks for
// the likeliest way out's page and counts the others (so that usually no third request is needed), then
// answers with the first that finds products:
//   1. an understood filter left out ("kids beanie": there are no kids' beanies, here are beanies), one at
//      a time in RELAXATION_ORDER, then all of them;
//   2. the corrected spelling of the words (./spelling.ts);
//   3. some of the words, within a category the search is narrowed to ("comfy hoodie": hoodies), matched
//      with the engine's "frequency" strategy, which drops the words most products share first and keeps
//      those that tell products apart;
// and otherwise it returns help for the zero-results page: a spelling to try, the words that find
// something on their own, and the popular products of the closest category. Steps 1 to 3 only run for a
// query just typed; a URL whose filters were set by hand is answered as it is.
import type { MultiSearchQuery, SearchResponse } from "meilisearch";
import type { Db } from "@/lib/db";
import type { SearchEngine } from "./client";
import { HIT_ATTRIBUTES, planEngineQuery, readEngineAnswer, toSearchHit, type EngineAnswer } from "./engine-query";
import { MEILI_BROWSE_SORT } from "./facets";
import { buildFilter, type FilterScope } from "./filters";
import { EMPTY_REQUEST, type SearchRequest } from "./params";
import { cachedSpellingDictionary, correctSpelling } from "./spelling";
import type { ZeroResultsHelp } from "./types";
import { RELAXATION_ORDER, withoutPart, type UnderstoodPart } from "./understand";
import type { SearchVocabulary } from "./vocabulary";

export interface RecoveryInput {
  db: Db;
  engine: SearchEngine;
  vocabulary: SearchVocabulary;
  /** The request that found nothing. */
  request: SearchRequest;
  /** Understood parts applied to it (candidates to leave out). */
  applied: readonly UnderstoodPart[];
  /** Whether the query was just typed: only then is the search changed on the shopper's behalf. */
  relax: boolean;
  /** The query's category words ("coat" of "winter coat"): the last resort within their category. */
  categoryWords: string | null;
  scope: FilterScope;
  pageSize: number;
}

export interface Recovery {
  request: SearchRequest;
  answer: EngineAnswer;
  dropped: UnderstoodPart[];
  correctedText: string | null;
  partialMatch: boolean;
  help: ZeroResultsHelp | null;
}

interface Candidate {
  request: SearchRequest;
  dropped: UnderstoodPart[];
  correctedText: string | null;
  partialMatch: boolean;
}

type HitDocument = Parameters<typeof toSearchHit>[0];
type PageResults = Parameters<typeof readEngineAnswer>[1]["results"];

const POPULAR_LIMIT = 4;
const MAX_WORD_PROBES = 4;

function strategyOf(candidate: Candidate, original: SearchRequest) {
  return candidate.partialMatch && candidate.request.q === original.q ? ("frequency" as const) : ("all" as const);
}

function countQuery(indexUid: string, candidate: Candidate, original: SearchRequest, scope: FilterScope) {
  return {
    indexUid,
    q: candidate.request.q,
    filter: buildFilter(candidate.request, undefined, scope),
    matchingStrategy: strategyOf(candidate, original),
    limit: 0,
  } satisfies MultiSearchQuery;
}

function candidatesFor(input: RecoveryInput, correctedText: string | null): Candidate[] {
  const { request, applied } = input;
  const candidates: Candidate[] = [];
  if (!input.relax) return candidates;
  const filters = applied.filter((part) => part.kind !== "sort");
  for (const kind of RELAXATION_ORDER) {
    for (const part of filters.filter((candidate) => candidate.kind === kind)) {
      candidates.push({
        request: withoutPart(request, part),
        dropped: [part],
        correctedText: null,
        partialMatch: false,
      });
    }
  }
  if (filters.length > 1) {
    candidates.push({
      request: filters.reduce(withoutPart, request),
      dropped: [...filters],
      correctedText: null,
      partialMatch: false,
    });
  }
  if (correctedText) {
    candidates.push({ request: { ...request, q: correctedText }, dropped: [], correctedText, partialMatch: false });
  }
  const narrowed = request.category.length > 0 || Boolean(input.scope.categorySlug);
  if (narrowed && request.q.includes(" ")) {
    candidates.push({ request, dropped: [], correctedText: null, partialMatch: true });
    // "frequency" weighs words over the whole catalog: "winter" (boots) can outlast "coat" even among
    // jackets. The category's own words always find its products.
    if (input.categoryWords && input.categoryWords !== request.q) {
      candidates.push({
        request: { ...request, q: input.categoryWords },
        dropped: [],
        correctedText: null,
        partialMatch: true,
      });
    }
  }
  return candidates;
}

function deepestCategory(slugs: readonly string[] | undefined, vocabulary: SearchVocabulary) {
  const known = vocabulary.categories.filter((category) => slugs?.includes(category.slug));
  return known.sort((a, b) => b.depth - a.depth)[0] ?? null;
}

export async function recoverFromZeroResults(input: RecoveryInput): Promise<Recovery> {
  const { engine, request, scope, vocabulary } = input;
  const index = engine.indexName;
  const dictionary = request.q ? await cachedSpellingDictionary(input.db).catch(() => null) : null;
  const correctedText = dictionary ? correctSpelling(request.q, dictionary) : null;
  const candidates = candidatesFor(input, correctedText);

  // Closest category when the query named or was understood to mean one (else the best partial match
  // below decides, and a query of no words falls back to the page's own category).
  const named = request.category.length > 0 ? deepestCategory(request.category, vocabulary) : null;
  const understoodCategory =
    named ??
    deepestCategory(
      input.applied.filter((part) => part.kind === "category").flatMap((part) => part.values),
      vocabulary,
    );
  const knownClosest = understoodCategory ?? (request.q ? undefined : scopeCategory(scope, vocabulary));

  // Two requests sent at once, so that a recovery costs one round trip of the longer of them:
  //   ways out: the whole page of the first way out (it finds products most of the time: "kids boots"
  //     without the audience; its total is its count) and a count for each of the others;
  //   help: the corrected words and each word alone (for the zero-results page), the best partial match
  //     anywhere (for the closest category) and, when that category is already known, its popular
  //     products.
  // When a way out finds products the answer does not wait for the help (the engine still runs it,
  // as it did when both rode in one request; it is only off the shopper's path).
  const words = [
    ...new Set(
      request.q
        .toLowerCase()
        .split(" ")
        .filter((word) => word.length > 2),
    ),
  ].slice(0, MAX_WORD_PROBES);
  const [first, ...others] = candidates;
  const firstPlan = first
    ? planEngineQuery(index, first.request, input.pageSize, scope, strategyOf(first, request))
    : null;
  const wayOutQueries = [
    ...(firstPlan?.queries ?? []),
    ...others.map((candidate) => countQuery(index, candidate, request, scope)),
  ];
  const helpQueries: MultiSearchQuery[] = [
    ...(correctedText
      ? [{ indexUid: index, q: correctedText, filter: buildFilter(request, undefined, scope), limit: 0 }]
      : []),
    ...(words.length > 1 ? words : []).map((word) => ({
      indexUid: index,
      q: word,
      filter: buildFilter({ ...request, q: word }, undefined, scope),
      limit: 0,
    })),
    ...(request.q
      ? [
          {
            indexUid: index,
            q: request.q,
            filter: buildFilter({ ...request, category: [] }, undefined, scope),
            matchingStrategy: "frequency" as const,
            limit: 1,
            attributesToRetrieve: ["categorySlugs"],
          },
        ]
      : []),
    ...(knownClosest !== undefined ? [popularQuery(index, knownClosest?.slug ?? scope.categorySlug ?? null)] : []),
  ];
  const search = (queries: MultiSearchQuery[]) =>
    queries.length > 0
      ? engine.client.multiSearch({ queries }).then((response) => response.results)
      : Promise.resolve([]);
  const helpResults = search(helpQueries);
  // Settled here so that an answer that does not wait for the help leaves no unhandled rejection.
  helpResults.catch(() => undefined);
  const wayOutResults = await search(wayOutQueries);
  const total = (result: SearchResponse<Record<string, unknown>> | undefined) =>
    result ? (result.totalHits ?? result.estimatedTotalHits ?? 0) : 0;

  if (first && firstPlan) {
    const answer = readEngineAnswer(firstPlan, {
      results: wayOutResults.slice(0, firstPlan.queries.length) as PageResults,
    });
    if (answer.totalHits > 0) return { ...first, answer, help: null };
    const counts = wayOutResults.slice(firstPlan.queries.length);
    const found = others.findIndex((_, i) => total(counts[i]) > 0);
    if (found !== -1) {
      const candidate = others[found]!;
      const plan = planEngineQuery(index, candidate.request, input.pageSize, scope, strategyOf(candidate, request));
      const next = readEngineAnswer(plan, await engine.client.multiSearch({ queries: plan.queries }));
      return { ...candidate, answer: next, help: null };
    }
  }

  const results = await helpResults;
  let cursor = 0;
  const didYouMean = correctedText && total(results[cursor++]) > 0 ? correctedText : null;
  const wordCounts = (words.length > 1 ? words : [])
    .map((word) => ({ word, count: total(results[cursor++]) }))
    .filter((entry) => entry.count > 0);
  const partial = request.q ? results[cursor++] : undefined;

  const closest =
    knownClosest !== undefined
      ? knownClosest
      : (deepestCategory(partial?.hits[0]?.categorySlugs as string[] | undefined, vocabulary) ??
        scopeCategory(scope, vocabulary));
  const popular =
    knownClosest !== undefined
      ? toHits(results[cursor])
      : toHits(
          await engine.client
            .index<HitDocument>(index)
            .search("", popularSearch(closest?.slug ?? scope.categorySlug ?? null)),
        );
  return {
    request,
    answer: { hits: [], totalHits: 0, distributions: {} },
    dropped: [],
    correctedText: null,
    partialMatch: false,
    help: {
      didYouMean,
      words: wordCounts,
      category: closest ? { slug: closest.slug, name: closest.name } : null,
      popular,
    },
  };
}

function scopeCategory(scope: FilterScope, vocabulary: SearchVocabulary) {
  return scope.categorySlug ? deepestCategory([scope.categorySlug], vocabulary) : null;
}

/** The search for the most popular products in stock of a category (or of the store), in the browse order. */
function popularSearch(categorySlug: string | null) {
  return {
    filter: buildFilter(
      { ...EMPTY_REQUEST, category: categorySlug ? [categorySlug] : [], inStock: true, interpret: false },
      undefined,
    ),
    sort: [...MEILI_BROWSE_SORT],
    limit: POPULAR_LIMIT,
    attributesToRetrieve: [...HIT_ATTRIBUTES],
  };
}

function popularQuery(indexUid: string, categorySlug: string | null): MultiSearchQuery {
  return { indexUid, q: "", ...popularSearch(categorySlug) };
}

function toHits(response: SearchResponse<Record<string, unknown>> | SearchResponse<HitDocument> | undefined) {
  return (response?.hits ?? []).map((hit) => toSearchHit(hit as HitDocument));
}
