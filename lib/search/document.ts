// The search document of a product, built from PostgreSQL. One document per ACTIVE product; anything
// else (draft, archived, deleted) has no document. Everything a result card, a facet or a sort needs is
// in it, so a search never goes back to the database.
import type { Db } from "@/lib/db";
import { ProductStatus } from "@/lib/generated/prisma/enums";
import { getAvailability } from "@/lib/inventory/availability";
import { familyOfColour } from "./colour-families";
import { COLOUR_OPTION_NAMES, priceBucketFor, SIZE_OPTION_NAMES, type AudienceKey } from "./facets";

export interface ProductSearchDocument {
  id: string;
  slug: string;
  title: string;
  brand: string | null;
  /** Category names from the root down to the product's own category. */
  categoryPath: string[];
  /** Slugs of the same path: filtering on a parent category finds products of all its children. */
  categorySlugs: string[];
  tags: string[];
  description: string;
  priceMinCents: number;
  priceMaxCents: number;
  /** Compare-at price of the cheapest variant when it is on sale. */
  compareAtCents: number | null;
  currency: string;
  priceBucket: string;
  colours: string[];
  /** Families of the colours (lib/search/colour-families.ts), for the colour facet shoppers use. */
  colourFamilies: string[];
  sizes: string[];
  /** Who it is for: a unisex product is listed for men and women too; empty when it applies to no one in
   *  particular (such a product passes every audience filter). */
  audiences: AudienceKey[];
  rating: number;
  ratingFloor: number;
  reviewCount: number;
  /** 1 for a featured product, else 0: a number, because Meilisearch sorts numbers and strings only. */
  featuredRank: number;
  inStock: boolean;
  status: "ACTIVE";
  /** Unix seconds. */
  createdAt: number;
  imageUrl: string | null;
  imageAlt: string;
}

/** Every field a document has: an index whose documents lack one was built by an older version and is
 *  rebuilt at start-up (reindex.ts ensureSearchIndex). */
export const DOCUMENT_FIELDS = [
  "id",
  "slug",
  "title",
  "brand",
  "categoryPath",
  "categorySlugs",
  "tags",
  "description",
  "priceMinCents",
  "priceMaxCents",
  "compareAtCents",
  "currency",
  "priceBucket",
  "colours",
  "colourFamilies",
  "sizes",
  "audiences",
  "rating",
  "ratingFloor",
  "reviewCount",
  "featuredRank",
  "inStock",
  "status",
  "createdAt",
  "imageUrl",
  "imageAlt",
] as const satisfies readonly (keyof ProductSearchDocument)[];

export interface CategoryNode {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
}

// Long descriptions add index size and latency for little recall: the opening says what a product is.
const DESCRIPTION_LIMIT = 1_000;
// Reserved for the highlighter's markers (./highlight.ts).
const PRIVATE_USE = /[\ue000-\uf8ff]/g;

const productSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  tags: true,
  currency: true,
  priceMinCents: true,
  priceMaxCents: true,
  ratingAverage: true,
  reviewCount: true,
  featured: true,
  audience: true,
  createdAt: true,
  categoryId: true,
  brand: { select: { name: true } },
  images: { select: { url: true, alt: true }, orderBy: { position: "asc" as const }, take: 1 },
  variants: {
    select: {
      id: true,
      priceCents: true,
      compareAtPriceCents: true,
      optionValues: { select: { optionValue: { select: { value: true, option: { select: { name: true } } } } } },
    },
  },
};

const AUDIENCES_OF: Readonly<Record<string, AudienceKey[]>> = {
  MEN: ["men"],
  WOMEN: ["women"],
  KIDS: ["kids"],
  UNISEX: ["men", "women", "unisex"],
};

/** The colour family table (ColourFamilyMapping): lower-cased colour -> family key. */
export async function loadColourFamilyMapping(db: Db): Promise<Map<string, string>> {
  const rows = await db.colourFamilyMapping.findMany({ select: { colour: true, family: true } });
  return new Map(rows.map((row) => [row.colour, row.family]));
}

export async function loadCategories(db: Db): Promise<Map<string, CategoryNode>> {
  const rows = await db.category.findMany({ select: { id: true, slug: true, name: true, parentId: true } });
  return new Map(rows.map((row) => [row.id, row]));
}

