// Index settings, applied idempotently: at start-up, by the sync worker before its first write, and to
// every new index a reindex builds. Settings are compared first because changing them makes Meilisearch
// re-process the index; applying the same settings twice does nothing.
import { MeilisearchApiError, type Meilisearch, type Settings } from "meilisearch";
import type { Db } from "@/lib/db";
import { engineSynonyms } from "./synonyms";

/**
 * The settings every index gets; synonyms are added from the database (indexSettingsFor). Each choice is
 * explained in docs/search.md ("Engine settings").
 */
export const INDEX_SETTINGS = {
  // Order is relevance: a match in the title outranks one in the brand, and so on down.
  searchableAttributes: ["title", "brand", "categoryPath", "tags", "description"],
  filterableAttributes: [
    "audiences",
    "brand",
    "categorySlugs",
    "colourFamilies",
    "colours",
    "inStock",
    "priceBucket",
    "priceMinCents",
    "rating",
    "ratingFloor",
    "sizes",
    "status",
  ],
  sortableAttributes: ["createdAt", "featuredRank", "priceMinCents", "rating", "reviewCount"],
  // A sort the shopper chose ("Price: low to high", or "cheap" in the query) comes right after the rules
  // that decide whether a product matches at all (every word, no typo, words together), and before the
  // ones that only order good matches (which attribute and where in it, exact word or synonym): placed
  // after "attribute", as Meilisearch's default has it, a price sort only reordered products whose title
  // had the word at the same position, and "cheapest first" did not look sorted.
  rankingRules: ["words", "typo", "proximity", "sort", "attribute", "exactness"],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    // Long descriptions are full of near-words ("boot heels" for "boots"): typos count in the short,
    // deliberate attributes only.
    disableOnAttributes: ["description"],
    // "10" must not find "11" or "100" (sizes, capacities, model numbers).
    disableOnNumbers: true,
  },
  // Words too common in shop queries to tell products apart ("shoes for men" = "shoes men").
  stopWords: ["a", "an", "and", "for", "of", "the", "with"],
  faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { "*": "count" } },
  // Deep pages beyond this answer empty; exhaustive counts stay cheap.
  pagination: { maxTotalHits: 5_000 },
} satisfies Settings;

export type IndexSettings = typeof INDEX_SETTINGS & { synonyms: Record<string, string[]> };

/** INDEX_SETTINGS with the synonyms of the curated groups and the catalog's category names. */
export async function indexSettingsFor(db: Db): Promise<IndexSettings> {
  const [groups, categories] = await Promise.all([
    db.searchSynonym.findMany({ select: { terms: true, categoryId: true }, orderBy: { createdAt: "asc" } }),
    db.category.findMany({ select: { id: true, slug: true, name: true, parentId: true } }),
  ]);
  return { ...INDEX_SETTINGS, synonyms: engineSynonyms(groups, categories) };
}

// Attributes Meilisearch reports in its own order: compared as sets.
const UNORDERED = new Set(["filterableAttributes", "sortableAttributes", "stopWords"]);

function canonical(value: unknown, unordered: boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item, false));
    return unordered ? items.map((item) => JSON.stringify(item)).sort() : items;
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        // Synonym lists come back in any order.
        .map(([key, item]) => [key, canonical(item, Array.isArray(item))]),
    );
  }
  return value;
}

/** Whether `current` already has every value of `desired` (extra keys in `current` are defaults). */
export function settingsMatch(current: Record<string, unknown>, desired: Record<string, unknown>): boolean {
  const contains = (have: unknown, want: unknown): boolean => {
    if (want && typeof want === "object" && !Array.isArray(want)) {
      if (!have || typeof have !== "object" || Array.isArray(have)) return false;
      return Object.entries(want).every(([key, value]) => contains((have as Record<string, unknown>)[key], value));
    }
    return JSON.stringify(have) === JSON.stringify(want);
  };
  return Object.entries(desired).every(([key, value]) => {
    const unordered = UNORDERED.has(key);
    return contains(canonical(current[key], unordered), canonical(value, unordered));
  });
}

function synonymsEqual(current: unknown, desired: Record<string, string[]>): boolean {
  const canon = (value: unknown) =>
    JSON.stringify(
      Object.entries((value ?? {}) as Record<string, string[]>)
        .map(([word, others]) => [word, [...others].sort()] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  return canon(current) === canon(desired);
}

const TASK_WAIT = { timeout: 120_000, interval: 50 };

export async function indexExists(client: Meilisearch, indexUid: string): Promise<boolean> {
  try {
    await client.getRawIndex(indexUid);
    return true;
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.cause?.code === "index_not_found") return false;
    throw error;
  }
}

/** Creates the index when missing and brings its settings up to date. Returns whether anything changed. */
export async function applyIndexSettings(
  client: Meilisearch,
  indexUid: string,
  settings: IndexSettings,
): Promise<boolean> {
  let changed = false;
  if (!(await indexExists(client, indexUid))) {
    await assertTaskSucceeded(await client.createIndex(indexUid, { primaryKey: "id" }).waitTask(TASK_WAIT));
    changed = true;
  }
  const index = client.index(indexUid);
  const current = (await index.getSettings()) as Record<string, unknown>;
  // Synonyms are replaced as a whole: a group an admin deleted must disappear, not linger.
  if (!settingsMatch(current, settings) || !synonymsEqual(current.synonyms, settings.synonyms)) {
    await assertTaskSucceeded(await index.updateSettings(settings).waitTask(TASK_WAIT));
    changed = true;
  }
  return changed;
}

export class SearchTaskFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchTaskFailedError";
  }
}

/** waitTask resolves for failed tasks too: a write counts only when its task succeeded. */
export async function assertTaskSucceeded(task: {
  uid: number;
  status: string;
  type: string;
  error: { message: string; code: string } | null;
}): Promise<void> {
  if (task.status !== "succeeded") {
    throw new SearchTaskFailedError(
      `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error ? `${task.error.code}: ${task.error.message}` : "no error reported"}`,
    );
  }
}
