// The engine's side of every search, in one path (./query.ts): the page query and, for a search that found
// nothing a moment ago (./recovery-memory.ts), the remembered recovery in the same round trip; when the page
// query finds nothing and what was sent does not hold the answer, the recovery afresh (./recover.ts).
//
// A remembered miss sends what its answer uses: the page query's facet-count (disjunctive) queries are shown
// only when the page query finds products, which a remembered miss expects it not to. So a count that one of
// the recovery's queries also gives (the same words, filter and matching strategy: "kids boots" without
// its audience is both the audience's count and the first way out) rides on that query, and the others
// are asked for only when the page query finds products after all (one more round trip, when the catalog
// changed within the minute).
import type { MultiSearchQuery, SearchResponse } from "meilisearch";
import type { SearchEngine } from "./client";
import { planEngineQuery, readEngineAnswer, type EngineAnswer, type EngineQueryPlan } from "./engine-query";
import {
  completeRecovery,
  planRecovery,
  type PageResults,
  type Recovery,
  type RecoveryInput,
  type RecoveryPlan,
} from "./recover";
import { forgetRecovery, recallRecovery, rememberRecovery } from "./recovery-memory";

type Result = SearchResponse<Record<string, unknown>>;

/** What decides which products a query matches, and so its count and its facet values. */
function matchKey(query: MultiSearchQuery): string {
  return JSON.stringify([query.indexUid, query.q ?? "", query.matchingStrategy ?? null, query.filter ?? null]);
}

/**
 * The page's count queries a recovery query also answers (its facets widened by the count's facet), and
 * the recovery's queries as sent. `sharedAt[k]` is where count query k's answer is among them, or -1.
 */
function shareCounts(page: EngineQueryPlan, recovery: readonly MultiSearchQuery[]) {
  const queries = [...recovery];
  const sharedAt = page.queries.slice(1).map((count) => {
    const at = queries.findIndex((query) => matchKey(query) === matchKey(count));
    if (at === -1) return -1;
    const facets = queries[at]!.facets ?? [];
    const missing = (count.facets ?? []).filter((facet) => !facets.includes(facet));
    if (missing.length > 0) queries[at] = { ...queries[at]!, facets: [...facets, ...missing] };
    return at;
  });
  return { queries, sharedAt };
}

interface Round {
  /** The page query's answer (absent when only a recovery was sent). */
  page: Promise<EngineAnswer> | null;
  wayOuts: Promise<Result[]>;
  help: Promise<Result[]>;
}

/**
 * One round trip: the page query (`page`), a recovery's ways out, or both in one multi-search; the
 * recovery's help in a request beside it. With a recovery beside it, the page's counts that no recovery
 * query gives are sent only when the page query finds products.
 */
function send(engine: SearchEngine, page: EngineQueryPlan | null, recovery: RecoveryPlan | null): Round {
  const search = (queries: MultiSearchQuery[]): Promise<Result[]> =>
    queries.length > 0
      ? engine.client.multiSearch({ queries }).then((response) => response.results as Result[])
      : Promise.resolve([]);
  const help = search(recovery?.helpQueries ?? []);
  // Settled here so that an answer that does not wait for the help leaves no unhandled rejection.
  help.catch(() => undefined);
  if (!page) return { page: null, wayOuts: search(recovery?.wayOutQueries ?? []), help };
  if (!recovery) {
    const answer = search(page.queries).then((results) => readEngineAnswer(page, { results: results as PageResults }));
    return { page: answer, wayOuts: Promise.resolve([]), help };
  }
  const shared = shareCounts(page, recovery.wayOutQueries);
  const sent = search([page.queries[0]!, ...shared.queries]);
  const wayOuts = sent.then((results) => results.slice(1));
  const answer = sent.then(async ([main, ...recoveryResults]) => {
    const unshared = page.queries.slice(1).filter((_, k) => shared.sharedAt[k] === -1);
    const found = (main?.totalHits ?? main?.estimatedTotalHits ?? 0) > 0;
    const late = found ? await search(unshared) : [];
    let next = 0;
    const counts = shared.sharedAt.map((at) => (at === -1 ? late[next++] : recoveryResults[at]));
    return readEngineAnswer(page, { results: [main, ...counts] as PageResults });
  });
  // The page's answer decides; the ways out are read only when it found nothing.
  wayOuts.catch(() => undefined);
  return { page: answer, wayOuts, help };
}

/**
 * The engine's answer to `input.request`, recovered when it finds nothing. `memoryKey` (page 1 only) is
 * the search's place in the memory of recent misses; without it a search that finds nothing is answered
 * as it is.
 */
export async function answerFromEngine(
  input: RecoveryInput,
  memoryKey: string | null,
): Promise<{ answer: EngineAnswer; recovery: Recovery | null }> {
  const { engine } = input;
  const page = planEngineQuery(engine.indexName, input.request, input.pageSize, input.scope);
  const hint = memoryKey ? recallRecovery(memoryKey) : null;
  // A miss typed again: the recovery that answered it rides with the page query.
  const remembered = hint ? await planRecovery(input, hint) : null;
  const first = send(engine, page, remembered);
  const answer = await first.page!;
  if (answer.totalHits > 0 || !memoryKey) {
    if (hint && memoryKey) forgetRecovery(memoryKey);
    return { answer, recovery: null };
  }
  let recovery = remembered ? await completeRecovery(remembered, await first.wayOuts, () => first.help) : null;
  if (!recovery) {
    // A first miss, or a remembered way out that finds nothing any more: one more round trip.
    const plan = await planRecovery(input);
    const again = send(engine, null, plan);
    // An unhinted plan is complete: its answers always hold the recovery.
    recovery = (await completeRecovery(plan, await again.wayOuts, () => again.help))!;
  }
  rememberRecovery(memoryKey, recovery.hint);
  return { answer, recovery };
}
