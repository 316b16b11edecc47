// When a search finds nothing, it never simply says so. In one extra round trip to the engine
// (./engine-answer.ts sends it) it asks for the likeliest way out's page and counts the others (so that
// usually no third request is needed), then answers with the first that finds products:
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
import {
  HIT_ATTRIBUTES,
  planEngineQuery,
  readEngineAnswer,
  toSearchHit,
  type EngineAnswer,
  type EngineQueryPlan,
} from "./engine-query";
import { MEILI_BROWSE_SORT } from "./facets";
import { buildFilter, type FilterScope } from "./filters";
import { EMPTY_REQUEST, type SearchRequest } from "./params";
import { cachedSpellingDictionary, correctSpelling } from "./spelling";
import type { ZeroResultsHelp } from "./types";
import { RELAXATION_ORDER, withoutPart, type UnderstoodPart } from "./understand";
import type { RecoveryHint } from "./recovery-memory";
import type { SearchVocabulary, VocabularyCategory } from "./vocabulary";

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
  /** What answered, for the next time this search finds nothing (./recovery-memory.ts). */
  hint: RecoveryHint;
}

interface Candidate {
  request: SearchRequest;
  dropped: UnderstoodPart[];
  correctedText: string | null;
  partialMatch: boolean;
}

type HitDocument = Parameters<typeof toSearchHit>[0];
export type PageResults = Parameters<typeof readEngineAnswer>[1]["results"];

const POPULAR_LIMIT = 4;
const MAX_WORD_PROBES = 4;
const HELP_MAX_AGE_MS = 15_000;

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

/**
 * What a recovery asks of the engine, in two requests: the ways out (one way out's whole page and a count
 * for others) and the help for the zero-results page. Without a hint, the first way out gets its page (it
 * finds products most of the time: "kids boots" without the audience; its total is its count) and every
 * other is counted. With a hint (what answered this search a moment ago, ./recovery-memory.ts), the
 * remembered way out gets its page and only the ways out ahead of it are counted, with no help; or, when
 * the help answered, every way out is counted and the help asks for the remembered category's popular
 * products.
 */
export interface RecoveryPlan {
  input: RecoveryInput;
  candidates: Candidate[];
  correctedText: string | null;
  words: string[];
  knownClosest: VocabularyCategory | null | undefined;
  /** The way out whose page is asked for, and its plan. */
  paged: { at: number; plan: EngineQueryPlan } | null;
  /** The ways out counted, in the order of their queries after the page's. */
  counted: number[];
  /** Whether the two requests hold all a recovery needs (a hinted way out's do not when it found nothing). */
  complete: boolean;
  /** The category whose popular products the help asks for (undefined: not asked). */
  popularSlug: string | null | undefined;
  /** The remembered help, still fresh: shown again when nothing is found, instead of being asked for. */
  knownHelp: { help: ZeroResultsHelp; at: number } | null;
  wayOutQueries: MultiSearchQuery[];
  helpQueries: MultiSearchQuery[];
}

export async function planRecovery(input: RecoveryInput, hint: RecoveryHint | null = null): Promise<RecoveryPlan> {
  const { request, scope, vocabulary } = input;
  const index = input.engine.indexName;
  const dictionary = request.q ? await cachedSpellingDictionary(input.db).catch(() => null) : null;
  const correctedText = dictionary ? correctSpelling(request.q, dictionary) : null;
  const candidates = candidatesFor(input, correctedText);

  // Closest category when the query named or was understood to mean one (else the best partial match
  // decides, and a query of no words falls back to the page's own category).
  const named = request.category.length > 0 ? deepestCategory(request.category, vocabulary) : null;
  const understoodCategory =
    named ??
    deepestCategory(
      input.applied.filter((part) => part.kind === "category").flatMap((part) => part.values),
      vocabulary,
    );
  const knownClosest = understoodCategory ?? (request.q ? undefined : scopeCategory(scope, vocabulary));

  const hinted = hint?.wayOut != null && hint.wayOut < candidates.length ? hint.wayOut : null;
  const pagedAt = hint ? hinted : candidates.length > 0 ? 0 : null;
  const counted = candidates.map((_, i) => i).filter((i) => i !== pagedAt && (hinted === null || i < hinted));
  const paged =
    pagedAt === null
      ? null
      : {
          at: pagedAt,
          plan: planEngineQuery(
            index,
            candidates[pagedAt]!.request,
            input.pageSize,
            scope,
            strategyOf(candidates[pagedAt]!, request),
          ),
        };
  const wantsHelp = hinted === null;
  // The zero-results help (suggestions, not results) of a search that still finds nothing is shown again
  // for HELP_MAX_AGE_MS instead of being asked for on every visit, as the cached listings are.
  const knownHelp = wantsHelp && hint?.help && Date.now() - hint.help.at <= HELP_MAX_AGE_MS ? hint.help : null;
  const popularSlug =
    knownClosest !== undefined
      ? (knownClosest?.slug ?? scope.categorySlug ?? null)
      : hint && hinted === null
        ? hint.closestSlug
        : undefined;

  // The help: the corrected words and each word alone (for the zero-results page), the best partial
  // match anywhere (for the closest category) and the popular products of the closest category when it
  // is known (or remembered).
  const words = [
    ...new Set(
      request.q
        .toLowerCase()
        .split(" ")
        .filter((word) => word.length > 2),
    ),
  ].slice(0, MAX_WORD_PROBES);
  const helpQueries: MultiSearchQuery[] =
    !wantsHelp || knownHelp
      ? []
      : [
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
          ...(popularSlug !== undefined ? [popularQuery(index, popularSlug)] : []),
        ];
  return {
    input,
    candidates,
    correctedText,
    words,
    knownClosest,
    paged,
    counted,
    complete: wantsHelp,
    popularSlug,
    knownHelp,
    wayOutQueries: [
      ...(paged?.plan.queries ?? []),
      ...counted.map((i) => countQuery(index, candidates[i]!, request, scope)),
    ],
    helpQueries,
  };
}

