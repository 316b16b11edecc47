// Synonyms and category words, from two sources: the curated groups an admin edits (SearchSynonym rows,
// first filled by the migration) and what the catalog's own vocabulary implies (each category name's nouns
// with their singular and plural). The engine gets them as mutual synonyms; query understanding uses the
// same words to recognise which category a query names. Pure functions of the vocabulary.

export interface SynonymGroup {
  terms: readonly string[];
  /** The category these words name, chosen by an admin; null lets the words find it (categoryWords). */
  categoryId: string | null;
}

export interface CategoryName {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
}

/** Lower case, apostrophes and surrounding punctuation gone, single spaces. */
export function normaliseTerm(term: string): string {
  return term
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/'s\b/g, "")
    .replace(/'/g, "")
    .replace(/[^\p{L}\p{N}\s-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A term's comparison key: hyphens and spaces dropped, so "t-shirt", "t shirt" and "tshirt" are one. */
export function termKey(term: string): string {
  return normaliseTerm(term).replace(/[\s-]+/g, "");
}

/** Singular and plural spellings of a word (or of the last word of a phrase), the word itself first. */
export function inflections(term: string): string[] {
  const words = normaliseTerm(term).split(" ");
  const last = words.pop() ?? "";
  const head = words.length > 0 ? `${words.join(" ")} ` : "";
  const forms = new Set([last]);
  if (last.length >= 3 && !/\d/.test(last)) {
    if (last.endsWith("ies")) {
      forms.add(`${last.slice(0, -3)}y`); // accessories -> accessory
      forms.add(last.slice(0, -1)); // beanies -> beanie
    } else if (/(ss|x|z|ch|sh)es$/.test(last))
      forms.add(last.slice(0, -2)); // glasses -> glass
    else if (/[^su]s$/.test(last) && !last.endsWith("is"))
      forms.add(last.slice(0, -1)); // boots -> boot
    else if (/[^aeiou]y$/.test(last)) forms.add(`${last.slice(0, -1)}ies`);
    else if (/(s|x|z|ch|sh)$/.test(last)) forms.add(`${last}es`);
    else forms.add(`${last}s`);
  }
  return [...forms].map((form) => head + form);
}

/** Comparison keys of every inflection of a term. */
function keysOf(term: string): Set<string> {
  return new Set(inflections(term).map(termKey));
}

// Words of category names that name no kind of product ("Outdoor Gear", "Home"): never a category word
// on their own.
const GENERIC_CATEGORY_WORDS = new Set([
  "accessories",
  "all",
  "collection",
  "essentials",
  "gear",
  "goods",
  "home",
  "misc",
  "more",
  "new",
  "other",
  "outdoor",
  "sale",
  "supplies",
]);

/** The nouns a category name is made of: "Hoodies & Sweatshirts" -> hoodies, sweatshirts; "Running Shoes" ->
 *  running shoes, shoes; "Outdoor Gear" -> outdoor gear. */
export function categoryNameTerms(name: string): string[] {
  const terms = new Set<string>();
  for (const part of name.split(/\s*(?:&|,|\/|\band\b|\+)\s*/i)) {
    const phrase = normaliseTerm(part);
    if (!phrase) continue;
    terms.add(phrase);
    const words = phrase.split(" ");
    const last = words[words.length - 1]!;
    if (words.length > 1 && !GENERIC_CATEGORY_WORDS.has(last)) terms.add(last);
  }
  return [...terms].filter((term) => !GENERIC_CATEGORY_WORDS.has(term));
}

/**
 * The categories a synonym group names: its admin-chosen category, else every category with a name noun
 * among the group's words (in any inflection).
 */
export function categoriesOfGroup(group: SynonymGroup, categories: readonly CategoryName[]): string[] {
  if (group.categoryId) return categories.some((c) => c.id === group.categoryId) ? [group.categoryId] : [];
  const groupKeys = new Set(group.terms.flatMap((term) => [...keysOf(term)]));
  return categories
    .filter((category) =>
      categoryNameTerms(category.name).some((term) => [...keysOf(term)].some((k) => groupKeys.has(k))),
    )
    .map((category) => category.id);
}

/**
 * Every word or phrase that names a category, by comparison key (termKey), with the ids it names: each
 * category's name nouns and the words of the synonym groups that name it, in all their inflections.
 */
export function categoryWords(
  categories: readonly CategoryName[],
  groups: readonly SynonymGroup[],
): Map<string, { term: string; categoryIds: string[] }> {
  const words = new Map<string, { term: string; categoryIds: string[] }>();
  const add = (term: string, categoryId: string) => {
    for (const form of inflections(term)) {
      const key = termKey(form);
      if (!key) continue;
      const entry = words.get(key) ?? { term: form, categoryIds: [] };
      if (!entry.categoryIds.includes(categoryId)) entry.categoryIds.push(categoryId);
      words.set(key, entry);
    }
  };
  for (const category of categories) for (const term of categoryNameTerms(category.name)) add(term, category.id);
  for (const group of groups) {
    for (const categoryId of categoriesOfGroup(group, categories))
      for (const term of group.terms) add(term, categoryId);
  }
  return words;
}

/** Two-way synonyms: any word of a group also finds the others. */
export function mutualSynonyms(groups: readonly (readonly string[])[]): Record<string, string[]> {
  // A Map while collecting: the words are an admin's ("constructor" must not read Object.prototype's).
  const synonyms = new Map<string, string[]>();
  for (const group of groups) {
    for (const word of group)
      synonyms.set(
        word,
        [...new Set([...(synonyms.get(word) ?? []), ...group.filter((other) => other !== word)])].sort(),
      );
  }
  return Object.fromEntries(synonyms);
}

/**
 * The engine's synonyms: each curated group with the singular and plural of its words (and the name nouns
 * of the category an admin tied it to), and each category
 * name noun with its own (Meilisearch does no stemming: without them "mugs" would not find "Mug", a word
 * too short for a typo).
 */
export function engineSynonyms(
  groups: readonly SynonymGroup[],
  categories: readonly CategoryName[],
): Record<string, string[]> {
  const expanded: string[][] = [];
  const names = new Map(categories.map((category) => [category.id, category.name]));
  for (const group of groups) {
    // A group tied to a category by hand ("bookbag" for Backpacks) also finds that category's own name
    // nouns: otherwise its one word would be understood as the category yet match no product's text.
    const chosen = group.categoryId ? names.get(group.categoryId) : undefined;
    const words = [...group.terms, ...(chosen ? categoryNameTerms(chosen) : [])];
    const terms = [...new Set(words.flatMap((term) => inflections(term)))];
    if (terms.length > 1) expanded.push(terms);
  }
  for (const category of categories) {
    for (const term of categoryNameTerms(category.name)) {
      const forms = inflections(term);
      if (forms.length > 1) expanded.push(forms);
    }
  }
  return mutualSynonyms(expanded);
}
