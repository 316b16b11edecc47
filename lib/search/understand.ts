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
import type { AudienceKey, SearchSortKey } from "./facets";
import { MAX_PRICE_BOUND, priceRangeValue } from "./facets";
import { isWithin, sizeKey, type Lexicon } from "./lexicon";
import type { SearchRequest } from "./params";
import { termKey } from "./synonyms";

export type UnderstoodKind = "price" | "sort" | "size" | "audience" | "colourFamily" | "colour" | "category";

export interface UnderstoodPart {
  kind: UnderstoodKind;
  /** Facet values (or the sort key) it sets. */
  values: string[];
  /** The words of the query it was read from, as typed. */
  words: string;
}

export interface QueryUnderstanding {
  /** The words to search as text. */
  text: string;
  /** What was recognised and can be applied. */
  parts: UnderstoodPart[];
  /** Recognised but not sold here (a size no variant has): not applied, worth telling the shopper. */
  unknown: UnderstoodPart[];
}

interface Token {
  raw: string;
  norm: string;
  /** Taken by a recognised part and left out of the text. */
  used: boolean;
  /** A category word: stays in the text, never dropped as a connector. */
  keep: boolean;
}

const CURRENCY = /^[$£€]$/;
const AMOUNT = /^[$£€]?(\d{1,7}(?:[.,]\d{1,2})?)[$£€]?(\+?)$/;
const CURRENCY_WORDS = new Set([
  "dollar",
  "dollars",
  "usd",
  "bucks",
  "buck",
  "eur",
  "euro",
  "euros",
  "gbp",
  "pounds",
  "quid",
]);

const MAX_PHRASES = [
  ["under"],
  ["below"],
  ["beneath"],
  ["less", "than"],
  ["cheaper", "than"],
  ["lower", "than"],
  ["up", "to"],
  ["upto"],
  ["max"],
  ["maximum"],
  ["at", "most"],
  ["no", "more", "than"],
  ["not", "more", "than"],
  ["within"],
  ["<"],
  ["<="],
];
const MIN_PHRASES = [
  ["over"],
  ["above"],
  ["more", "than"],
  ["at", "least"],
  ["min"],
  ["minimum"],
  ["from"],
  ["starting", "at"],
  ["starting", "from"],
  ["higher", "than"],
  [">"],
  [">="],
];
const AND_UP_PHRASES = [["+"], ["and", "up"], ["and", "over"], ["and", "above"], ["or", "more"], ["plus"]];
const AND_UNDER_PHRASES = [["or", "less"], ["and", "under"], ["and", "below"], ["or", "under"], ["max"]];
const CHEAP_PHRASES = [
  ["cheap"],
  ["cheaper"],
  ["cheapest"],
  ["affordable"],
  ["budget"],
  ["inexpensive"],
  ["bargain"],
  ["low", "cost"],
  ["low-cost"],
  ["low", "price"],
  ["low", "priced"],
  ["lowest", "price"],
];
const EXPENSIVE_PHRASES = [["most", "expensive"], ["expensive"], ["priciest"], ["high-end"], ["high", "end"]];

const SIZE_LEADS = new Set(["size", "sizes", "sz", "waist", "us", "uk", "eu"]);
const NUMERIC_ONLY_LEADS = new Set(["us", "uk", "eu", "waist"]);
// A Map, not an object literal: a token is whatever the shopper typed ("constructor", "__proto__").
const LETTER_SIZES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    xxs: "XXS",
    xs: "XS",
    s: "S",
    m: "M",
    l: "L",
    xl: "XL",
    xxl: "XXL",
    "2xl": "XXL",
    xxxl: "XXXL",
    "3xl": "XXXL",
    "x-small": "XS",
    "x-large": "XL",
    xlarge: "XL",
    "xx-large": "XXL",
    xxlarge: "XXL",
  }),
);
const SIZE_WORDS: readonly [readonly string[], string][] = [
  [["extra", "extra", "large"], "XXL"],
  [["extra", "large"], "XL"],
  [["extra", "small"], "XS"],
  [["small"], "S"],
  [["medium"], "M"],
  [["large"], "L"],
];
// Letters that are sizes only after "size" ("size m"); alone they are too ambiguous.
const LEAD_ONLY_LETTERS = new Set(["s", "m", "l"]);
const CAPACITY_UNITS = new Set(["ml", "l", "litre", "litres", "liter", "liters", "cl"]);

