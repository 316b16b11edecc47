// Search straight from PostgreSQL, for when Meilisearch is unreachable: full-text search over title,
// brand and description (plainto_tsquery, so the query is data, never tsquery syntax) plus a substring
// match that catches partial words, the same filters (category, brand, price, rating, colour family,
// colour, size, audience, in stock, including those understood from the query) and sorts. No typo
// tolerance and no facet counts; every value is a bound parameter.
import type { Db } from "@/lib/db";
import { getAvailability } from "@/lib/inventory/availability";
import { Prisma } from "@/lib/generated/prisma/client";
import { COLOUR_OPTION_NAMES, parsePriceRange, SIZE_OPTION_NAMES, type SearchSortKey } from "./facets";
import { lexiconOf } from "./lexicon";
import { isColourFamilyKey } from "./colour-families";
import type { FilterScope } from "./filters";
import { highlightWords } from "./highlight";
import type { SearchRequest } from "./params";
import type { SearchHit } from "./types";
import { categoryIdsWithDescendants, type SearchVocabulary } from "./vocabulary";

const DOCUMENT = Prisma.sql`to_tsvector('english', p."title" || ' ' || coalesce(b."name", '') || ' ' || p."description")`;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function optionFilter(names: readonly string[], values: readonly string[]): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "Variant" v
      JOIN "VariantOptionValue" vov ON vov."variantId" = v."id"
      JOIN "ProductOptionValue" pov ON pov."id" = vov."optionValueId"
      JOIN "ProductOption" po ON po."id" = pov."optionId"
     WHERE v."productId" = p."id" AND lower(po."name") = ANY(${[...names]}::text[]) AND pov."value" = ANY(${[...values]}::text[]))`;
}

// The formula of lib/inventory/availability.ts, in SQL: some variant has (on hand - reserved) at active
// locations, plus expired-but-unswept ACTIVE reservations, above zero.
const IN_STOCK = Prisma.sql`EXISTS (
  SELECT 1 FROM "Variant" v
   WHERE v."productId" = p."id"
     AND coalesce((SELECT sum(il."onHand" - il."reserved") FROM "InventoryLevel" il
                     JOIN "Location" l ON l."id" = il."locationId" AND l."active"
                    WHERE il."variantId" = v."id"), 0)
       + coalesce((SELECT sum(r."quantity") FROM "Reservation" r
                     JOIN "Location" l ON l."id" = r."locationId" AND l."active"
                    WHERE r."variantId" = v."id" AND r."status" = 'ACTIVE'
                      AND r."expiresAt" <= (now() AT TIME ZONE 'UTC')), 0) > 0)`;

export function fallbackConditions(
  request: SearchRequest,
  vocabulary: SearchVocabulary,
  scope: FilterScope,
): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [Prisma.sql`p."status" = 'ACTIVE'`];
  if (request.q) {
    const like = likePattern(request.q);
    conditions.push(
      Prisma.sql`(${DOCUMENT} @@ plainto_tsquery('english', ${request.q}) OR p."title" ILIKE ${like} OR b."name" ILIKE ${like})`,
    );
  }
  if (scope.categorySlug) {
    conditions.push(
      Prisma.sql`p."categoryId" = ANY(${categoryIdsWithDescendants(vocabulary, [scope.categorySlug])}::text[])`,
    );
  }
  if (request.category.length > 0) {
    conditions.push(
      Prisma.sql`p."categoryId" = ANY(${categoryIdsWithDescendants(vocabulary, request.category)}::text[])`,
    );
  }
  if (request.brand.length > 0) conditions.push(Prisma.sql`b."name" = ANY(${request.brand}::text[])`);
  const buckets = request.price.map(parsePriceRange).filter((range) => range !== null);
  if (buckets.length > 0) {
    conditions.push(
      Prisma.sql`(${Prisma.join(
        buckets.map((bucket) =>
          bucket.maxCents === null
            ? Prisma.sql`p."priceMinCents" >= ${bucket.minCents}`
            : Prisma.sql`(p."priceMinCents" >= ${bucket.minCents} AND p."priceMinCents" < ${bucket.maxCents})`,
        ),
        " OR ",
      )})`,
    );
  }
  // Same rounding as the search document (one decimal), so "4 stars & up" means the same in both.
  if (request.rating !== null) conditions.push(Prisma.sql`round(p."ratingAverage"::numeric, 1) >= ${request.rating}`);
  if (request.colourFamily.length > 0) {
    // The shades of the families among the catalog's colours, as the index derives them.
    const lexicon = lexiconOf(vocabulary);
    const shades = request.colourFamily
      .filter(isColourFamilyKey)
      .flatMap((family) => lexicon.coloursByFamily.get(family) ?? []);
    conditions.push(optionFilter(COLOUR_OPTION_NAMES, shades));
  }
  if (request.colour.length > 0) conditions.push(optionFilter(COLOUR_OPTION_NAMES, request.colour));
  if (request.audience.length > 0) {
    // As in the index: a unisex product suits men and women, and one made for no one in particular suits all.
    const audiences = new Set(request.audience.map((audience) => audience.toUpperCase()));
    if (audiences.has("MEN") || audiences.has("WOMEN")) audiences.add("UNISEX");
    conditions.push(Prisma.sql`(p."audience" IS NULL OR p."audience"::text = ANY(${[...audiences]}::text[]))`);
  }
  if (request.size.length > 0) conditions.push(optionFilter(SIZE_OPTION_NAMES, request.size));
  if (request.inStock) conditions.push(IN_STOCK);
  return conditions;
}

function orderBy(sort: SearchSortKey, q: string): Prisma.Sql {
  switch (sort) {
    case "price-asc":
      return Prisma.sql`p."priceMinCents" ASC, p."id"`;
    case "price-desc":
      return Prisma.sql`p."priceMinCents" DESC, p."id"`;
    case "newest":
      return Prisma.sql`p."createdAt" DESC, p."id"`;
    case "rating":
      return Prisma.sql`p."ratingAverage" DESC, p."reviewCount" DESC, p."id"`;
    case "relevance":
      return q
        ? Prisma.sql`ts_rank(${DOCUMENT}, plainto_tsquery('english', ${q})) DESC, (p."title" ILIKE ${likePattern(q)}) DESC, p."reviewCount" DESC, p."id"`
        : Prisma.sql`p."featured" DESC, p."reviewCount" DESC, p."id"`;
  }
}

interface Row {
  id: string;
  slug: string;
  title: string;
  brand: string | null;
  categoryId: string;
  priceMinCents: number;
  priceMaxCents: number;
  currency: string;
  ratingAverage: number;
  reviewCount: number;
}

export async function searchInPostgres(
  db: Db,
  request: SearchRequest,
  vocabulary: SearchVocabulary,
  options: { pageSize: number; scope?: FilterScope },
): Promise<{ hits: SearchHit[]; totalHits: number }> {
  const where = Prisma.join(fallbackConditions(request, vocabulary, options.scope ?? {}), " AND ");
  const from = Prisma.sql`FROM "Product" p LEFT JOIN "Brand" b ON b."id" = p."brandId" WHERE ${where}`;
  const offset = (request.page - 1) * options.pageSize;
  const [counted, rows] = await Promise.all([
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS "total" ${from}`,
    db.$queryRaw<Row[]>`
      SELECT p."id", p."slug", p."title", b."name" AS "brand", p."categoryId", p."priceMinCents", p."priceMaxCents",
             p."currency", p."ratingAverage", p."reviewCount"
      ${from}
      ORDER BY ${orderBy(request.sort, request.q)}
      LIMIT ${options.pageSize} OFFSET ${offset}`,
  ]);

  const ids = rows.map((row) => row.id);
  const details = await db.product.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      images: { select: { url: true, alt: true }, orderBy: { position: "asc" }, take: 1 },
      variants: { select: { id: true, priceCents: true, compareAtPriceCents: true } },
    },
  });
  const byId = new Map(details.map((detail) => [detail.id, detail]));
  const availability = await getAvailability(
    db,
    details.flatMap((detail) => detail.variants.map((variant) => variant.id)),
  );
  const categoryNames = new Map(vocabulary.categories.map((category) => [category.id, category]));
  const pathOf = (categoryId: string) => {
    const path: string[] = [];
    for (
      let current = categoryNames.get(categoryId);
      current && path.length < 20;
      current = current.parentId ? categoryNames.get(current.parentId) : undefined
    ) {
      path.unshift(current.name);
    }
    return path;
  };

  const hits = rows.map((row): SearchHit => {
    const detail = byId.get(row.id);
    const cheapest = detail?.variants.filter((variant) => variant.priceCents === row.priceMinCents) ?? [];
    const compareAt = cheapest
      .map((variant) => variant.compareAtPriceCents)
      .filter((cents): cents is number => cents !== null && cents > row.priceMinCents);
    const image = detail?.images[0];
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      titleHighlighted: highlightWords(row.title, request.q),
      brand: row.brand,
      categoryPath: pathOf(row.categoryId),
      priceMinCents: row.priceMinCents,
      priceMaxCents: row.priceMaxCents,
      compareAtCents: compareAt.length > 0 ? Math.min(...compareAt) : null,
      currency: row.currency,
      rating: Math.round(row.ratingAverage * 10) / 10,
      reviewCount: row.reviewCount,
      inStock: detail?.variants.some((variant) => (availability[variant.id] ?? 0) > 0) ?? false,
      image: image ? { url: image.url, alt: image.alt || row.title } : null,
    };
  });
  return { hits, totalHits: counted[0]?.total ?? 0 };
}

/** Suggestions from PostgreSQL: titles containing the text, best-reviewed first. */
export async function suggestInPostgres(db: Db, q: string, limit: number) {
  return db.product.findMany({
    where: { status: "ACTIVE", title: { contains: q, mode: "insensitive" } },
    select: {
      id: true,
      slug: true,
      title: true,
      priceMinCents: true,
      currency: true,
      images: { select: { url: true }, orderBy: { position: "asc" }, take: 1 },
    },
    orderBy: [{ reviewCount: "desc" }, { id: "asc" }],
    take: limit,
  });
}
