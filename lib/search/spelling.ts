// Spelling suggestions for a query that found nothing: each word the catalog does not use is replaced by
// the closest word it does (titles, brands, category names and synonyms), within an edit distance that
// grows with the word's length. Only asked for on zero results: the engine's own typo tolerance handles
// one typo in words of five letters and more, so what is left here is short words ("lmap"), swapped
// letters, two typos in a mid-length word, and words run together or split apart ("waterbottle").
import type { Db } from "@/lib/db";
import { normaliseTerm } from "./synonyms";

export interface SpellingDictionary {
  /** Word -> how many products use it (the more common spelling wins a tie). */
  words: ReadonlyMap<string, number>;
}

/** Damerau-Levenshtein distance (optimal string alignment), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j += 1) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Edits allowed for a word of this length: none below four letters (too many near neighbours). */
function allowedEdits(length: number): number {
  if (length < 4) return 0;
  return length < 6 ? 1 : 2;
}

function closestWord(word: string, dictionary: SpellingDictionary): string | null {
  const limit = allowedEdits(word.length);
  if (limit === 0) return null;
  let best: { word: string; distance: number; count: number } | null = null;
  for (const [candidate, count] of dictionary.words) {
    if (candidate.length < 3 || Math.abs(candidate.length - word.length) > limit) continue;
    // Same first letter or same last two: real misspellings rarely lose both ends.
    if (candidate[0] !== word[0] && candidate.slice(-2) !== word.slice(-2)) continue;
    const distance = editDistance(word, candidate, limit);
    if (distance > limit) continue;
    if (!best || distance < best.distance || (distance === best.distance && count > best.count))
      best = { word: candidate, distance, count };
  }
  return best?.word ?? null;
}

/**
 * The query with its unknown words corrected, or null when nothing needed or could be corrected. Words
 * the dictionary knows are kept; two words that make a known word are joined, a word that splits into two
 * known words is split.
 */
export function correctSpelling(text: string, dictionary: SpellingDictionary): string | null {
  const words = normaliseTerm(text).split(" ").filter(Boolean);
  if (words.length === 0) return null;
  const known = (word: string) => dictionary.words.has(word);
  const out: string[] = [];
  let changed = false;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const next = words[i + 1];
    if (known(word)) {
      out.push(word);
      continue;
    }
    if (next !== undefined && !known(next) && known(word + next)) {
      out.push(word + next);
      i += 1;
      changed = true;
      continue;
    }
    if (/\d/.test(word)) {
      out.push(word);
      continue;
    }
    let split: string | null = null;
    for (let cut = 3; cut <= word.length - 3 && !split; cut += 1) {
      if (known(word.slice(0, cut)) && known(word.slice(cut))) split = `${word.slice(0, cut)} ${word.slice(cut)}`;
    }
    const corrected = split ?? closestWord(word, dictionary);
    if (corrected) changed = true;
    out.push(corrected ?? word);
  }
  return changed ? out.join(" ") : null;
}

/** Words of active products' titles, brands and tags, category names and synonyms, with their counts. */
export async function loadSpellingDictionary(db: Db): Promise<SpellingDictionary> {
  const rows = await db.$queryRaw<{ word: string; count: number }[]>`
    SELECT w AS "word", count(*)::int AS "count"
      FROM (
        SELECT lower(w) AS w
          FROM "Product" p
          LEFT JOIN "Brand" b ON b."id" = p."brandId",
               regexp_split_to_table(p."title" || ' ' || coalesce(b."name", '') || ' ' || array_to_string(p."tags", ' '), '[^[:alnum:]]+') w
         WHERE p."status" = 'ACTIVE'
        UNION ALL
        SELECT lower(w) FROM "Category" c, regexp_split_to_table(c."name", '[^[:alnum:]]+') w
        UNION ALL
        SELECT lower(w) FROM "SearchSynonym" s, unnest(s."terms") t, regexp_split_to_table(t, '[^[:alnum:]]+') w
      ) words
     WHERE length(w) >= 2
     GROUP BY w`;
  return { words: new Map(rows.map((row) => [row.word, row.count])) };
}

const cache = new WeakMap<object, { at: number; value: Promise<SpellingDictionary> }>();
const MAX_AGE_MS = 10 * 60_000;

/** loadSpellingDictionary, cached per client for ten minutes (only zero-result searches ask for it). */
export function cachedSpellingDictionary(db: Db): Promise<SpellingDictionary> {
  const entry = cache.get(db);
  if (entry && Date.now() - entry.at < MAX_AGE_MS) return entry.value;
  const value = loadSpellingDictionary(db);
  cache.set(db, { at: Date.now(), value });
  value.catch(() => cache.delete(db));
  return value;
}