type Results = SearchResponse<Record<string, unknown>>[];

/**
 * The recovery's answer from the answers to a plan's two requests (`help` is awaited only when no way out
 * finds products), or null when they do not hold it (a hinted way out that found nothing: recover anew).
 */
export async function completeRecovery(
  plan: RecoveryPlan,
  wayOutResults: Results,
  help: () => Promise<Results>,
): Promise<Recovery | null> {
  const { input, candidates, paged } = plan;
  const { engine, request, scope, vocabulary } = input;
  const index = engine.indexName;
  const total = (result: SearchResponse<Record<string, unknown>> | undefined) =>
    result ? (result.totalHits ?? result.estimatedTotalHits ?? 0) : 0;
  const pageQueries = paged?.plan.queries.length ?? 0;
  const counts = wayOutResults.slice(pageQueries);
  const found = (i: number) => total(counts[plan.counted.indexOf(i)]) > 0;
  const pageOf = async (at: number): Promise<Recovery> => {
    const candidate = candidates[at]!;
    const next = planEngineQuery(index, candidate.request, input.pageSize, scope, strategyOf(candidate, request));
    const answer = readEngineAnswer(next, await engine.client.multiSearch({ queries: next.queries }));
    return { ...candidate, answer, help: null, hint: { wayOut: at, closestSlug: null, help: null } };
  };

  // The first way out, in order, that finds products answers.
  const pagedAt = paged?.at ?? candidates.length;
  const ahead = plan.counted.find((i) => i < pagedAt && found(i));
  if (ahead !== undefined) return pageOf(ahead);
  if (paged) {
    const answer = readEngineAnswer(paged.plan, { results: wayOutResults.slice(0, pageQueries) as PageResults });
    if (answer.totalHits > 0)
      return {
        ...candidates[paged.at]!,
        answer,
        help: null,
        hint: { wayOut: paged.at, closestSlug: null, help: null },
      };
  }
  if (!plan.complete) return null;
  const behind = plan.counted.find((i) => i > pagedAt && found(i));
  if (behind !== undefined) return pageOf(behind);
  const nothing = {
    request,
    answer: { hits: [], totalHits: 0, distributions: {} },
    dropped: [],
    correctedText: null,
    partialMatch: false,
  };
  if (plan.knownHelp) {
    const { help } = plan.knownHelp;
    return { ...nothing, help, hint: { wayOut: null, closestSlug: plan.popularSlug ?? null, help: plan.knownHelp } };
  }

  const results = await help();
  let cursor = 0;
  const didYouMean = plan.correctedText && total(results[cursor++]) > 0 ? plan.correctedText : null;
  const wordCounts = (plan.words.length > 1 ? plan.words : [])
    .map((word) => ({ word, count: total(results[cursor++]) }))
    .filter((entry) => entry.count > 0);
  const partial = request.q ? results[cursor++] : undefined;

  const closest =
    plan.knownClosest !== undefined
      ? plan.knownClosest
      : (deepestCategory(partial?.hits[0]?.categorySlugs as string[] | undefined, vocabulary) ??
        scopeCategory(scope, vocabulary));
  const closestSlug = closest?.slug ?? scope.categorySlug ?? null;
  const popular =
    plan.popularSlug === closestSlug
      ? toHits(results[cursor])
      : toHits(await engine.client.index<HitDocument>(index).search("", popularSearch(closestSlug)));
  const asked: ZeroResultsHelp = {
    didYouMean,
    words: wordCounts,
    category: closest ? { slug: closest.slug, name: closest.name } : null,
    popular,
  };
  return { ...nothing, help: asked, hint: { wayOut: null, closestSlug, help: { help: asked, at: Date.now() } } };
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
