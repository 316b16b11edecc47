// What query understanding knows about the catalog, built once per vocabulary (./vocabulary.ts) and
// memoised on it: colour words (shade names the catalog sells and family words), the words that name each
// category (./synonyms.ts), and the size values variants come in. Pure, so it is unit tested with a
// hand-made vocabulary.
import { COLOUR_FAMILIES, familyOfColour, type ColourFamilyKey } from "./colour-families";
import { categoryWords, termKey } from "./synonyms";
import type { SearchVocabulary, VocabularyCategory } from "./vocabulary";

export type ColourWord = { kind: "colourFamily"; value: ColourFamilyKey } | { kind: "colour"; value: string };

export interface Lexicon {
  /** termKey of a colour phrase -> the family or shade it names. */
  colours: ReadonlyMap<string, ColourWord>;
  /** termKey of a category word or phrase -> slugs of the categories it names. */
  categories: ReadonlyMap<string, readonly string[]>;
  /** sizeKey of a size value -> the value as variants spell it. */
  sizes: ReadonlyMap<string, string>;
  categoryBySlug: ReadonlyMap<string, VocabularyCategory>;
  categoryById: ReadonlyMap<string, VocabularyCategory>;
  /** Shades of each family among the catalog's colours (for the PostgreSQL fallback). */
  coloursByFamily: ReadonlyMap<ColourFamilyKey, readonly string[]>;
}

/** How sizes compare: lower case without spaces, "×" as "x", litres as "l" ("750 ml" -> "750ml"). */
export function sizeKey(value: string): string {
  return value
    .toLowerCase()
    .replace(/×/g, "x")
    .replace(/\s+/g, "")
    .replace(/(litres?|liters?)$/, "l");
}

export function buildLexicon(vocabulary: SearchVocabulary): Lexicon {
  const colours = new Map<string, ColourWord>();
  const coloursByFamily = new Map<ColourFamilyKey, string[]>();
  for (const colour of [...vocabulary.colours].sort()) {
    colours.set(termKey(colour), { kind: "colour", value: colour });
    const family = familyOfColour(colour, vocabulary.colourFamilyMapping);
    if (family) coloursByFamily.set(family, [...(coloursByFamily.get(family) ?? []), colour]);
  }
  // A family word wins over a shade of the same name: "red" means every red, Burgundy included.
  for (const family of COLOUR_FAMILIES)
    for (const word of family.words) colours.set(termKey(word), { kind: "colourFamily", value: family.key });

  const slugById = new Map(vocabulary.categories.map((category) => [category.id, category.slug]));
  const categories = new Map<string, string[]>();
  for (const [key, entry] of categoryWords(vocabulary.categories, vocabulary.synonyms)) {
    const slugs = entry.categoryIds.map((id) => slugById.get(id)).filter((slug): slug is string => Boolean(slug));
    if (slugs.length > 0) categories.set(key, slugs);
  }

  const sizes = new Map<string, string>();
  const sorted = [...vocabulary.sizes].sort();
  for (const size of sorted) sizes.set(sizeKey(size), size);
  // Shorter spellings a shopper types, unless another size already has them: "US 10" is "10", "45 × 45 cm"
  // is "45x45", "W32" is "32".
  for (const size of sorted) {
    const key = sizeKey(size);
    for (const short of [key.replace(/(cm|mm|in)$/, ""), key.replace(/^(us|uk|eu|w|size)(?=\d)/, "")]) {
      if (short !== key && !sizes.has(short)) sizes.set(short, size);
    }
  }

  return {
    colours,
    categories,
    sizes,
    categoryBySlug: new Map(vocabulary.categories.map((category) => [category.slug, category])),
    categoryById: new Map(vocabulary.categories.map((category) => [category.id, category])),
    coloursByFamily,
  };
}

const lexicons = new WeakMap<SearchVocabulary, Lexicon>();

/** The lexicon of a vocabulary, built on first use (the vocabulary object is replaced when it refreshes). */
export function lexiconOf(vocabulary: SearchVocabulary): Lexicon {
  let lexicon = lexicons.get(vocabulary);
  if (!lexicon) {
    lexicon = buildLexicon(vocabulary);
    lexicons.set(vocabulary, lexicon);
  }
  return lexicon;
}

/** Whether category `slug` is `ancestor` or lies below it. */
export function isWithin(lexicon: Lexicon, slug: string, ancestor: string): boolean {
  for (
    let current = lexicon.categoryBySlug.get(slug), steps = 0;
    current && steps < 50;
    current = current.parentId ? lexicon.categoryById.get(current.parentId) : undefined, steps += 1
  ) {
    if (current.slug === ancestor) return true;
  }
  return false;
}
