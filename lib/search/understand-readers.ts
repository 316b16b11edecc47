// The readers of query understanding (./understand.ts): the query split into tokens, and one reader per
// kind of part (price, sort, size, audience, colour, category), each trying the words at one position and
// answering how many it took. Kept apart from the loop that drives them so each stays small.

import type { SearchSortKey } from "./facets";
import { MAX_PRICE_BOUND, priceRangeValue } from "./facets";
import { sizeKey, type Lexicon } from "./lexicon";
import { termKey } from "./synonyms";
import type { UnderstoodPart } from "./types";
import {
  CURRENCY,
  AMOUNT,
  CURRENCY_WORDS,
  MAX_PHRASES,
  MIN_PHRASES,
  AND_UP_PHRASES,
  AND_UNDER_PHRASES,
  CHEAP_PHRASES,
  EXPENSIVE_PHRASES,
  SIZE_LEADS,
  NUMERIC_ONLY_LEADS,
  LETTER_SIZES,
  SIZE_WORDS,
  LEAD_ONLY_LETTERS,
  CAPACITY_UNITS,
  AUDIENCE_WORDS,
  COLOUR_MODIFIERS,
  COLOUR_NOUNS,
} from "./understand-vocabulary";

export interface Token {
  raw: string;
  norm: string;
  /** Taken by a recognised part and left out of the text. */
  used: boolean;
  /** A category word: stays in the text, never dropped as a connector. */
  keep: boolean;
}

export function normToken(raw: string): string {
  let norm = raw.toLowerCase().replace(/[’`]/g, "'");
  norm = norm.replace(/^[("'[{]+/, "").replace(/[)"'\]},;:!?]+$/, "");
  // A full stop ends a word unless it is a decimal point ("10.5").
  norm = norm.replace(/\.+$/, "");
  norm = norm.replace(/'s$/, "").replace(/'/g, "");
  return norm;
}

export function tokenize(q: string): Token[] {
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

export class Reader {
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

export const whole = (value: number, round: (n: number) => number) => Math.max(0, round(value));

export function priceRange(min: number | null, max: number | null): string | null {
  const lower = min === null ? 0 : whole(min, Math.floor);
  const upper = max === null ? null : whole(max, Math.ceil);
  if (upper !== null && upper <= lower) return upper === lower && upper > 0 ? priceRangeValue(lower, upper + 1) : null;
  if (upper === null && lower === 0) return null;
  return priceRangeValue(lower, upper);
}

/** A price phrase starting at i. */
export function readPrice(r: Reader, i: number): { length: number; part: UnderstoodPart } | null {
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

export function readSort(r: Reader, i: number): { length: number; part: UnderstoodPart } | null {
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
export function sizeValueAt(
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

export function readSize(
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

export function readAudience(r: Reader, i: number): { length: number; part: UnderstoodPart } | null {
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
export function longestPhrase<T>(
  r: Reader,
  i: number,
  table: ReadonlyMap<string, T>,
): { length: number; entry: T } | null {
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

export function readColour(r: Reader, lexicon: Lexicon, i: number): { length: number; part: UnderstoodPart } | null {
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

export function readCategory(
  r: Reader,
  lexicon: Lexicon,
  i: number,
): { length: number; slugs: readonly string[] } | null {
  const found = longestPhrase(r, i, lexicon.categories);
  return found ? { length: found.length, slugs: found.entry } : null;
}

export function merge(parts: UnderstoodPart[], part: UnderstoodPart): void {
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