const AUDIENCE_WORDS: readonly [readonly string[], AudienceKey][] = [
  [["for", "him"], "men"],
  [["for", "his"], "men"],
  [["for", "her"], "women"],
  [["for", "hers"], "women"],
  ...(
    [
      "men",
      "mens",
      "man",
      "male",
      "males",
      "guy",
      "guys",
      "gent",
      "gents",
      "gentleman",
      "gentlemen",
      "dad",
      "dads",
      "father",
      "husband",
      "boyfriend",
      "brother",
    ] as const
  ).map((word): [string[], AudienceKey] => [[word], "men"]),
  ...(
    [
      "women",
      "womens",
      "woman",
      "female",
      "females",
      "lady",
      "ladies",
      "mom",
      "moms",
      "mum",
      "mums",
      "mother",
      "wife",
      "girlfriend",
      "sister",
    ] as const
  ).map((word): [string[], AudienceKey] => [[word], "women"]),
  ...(
    [
      "kids",
      "kid",
      "child",
      "children",
      "childrens",
      "boys",
      "boy",
      "girls",
      "girl",
      "youth",
      "junior",
      "juniors",
      "toddler",
      "toddlers",
      "baby",
      "babies",
    ] as const
  ).map((word): [string[], AudienceKey] => [[word], "kids"]),
  [["unisex"], "unisex"],
];

const COLOUR_MODIFIERS = new Set(["light", "dark", "pale", "bright", "deep", "pastel", "muted", "soft"]);
const COLOUR_NOUNS = new Set(["colour", "color", "coloured", "colored", "colours", "colors", "tone", "toned"]);

const FILLERS = new Set([
  "i",
  "im",
  "want",
  "wanna",
  "need",
  "looking",
  "show",
  "me",
  "find",
  "buy",
  "please",
  "shop",
  "some",
  "something",
  "anything",
  "my",
]);
const CONNECTORS = new Set(["or", "and", "in", "with", "for", "of", "at", "to", "a", "an", "the", "&", "-", "+", "/"]);

function normToken(raw: string): string {
  let norm = raw.toLowerCase().replace(/[’`]/g, "'");
  norm = norm.replace(/^[("'[{]+/, "").replace(/[)"'\]},;:!?]+$/, "");
  // A full stop ends a word unless it is a decimal point ("10.5").
  norm = norm.replace(/\.+$/, "");
  norm = norm.replace(/'s$/, "").replace(/'/g, "");
  return norm;
}

function tokenize(q: string): Token[] {
  let text = q.replace(/[’`]/g, "'");
  // "30-60", "$30–$60": the dash becomes a token of its own (hyphenated words keep theirs).
  text = text.replace(/(\d)\s*[-–—]\s*(?=[$£€]?\s*\d)/g, "$1 - ");
  // "<30", ">= 50": the comparison becomes a token of its own.
  text = text.replace(/([<>]=?)/g, " $1 ");
  text = text.replace(/([$£€])\s+(?=\d)/g, "$1");
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((raw) => ({ raw, norm: normToken(raw), used: false, keep: false }))
    .filter((token) => token.norm !== "" || /[<>+\-&/]/.test(token.raw));
}

class Reader {
  constructor(readonly tokens: Token[]) {}

  /** The normalised token at i, or undefined when absent or already used. */
  at(i: number): string | undefined {
    const token = this.tokens[i];
    return token && !token.used ? token.norm || token.raw : undefined;
  }

  /** Length of the first phrase that starts at i, or 0. */
  phraseAt(i: number, phrases: readonly (readonly string[])[]): number {
    for (const phrase of phrases) if (phrase.every((word, k) => this.at(i + k) === word)) return phrase.length;
    return 0;
  }

  /** An amount of money at i (with a currency sign or word around it): its value and length. */
  amountAt(i: number): { value: number; length: number; plus: boolean } | null {
    let start = i;
    if (this.at(start) !== undefined && CURRENCY.test(this.at(start)!)) start += 1;
    const token = this.at(start);
    const match = token ? AMOUNT.exec(token) : null;
    if (!match) return null;
    const value = Number(match[1]!.replace(",", "."));
    if (!Number.isFinite(value) || value > MAX_PRICE_BOUND) return null;
    let length = start - i + 1;
    if (CURRENCY_WORDS.has(this.at(i + length) ?? "")) length += 1;
    return { value, length, plus: match[2] === "+" };
  }

  words(i: number, length: number): string {
    return this.tokens
      .slice(i, i + length)
      .map((token) => token.raw)
      .join(" ");
  }

  use(i: number, length: number): void {
    for (let k = i; k < i + length; k += 1) this.tokens[k]!.used = true;
  }
}

const whole = (value: number, round: (n: number) => number) => Math.max(0, round(value));

function priceRange(min: number | null, max: number | null): string | null {
  const lower = min === null ? 0 : whole(min, Math.floor);
  const upper = max === null ? null : whole(max, Math.ceil);
  if (upper !== null && upper <= lower) return upper === lower && upper > 0 ? priceRangeValue(lower, upper + 1) : null;
  if (upper === null && lower === 0) return null;
  return priceRangeValue(lower, upper);
}

