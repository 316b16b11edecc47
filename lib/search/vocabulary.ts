// The catalog's facet vocabulary from PostgreSQL: category tree, brand names, colour and size values, the
// colour family table and the curated synonyms. Incoming facet values are checked against it
// (./params.ts restrictToKnownValues), the facet sidebar takes category names and nesting from it, and
// query understanding builds its lexicon from it (./lexicon.ts). Small and slow-changing: cached per process.
import type { Db } from "@/lib/db";
import { COLOUR_OPTION_NAMES, SIZE_OPTION_NAMES } from "./facets";
import type { KnownFacetValues } from "./params";
import type { SynonymGroup } from "./synonyms";

export interface VocabularyCategory {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  depth: number;
}

export interface SearchVocabulary extends KnownFacetValues {
  /** Depth-first, siblings by position then name. */
  categories: VocabularyCategory[];
  /** ColourFamilyMapping rows: lower-cased colour -> family key. */
  colourFamilyMapping: ReadonlyMap<string, string>;
  /** Curated synonym groups (SearchSynonym rows). */
  synonyms: readonly SynonymGroup[];
}

export async function loadSearchVocabulary(db: Db): Promise<SearchVocabulary> {
  const [categoryRows, brandRows, optionRows, familyRows, synonymRows] = await Promise.all([
    db.category.findMany({
      select: { id: true, slug: true, name: true, parentId: true, position: true },
      orderBy: [{ position: "asc" }, { name: "asc" }],
    }),
    db.brand.findMany({ select: { name: true } }),
    db.$queryRaw<{ value: string; option: string }[]>`
      SELECT DISTINCT pov."value" AS "value", lower(po."name") AS "option"
        FROM "ProductOptionValue" pov
        JOIN "ProductOption" po ON po."id" = pov."optionId"
       WHERE lower(po."name") = ANY(${[...COLOUR_OPTION_NAMES, ...SIZE_OPTION_NAMES]}::text[])`,
    db.colourFamilyMapping.findMany({ select: { colour: true, family: true } }),
    db.searchSynonym.findMany({ select: { terms: true, categoryId: true }, orderBy: { createdAt: "asc" } }),
  ]);

  const children = new Map<string | null, typeof categoryRows>();
  for (const row of categoryRows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const categories: VocabularyCategory[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const row of children.get(parentId) ?? []) {
      if (categories.some((category) => category.id === row.id)) continue;
      categories.push({ id: row.id, slug: row.slug, name: row.name, parentId: row.parentId, depth });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 0);

  return {
    categories,
    categorySlugs: new Set(categories.map((category) => category.slug)),
    brands: new Set(brandRows.map((row) => row.name)),
    colours: new Set(optionRows.filter((row) => COLOUR_OPTION_NAMES.includes(row.option)).map((row) => row.value)),
    sizes: new Set(optionRows.filter((row) => SIZE_OPTION_NAMES.includes(row.option)).map((row) => row.value)),
    colourFamilyMapping: new Map(familyRows.map((row) => [row.colour, row.family])),
    synonyms: synonymRows,
  };
}

const cache = new WeakMap<object, { at: number; value: Promise<SearchVocabulary>; refreshing: boolean }>();

/**
 * loadSearchVocabulary, cached per client. After `maxAgeMs` the cached value is still returned while a
 * refresh runs in the background (stale-while-revalidate), so no search ever waits for the reload; a new
 * brand becomes filterable within about a minute.
 */
export function cachedSearchVocabulary(db: Db, maxAgeMs = 60_000): Promise<SearchVocabulary> {
  const entry = cache.get(db);
  if (!entry) {
    const value = loadSearchVocabulary(db);
    cache.set(db, { at: Date.now(), value, refreshing: false });
    value.catch(() => cache.delete(db));
    return value;
  }
  if (Date.now() - entry.at >= maxAgeMs && !entry.refreshing) {
    entry.refreshing = true;
    loadSearchVocabulary(db).then(
      (fresh) => cache.set(db, { at: Date.now(), value: Promise.resolve(fresh), refreshing: false }),
      () => {
        entry.refreshing = false;
      },
    );
  }
  return entry.value;
}

/** Ids of the categories with these slugs and of every category below them. */
export function categoryIdsWithDescendants(vocabulary: SearchVocabulary, slugs: readonly string[]): string[] {
  const ids = new Set(
    vocabulary.categories.filter((category) => slugs.includes(category.slug)).map((category) => category.id),
  );
  let grew = true;
  while (grew) {
    grew = false;
    for (const category of vocabulary.categories) {
      if (category.parentId && ids.has(category.parentId) && !ids.has(category.id)) {
        ids.add(category.id);
        grew = true;
      }
    }
  }
  return [...ids];
}
