// Index settings, applied idempotently: at start-up, by the sync worker before its first write, and to
// every new index a reindex builds. Settings are compared first because changing them makes Meilisearch
// re-process the index; applying the same settings twice does nothing.
import { MeilisearchApiError, type Meilisearch, type Settings } from "meilisearch";

// Two-way synonym groups: any word of a group also finds the others.
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["tee", "t-shirt", "tshirt"],
  ["sneakers", "trainers", "shoes"],
  ["hoodie", "sweatshirt"],
  ["jumper", "sweater", "pullover"],
  ["trousers", "pants"],
  ["jacket", "coat"],
  ["mug", "cup"],
  ["sofa", "couch"],
  ["grey", "gray"],
  ["colour", "color"],
];

export function mutualSynonyms(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group)
      synonyms[word] = [...new Set([...(synonyms[word] ?? []), ...group.filter((other) => other !== word)])].sort();
  }
  return synonyms;
}

export const INDEX_SETTINGS = {
  // Order is relevance: a match in the title outranks one in the brand, and so on down.
  searchableAttributes: ["title", "brand", "categoryPath", "tags", "description"],
  filterableAttributes: [
    "brand",
    "categorySlugs",
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
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  synonyms: mutualSynonyms(SYNONYM_GROUPS),
  // Words too common in shop queries to tell products apart ("shoes for men" = "shoes men").
  stopWords: ["a", "an", "and", "for", "of", "the", "with"],
  faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { "*": "count" } },
  // Deep pages beyond this answer empty; exhaustive counts stay cheap.
  pagination: { maxTotalHits: 5_000 },
} satisfies Settings;

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
export async function applyIndexSettings(client: Meilisearch, indexUid: string): Promise<boolean> {
  let changed = false;
  if (!(await indexExists(client, indexUid))) {
    await assertTaskSucceeded(await client.createIndex(indexUid, { primaryKey: "id" }).waitTask(TASK_WAIT));
    changed = true;
  }
  const index = client.index(indexUid);
  const current = (await index.getSettings()) as Record<string, unknown>;
  if (!settingsMatch(current, INDEX_SETTINGS)) {
    await assertTaskSucceeded(await index.updateSettings(INDEX_SETTINGS).waitTask(TASK_WAIT));
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
