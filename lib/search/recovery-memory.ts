// Which searches found nothing a moment ago, and what answered them then (./recover.ts). A search that
// found nothing is usually typed again by the next shopper ("runing shoes"), and recovering it costs a
// second engine round trip after the page query came back empty. Remembered here, the next time its
// recovery is asked for in the same round trip as the page query. The memory only decides what is asked
// of the engine, never what is answered: the page query is always sent and wins when it finds products,
// and every way out ahead of the remembered one is counted again, so a catalog change since is seen
// (./query.ts). The one thing kept is the zero-results help (a spelling to try, words that find something,
// popular products of the closest category: suggestions, not results), shown again for 15 s while the
// search still finds nothing, as the cached listings are. Per process, a minute at most, a bounded number
// of searches.
import type { FilterScope } from "./filters";
import type { SearchRequest } from "./params";
import type { ZeroResultsHelp } from "./types";

export interface RecoveryHint {
  /** The way out that answered (its place among the recovery's candidates), or null: the help answered. */
  wayOut: number | null;
  /** The category whose popular products the help showed (null: the whole store's). */
  closestSlug: string | null;
  /** The help shown, and when it was asked of the engine. */
  help: { help: ZeroResultsHelp; at: number } | null;
}

const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 1_000;

const memory = new Map<string, { at: number; hint: RecoveryHint }>();

/** The search a hint belongs to: the index, the request as prepared (normalised), the scope and page size. */
export function recoveryKey(indexName: string, request: SearchRequest, scope: FilterScope, pageSize: number): string {
  return JSON.stringify([indexName, request, scope.categorySlug ?? null, pageSize]);
}

export function recallRecovery(key: string): RecoveryHint | null {
  const entry = memory.get(key);
  if (!entry) return null;
  if (Date.now() - entry.at > MAX_AGE_MS) {
    memory.delete(key);
    return null;
  }
  return entry.hint;
}

export function rememberRecovery(key: string, hint: RecoveryHint): void {
  memory.delete(key);
  memory.set(key, { at: Date.now(), hint });
  // Oldest first in a Map's order: drop from the front.
  while (memory.size > MAX_ENTRIES) memory.delete(memory.keys().next().value!);
}

export function forgetRecovery(key: string): void {
  memory.delete(key);
}