/** A price phrase starting at i. */
function readPrice(r: Reader, i: number): { length: number; part: UnderstoodPart } | null {
  const part = (length: number, value: string | null) =>
    value ? { length, part: { kind: "price" as const, values: [value], words: r.words(i, length) } } : null;

  // between 30 and 60 / from 30 to 60 / 30-60 / 30 to 60
  const lead = r.at(i) === "between" || r.at(i) === "from" ? 1 : 0;
  const first = r.amountAt(i + lead);
  if (first && !first.plus) {
    const separator = r.at(i + lead + first.length);
    if (separator === "-" || separator === "to" || (separator === "and" && lead === 1)) {
      const second = r.amountAt(i + lead + first.length + 1);
      if (second) {
        const low = Math.min(first.value, second.value);
        const high = Math.max(first.value, second.value);
        return part(lead + first.length + 1 + second.length, priceRange(low, high));
      }
    }
  }
  const maxWords = r.phraseAt(i, MAX_PHRASES);
  if (maxWords > 0) {
    const amount = r.amountAt(i + maxWords);
    if (amount) return part(maxWords + amount.length, priceRange(null, amount.value));
  }
  const minWords = r.phraseAt(i, MIN_PHRASES);
  if (minWords > 0) {
    const amount = r.amountAt(i + minWords);
    if (amount) return part(minWords + amount.length, priceRange(amount.value, null));
  }
  const amount = r.amountAt(i);
  if (amount) {
    if (amount.plus) return part(amount.length, priceRange(amount.value, null));
    const up = r.phraseAt(i + amount.length, AND_UP_PHRASES);
    if (up > 0) return part(amount.length + up, priceRange(amount.value, null));
    const down = r.phraseAt(i + amount.length, AND_UNDER_PHRASES);
    if (down > 0) return part(amount.length + down, priceRange(null, amount.value));
    // "$30" on its own, with a currency sign: as much as that.
    const token = r.at(i)!;
    if (/[$£€]/.test(token) || CURRENCY.test(token) || CURRENCY_WORDS.has(r.at(i + amount.length - 1) ?? ""))
      return part(amount.length, priceRange(null, amount.value));
  }
  return null;
}

function readSort(r: Reader, i: number): { length: number; part: UnderstoodPart } | null {
  for (const [phrases, sort] of [
    [CHEAP_PHRASES, "price-asc"],
    [EXPENSIVE_PHRASES, "price-desc"],
  ] as const) {
    const length = r.phraseAt(i, phrases);
    if (length > 0)
      return { length, part: { kind: "sort", values: [sort satisfies SearchSortKey], words: r.words(i, length) } };
  }
  return null;
}

/** A size value at i as the catalog spells it, or the spelling to report when the catalog lacks it. */
function sizeValueAt(
  r: Reader,
  lexicon: Lexicon,
  i: number,
  afterLead: boolean,
): { length: number; value: string; known: boolean } | null {
  const token = r.at(i);
  if (!token) return null;
  // Capacities and dimensions: "750 ml", "750ml", "1 litre", "45x45", "45 x 45 cm".
  const unit = r.at(i + 1);
  if (/^\d+(?:[.,]\d+)?$/.test(token) && unit && CAPACITY_UNITS.has(unit)) {
    const known = lexicon.sizes.get(sizeKey(`${token}${unit}`));
    if (known) return { length: 2, value: known, known: true };
  }
  if (/^\d+(?:[.,]\d+)?(ml|l|cl|litres?|liters?)$/.test(token)) {
    const known = lexicon.sizes.get(sizeKey(token));
    return known ? { length: 1, value: known, known: true } : null;
  }
  if (/^\d+$/.test(token) && (r.at(i + 1) === "x" || r.at(i + 1) === "×") && /^\d+$/.test(r.at(i + 2) ?? "")) {
    const cm = r.at(i + 3) === "cm" ? 1 : 0;
    const known = lexicon.sizes.get(sizeKey(`${token}x${r.at(i + 2)}`));
    return known ? { length: 3 + cm, value: known, known: true } : null;
  }
  if (/^\d+x\d+(cm)?$/.test(token)) {
    const known = lexicon.sizes.get(sizeKey(token));
    return known ? { length: 1, value: known, known: true } : null;
  }
  // Numbers: shoe sizes, waists.
  if (/^\d{1,2}(?:[.,]5)?$/.test(token)) {
    const value = token.replace(",", ".");
    const known = lexicon.sizes.get(sizeKey(value));
    if (known) return { length: 1, value: known, known: true };
    return afterLead ? { length: 1, value, known: false } : null;
  }
  // Letters and words.
  for (const [phrase, letter] of SIZE_WORDS) {
    if (phrase.every((word, k) => r.at(i + k) === word)) {
      const known = lexicon.sizes.get(sizeKey(letter));
      if (known) return { length: phrase.length, value: known, known: true };
      return afterLead ? { length: phrase.length, value: letter, known: false } : null;
    }
  }
  const letter = LETTER_SIZES.get(token);
  if (letter && (afterLead || !LEAD_ONLY_LETTERS.has(token))) {
    const known = lexicon.sizes.get(sizeKey(letter));
    if (known) return { length: 1, value: known, known: true };
    return afterLead || letter.length > 1 ? { length: 1, value: letter, known: false } : null;
  }
  return null;
}

