// Query understanding: what a shopper typed -> filters, a sort, and the words left to search as text.
// "mens size 10 boots under 150" becomes audience men, size 10, price 0-150, category boots and the text
// "boots". Runs before the engine on every search, so it is plain synchronous code over a lexicon built
// once per vocabulary (./lexicon.ts): a few microseconds per query.
//
// What it recognises, in this order (each word is used once):
//   price phrases   "under 30", "less than $50", "30-60", "between 30 and 60", "over 100", "100+";
//                   "cheap" and its kin sort by price instead of guessing a bound
//   sizes           "size 10", "us 10.5", "waist 32", "32w", "XL", "large", "750 ml"; a bare number or
//                   letter only when the catalog sells that size
//   audiences       "mens", "women's", "for her", "kids", "unisex"
//   colours         a shade the catalog sells ("navy", "sky blue") or a family word ("blue", "grey")
//   category words  category name nouns and curated synonyms ("chinos" -> Trousers), in any inflection:
//                   these stay in the text too, since they rank the products that name them first
// Colour, size, audience and price words leave the text; so do fillers ("i need", "show me") and the
// connectors left dangling around them ("blue or black", "for under 50").
import type { SearchSortKey } from "./facets";
import { isWithin, type Lexicon } from "./lexicon";
import type { SearchRequest } from "./params";
import type { UnderstoodKind, UnderstoodPart } from "./types";
import {
  tokenize,
  Reader,
  readPrice,
  readSort,
  readSize,
  readAudience,
  readColour,
  readCategory,
  merge,
} from "./understand-readers";
import { COLOUR_NOUNS, FILLERS, CONNECTORS } from "./understand-vocabulary";

// The parts' types live with the other result types, so the readers need nothing from this file.
export type { UnderstoodKind, UnderstoodPart };

export interface QueryUnderstanding {
  /** The words to search as text. */
  text: string;
  /** What was recognised and can be applied. */
  parts: UnderstoodPart[];
  /** Recognised but not sold here (a size no variant has): not applied, worth telling the shopper. */
  unknown: UnderstoodPart[];
}

/**
 * Reads a query. `scopeCategory` is the category of a category page: category words only narrow below it.
 */
export function understandQuery(q: string, lexicon: Lexicon, scopeCategory?: string): QueryUnderstanding {
  const tokens = tokenize(q);
  const r = new Reader(tokens);
  const parts: UnderstoodPart[] = [];
  const unknown: UnderstoodPart[] = [];

  // Each pass walks the query left to right and takes the words it recognises; later passes only see
  // what earlier ones left (a number in "under 30" is a price, not a waist size).
  const pass = (read: (i: number) => { length: number; part: UnderstoodPart; known?: boolean } | null) => {
    for (let i = 0; i < tokens.length; i += 1) {
      if (r.at(i) === undefined) continue;
      const found = read(i);
      if (!found) continue;
      r.use(i, found.length);
      if (found.known === false) unknown.push(found.part);
      else merge(parts, found.part);
      i += found.length - 1;
    }
  };
  pass((i) => readPrice(r, i));
  pass((i) => readSort(r, i));
  pass((i) => readAudience(r, i));
  pass((i) => readColour(r, lexicon, i));
  pass((i) => readSize(r, lexicon, i));

  // Category words stay in the text; one word naming several categories ORs them, and a word naming a
  // category above another word's ("shoes" and "boots") gives way to the narrower one.
  const perWord: { words: string; slugs: readonly string[] }[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (r.at(i) === undefined) continue;
    const found = readCategory(r, lexicon, i);
    if (!found) continue;
    for (let k = i; k < i + found.length; k += 1) tokens[k]!.keep = true;
    const slugs = scopeCategory
      ? found.slugs.filter((slug) => slug !== scopeCategory && isWithin(lexicon, slug, scopeCategory))
      : found.slugs;
    if (slugs.length > 0) perWord.push({ words: r.words(i, found.length), slugs });
    i += found.length - 1;
  }
  const narrowest = perWord.filter(
    (word) =>
      !perWord.some(
        (other) =>
          other !== word &&
          other.slugs.every((slug) => word.slugs.some((mine) => slug !== mine && isWithin(lexicon, slug, mine))),
      ),
  );
  for (const word of narrowest) merge(parts, { kind: "category", values: [...word.slugs], words: word.words });

  // Fillers go; connectors go when they touch a recognised part or the ends of the text.
  for (const token of tokens) if (!token.used && !token.keep && FILLERS.has(token.norm)) token.used = true;
  let changed = true;
  while (changed) {
    changed = false;
    const remaining = tokens.filter((token) => !token.used);
    for (const [index, token] of remaining.entries()) {
      if (token.keep || !CONNECTORS.has(token.norm || token.raw)) continue;
      const position = tokens.indexOf(token);
      const touchesUsed = tokens[position - 1]?.used === true || tokens[position + 1]?.used === true;
      const atEnd = index === 0 || index === remaining.length - 1;
      if (touchesUsed || atEnd) {
        token.used = true;
        changed = true;
      }
    }
  }
  // A recognised "colour"/"size" word with nothing after it ("navy colour") went with its part; a
  // leftover lead word alone ("size") is dropped too.
  for (const token of tokens)
    if (!token.used && (token.norm === "size" || COLOUR_NOUNS.has(token.norm))) token.used = true;

  const text = tokens
    .filter((token) => !token.used)
    .map((token) => token.raw.replace(/^[("'[{]+|[)"'\]},;:!?.]+$/g, ""))
    .filter(Boolean)
    .join(" ");
  return { text, parts, unknown };
}

/** Facets an understood part fills, in the order they are dropped when nothing matches with all of them:
 *  who it is for and the size are the likeliest to be over-specific, the category the least. */
export const RELAXATION_ORDER: readonly UnderstoodKind[] = [
  "audience",
  "size",
  "colour",
  "colourFamily",
  "price",
  "category",
];

type PartFacet = "category" | "price" | "size" | "audience" | "colourFamily" | "colour";

/**
 * The request with the understood parts applied: the text replaces the query, each part fills its facet
 * (unless the request already sets that facet: what the shopper ticked wins) and `interpret` turns off, so
 * links built from it keep these filters as plain facets. Returns the parts that were applied.
 */
export function applyUnderstanding(
  request: SearchRequest,
  understanding: QueryUnderstanding,
): { request: SearchRequest; applied: UnderstoodPart[] } {
  const next: SearchRequest = { ...request, q: understanding.text };
  const applied: UnderstoodPart[] = [];
  for (const part of understanding.parts) {
    if (part.kind === "sort") {
      if (request.sort === "relevance") {
        next.sort = part.values[0] as SearchSortKey;
        applied.push(part);
      }
      continue;
    }
    const facet: PartFacet = part.kind;
    const current: readonly string[] = request[facet];
    if (current.length > 0) continue;
    (next[facet] as string[]) = [...part.values];
    applied.push(part);
  }
  if (applied.length > 0 || understanding.unknown.length > 0) next.interpret = false;
  return { request: next, applied };
}

/** The request without an applied part's filter (or sort). */
export function withoutPart(request: SearchRequest, part: UnderstoodPart): SearchRequest {
  if (part.kind === "sort") return { ...request, sort: "relevance" };
  const facet: PartFacet = part.kind;
  const current: readonly string[] = request[facet];
  return { ...request, [facet]: current.filter((value) => !part.values.includes(value)) };
}