/** Root-first path of a category; stops on a cycle rather than looping. */
export function categoryPathOf(categories: ReadonlyMap<string, CategoryNode>, categoryId: string): CategoryNode[] {
  const path: CategoryNode[] = [];
  const seen = new Set<string>();
  let current = categories.get(categoryId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current);
    current = current.parentId ? categories.get(current.parentId) : undefined;
  }
  return path;
}

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}

/**
 * Documents of the given products that are ACTIVE. Ids without a document (not active, or deleted) are
 * returned in `absent`, for the caller to delete from the index.
 */
export async function buildProductDocuments(
  db: Db,
  productIds: readonly string[],
  options: {
    categories?: ReadonlyMap<string, CategoryNode>;
    colourFamilies?: ReadonlyMap<string, string>;
    now?: Date;
  } = {},
): Promise<{ documents: ProductSearchDocument[]; absent: string[] }> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return { documents: [], absent: [] };
  const [rows, categories, colourFamilies] = await Promise.all([
    db.product.findMany({
      where: { id: { in: ids }, status: ProductStatus.ACTIVE },
      select: productSelect,
      orderBy: { id: "asc" },
    }),
    options.categories ? Promise.resolve(options.categories) : loadCategories(db),
    options.colourFamilies ? Promise.resolve(options.colourFamilies) : loadColourFamilyMapping(db),
  ]);
  const availability = await getAvailability(
    db,
    rows.flatMap((row) => row.variants.map((variant) => variant.id)),
    options.now,
  );

  const documents = rows.map((row): ProductSearchDocument => {
    const path = categoryPathOf(categories, row.categoryId);
    const prices = row.variants.map((variant) => variant.priceCents);
    // Variants are the truth for prices; the product's denormalised columns are a fallback only.
    const priceMinCents = prices.length > 0 ? Math.min(...prices) : row.priceMinCents;
    const priceMaxCents = prices.length > 0 ? Math.max(...prices) : row.priceMaxCents;
    const cheapest = row.variants.filter((variant) => variant.priceCents === priceMinCents);
    const compareAt = cheapest
      .map((variant) => variant.compareAtPriceCents)
      .filter((cents): cents is number => cents !== null && cents > priceMinCents);
    const optionValues = row.variants.flatMap((variant) => variant.optionValues.map((link) => link.optionValue));
    const valuesOf = (names: readonly string[]) =>
      uniqueSorted(
        optionValues.filter((value) => names.includes(value.option.name.toLowerCase())).map((value) => value.value),
      );
    const rating = Math.round(row.ratingAverage * 10) / 10;
    const image = row.images[0];
    const colours = valuesOf(COLOUR_OPTION_NAMES);
    return {
      id: row.id,
      slug: row.slug,
      title: row.title.replace(PRIVATE_USE, ""),
      brand: row.brand?.name ?? null,
      categoryPath: path.map((category) => category.name),
      categorySlugs: path.map((category) => category.slug),
      tags: row.tags,
      description: row.description.slice(0, DESCRIPTION_LIMIT),
      priceMinCents,
      priceMaxCents,
      compareAtCents: compareAt.length > 0 ? Math.min(...compareAt) : null,
      currency: row.currency,
      priceBucket: priceBucketFor(priceMinCents),
      colours,
      colourFamilies: uniqueSorted(
        colours.map((colour) => familyOfColour(colour, colourFamilies)).filter((family) => family !== null),
      ),
      sizes: valuesOf(SIZE_OPTION_NAMES),
      audiences: row.audience ? AUDIENCES_OF[row.audience]! : [],
      rating,
      ratingFloor: Math.floor(rating),
      reviewCount: row.reviewCount,
      featuredRank: row.featured ? 1 : 0,
      inStock: row.variants.some((variant) => (availability[variant.id] ?? 0) > 0),
      status: "ACTIVE",
      createdAt: Math.floor(row.createdAt.getTime() / 1000),
      imageUrl: image?.url ?? null,
      imageAlt: image?.alt || row.title,
    };
  });
  const present = new Set(documents.map((document) => document.id));
  return { documents, absent: ids.filter((id) => !present.has(id)) };
}

/** Ids of ACTIVE products after `afterId` in id order, for walking the whole catalog in batches. */
export async function activeProductIdsAfter(db: Db, afterId: string | null, limit: number): Promise<string[]> {
  const rows = await db.product.findMany({
    where: { status: ProductStatus.ACTIVE, ...(afterId ? { id: { gt: afterId } } : {}) },
    select: { id: true },
    orderBy: { id: "asc" },
    take: limit,
  });
  return rows.map((row) => row.id);
}