function readSize(
  r: Reader,
  lexicon: Lexicon,
  i: number,
): { length: number; part: UnderstoodPart; known: boolean } | null {
  const found = (length: number, value: string, known: boolean) => ({
    length,
    known,
    part: { kind: "size" as const, values: [value], words: r.words(i, length) },
  });
  const token = r.at(i)!;
  // "size 10", "size: m", "us 10.5", "waist 32"
  if (SIZE_LEADS.has(token)) {
    const value = sizeValueAt(r, lexicon, i + 1, true);
    if (value && (!NUMERIC_ONLY_LEADS.has(token) || /\d/.test(value.value))) {
      return found(1 + value.length, value.value, value.known);
    }
    return null;
  }
  // "w32", "32w", "32 waist", "10 us"
  const waist = /^(?:w(\d{2})|(\d{2})w)$/.exec(token);
  if (waist) {
    const value = waist[1] ?? waist[2]!;
    return found(1, lexicon.sizes.get(value) ?? value, lexicon.sizes.has(value));
  }
  const value = sizeValueAt(r, lexicon, i, false);
  if (!value) return null;
  const trailing = r.at(i + value.length);
  const extra = trailing === "waist" || trailing === "us" || trailing === "uk" || trailing === "eu" ? 1 : 0;
  return found(value.length + extra, value.value, value.known);
}

function readAudience(r: Reader, i: number): { length: number; part: UnderstoodPart } | null {
  for (const [phrase, audience] of AUDIENCE_WORDS) {
    if (phrase.every((word, k) => r.at(i + k) === word)) {
      return {
        length: phrase.length,
        part: { kind: "audience", values: [audience], words: r.words(i, phrase.length) },
      };
    }
  }
  return null;
}

/** Longest phrase of up to three unused tokens from i that `table` knows. */
function longestPhrase<T>(r: Reader, i: number, table: ReadonlyMap<string, T>): { length: number; entry: T } | null {
  for (let length = 3; length >= 1; length -= 1) {
    const words: string[] = [];
    for (let k = 0; k < length; k += 1) {
      const word = r.at(i + k);
      if (word === undefined) break;
      words.push(word);
    }
    if (words.length !== length) continue;
    const entry = table.get(termKey(words.join(" ")));
    if (entry !== undefined) return { length, entry };
  }
  return null;
}

function readColour(r: Reader, lexicon: Lexicon, i: number): { length: number; part: UnderstoodPart } | null {
  const modifier = COLOUR_MODIFIERS.has(r.at(i) ?? "") ? 1 : 0;
  let found = longestPhrase(r, i + modifier, lexicon.colours);
  let lead = modifier;
  if (!found && modifier) {
    // "light" alone is no colour; "dark navy" is.
    return null;
  }
  if (!found) return null;
  // A modifier that is itself part of a shade ("light blue" is not a shade here, but "sky blue" is).
  if (modifier && found.entry.kind === "colour") {
    const whole = longestPhrase(r, i, lexicon.colours);
    if (whole && whole.length > found.length) {
      found = whole;
      lead = 0;
    }
  }
  let length = lead + found.length;
  if (COLOUR_NOUNS.has(r.at(i + length) ?? "")) length += 1;
  return { length, part: { kind: found.entry.kind, values: [found.entry.value], words: r.words(i, length) } };
}

function readCategory(r: Reader, lexicon: Lexicon, i: number): { length: number; slugs: readonly string[] } | null {
  const found = longestPhrase(r, i, lexicon.categories);
  return found ? { length: found.length, slugs: found.entry } : null;
}

function merge(parts: UnderstoodPart[], part: UnderstoodPart): void {
  const same = parts.find((existing) => existing.kind === part.kind);
  if (!same) {
    parts.push({ ...part, values: [...part.values] });
    return;
  }
  // One sort wins (the first); other kinds OR their values, as a facet does.
  if (part.kind === "sort") return;
  for (const value of part.values) if (!same.values.includes(value)) same.values.push(value);
  same.words = `${same.words} ${part.words}`;
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
