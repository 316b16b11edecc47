// What to suggest next to a product, a cart, or nothing at all (docs/recommendations.md). Every read is an
// indexed lookup in the counts of ./counts.ts and a few product rows, never a scan of the orders:
//   1. products bought together with the given ones in at least MIN_PAIR_ORDERS counted orders, most
//      often first (ties: the partner's own sales);
//   2. then best sellers of the same category and brand, then of the same category or brand;
//   3. then (carts and empty searches) the store's best sellers.
// Only products a shopper can buy right now are returned: ACTIVE, and at least one variant in stock
// (lib/catalog/live-stock.ts), checked at read time on a few more candidates than asked for.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { listProductCardsByIds } from "@/lib/catalog/products";
import type { ProductCardData } from "@/lib/catalog/types";
import { productsInStock } from "@/lib/catalog/live-stock";

/** A pair seen in a single order is chance; two orders start to say something. */
export const MIN_PAIR_ORDERS = 2;
/** Cards in one recommendations row. */
export const RECOMMENDATION_LIMIT = 4;
/** Products of a cart considered at most (a cart holds few; this bounds the lookup). */
export const MAX_SOURCE_PRODUCTS = 20;
// Candidates fetched per step for each card wanted: some are dropped as sold out.
const OVERFETCH = 3;

/** Why the products were chosen: the heading a row gets. */
export type RecommendationBasis = "bought_together" | "similar" | "best_sellers";

export interface Recommendations {
  basis: RecommendationBasis;
  products: ProductCardData[];
}

const none = Prisma.sql`ARRAY[]::text[]`;
const idArray = (ids: readonly string[]) => (ids.length > 0 ? Prisma.sql`ARRAY[${Prisma.join(ids)}]::text[]` : none);

/** Products bought with any of `sources` (not themselves), most co-purchases first. */
async function boughtTogether(db: Db, sources: readonly string[], take: number): Promise<string[]> {
  const ids = idArray(sources);
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH partners AS (
      SELECT CASE WHEN "productAId" = ANY(${ids}) THEN "productBId" ELSE "productAId" END AS id, orders
      FROM "ProductPair"
      WHERE ("productAId" = ANY(${ids}) OR "productBId" = ANY(${ids})) AND orders >= ${MIN_PAIR_ORDERS}
    )
    SELECT partners.id FROM partners
    JOIN "Product" p ON p.id = partners.id AND p.status = 'ACTIVE'
    LEFT JOIN "ProductSales" s ON s."productId" = partners.id
    WHERE NOT partners.id = ANY(${ids})
    GROUP BY partners.id, s.orders
    ORDER BY sum(partners.orders) DESC, coalesce(s.orders, 0) DESC, partners.id
    LIMIT ${take}`;
  return rows.map((row) => row.id);
}

/**
 * Best sellers, optionally only those sharing a category or a brand with `sources` (same category and
 * brand first, then same category, then same brand); products without sales follow by rating.
 */
async function bestSelling(
  db: Db,
  options: { like?: readonly string[]; exclude: readonly string[]; take: number },
): Promise<string[]> {
  const exclude = idArray(options.exclude);
  if (!options.like) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT p.id FROM "Product" p LEFT JOIN "ProductSales" s ON s."productId" = p.id
      WHERE p.status = 'ACTIVE' AND NOT p.id = ANY(${exclude})
      ORDER BY coalesce(s.orders, 0) DESC, p.featured DESC, p."ratingAverage" DESC, p.id
      LIMIT ${options.take}`;
    return rows.map((row) => row.id);
  }
  const like = idArray(options.like);
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH source AS (SELECT "categoryId", "brandId" FROM "Product" WHERE id = ANY(${like})),
    candidates AS (
      SELECT p.id, p."ratingAverage",
             EXISTS (SELECT 1 FROM source WHERE source."categoryId" = p."categoryId") AS "sameCategory",
             EXISTS (SELECT 1 FROM source WHERE source."brandId" = p."brandId") AS "sameBrand"
      FROM "Product" p
      WHERE p.status = 'ACTIVE' AND NOT p.id = ANY(${exclude})
        AND (p."categoryId" IN (SELECT "categoryId" FROM source) OR p."brandId" IN (SELECT "brandId" FROM source))
    )
    SELECT c.id FROM candidates c LEFT JOIN "ProductSales" s ON s."productId" = c.id
    ORDER BY (c."sameCategory" AND c."sameBrand") DESC, c."sameCategory" DESC, coalesce(s.orders, 0) DESC,
             c."ratingAverage" DESC, c.id
    LIMIT ${options.take}`;
  return rows.map((row) => row.id);
}

type Step = (exclude: readonly string[], take: number) => Promise<string[]>;

/** Runs the steps in order until `limit` buyable products are found; the basis is the first step that gave one. */
async function collect(
  db: Db,
  sources: readonly string[],
  steps: readonly [RecommendationBasis, Step][],
  limit: number,
): Promise<Recommendations> {
  const chosen: string[] = [];
  let basis: RecommendationBasis | null = null;
  for (const [stepBasis, step] of steps) {
    if (chosen.length >= limit) break;
    const candidates = (await step([...sources, ...chosen], (limit - chosen.length) * OVERFETCH)).filter(
      (id) => !chosen.includes(id) && !sources.includes(id),
    );
    const buyable = await productsInStock(db, candidates);
    for (const id of candidates) {
      if (chosen.length >= limit) break;
      if (!buyable[id]) continue;
      chosen.push(id);
      basis ??= stepBasis;
    }
  }
  // The cards read ACTIVE products only: one archived between the steps and here is left out.
  return { basis: basis ?? "best_sellers", products: await listProductCardsByIds(db, chosen) };
}

/** "Frequently bought together" for a product page, falling back to similar best sellers. */
export function productRecommendations(
  db: Db,
  productId: string,
  limit: number = RECOMMENDATION_LIMIT,
): Promise<Recommendations> {
  const sources = [productId];
  return collect(
    db,
    sources,
    [
      ["bought_together", (_exclude, take) => boughtTogether(db, sources, take)],
      ["similar", (exclude, take) => bestSelling(db, { like: sources, exclude, take })],
    ],
    limit,
  );
}

/**
 * "You may also like" for a cart (its products) or an empty search (no products): what is bought with
 * them, then best sellers like them, then the store's best sellers.
 */
export function basketRecommendations(
  db: Db,
  productIds: readonly string[],
  limit: number = RECOMMENDATION_LIMIT,
): Promise<Recommendations> {
  const sources = [...new Set(productIds)].slice(0, MAX_SOURCE_PRODUCTS);
  const steps: [RecommendationBasis, Step][] =
    sources.length > 0
      ? [
          ["bought_together", (_exclude, take) => boughtTogether(db, sources, take)],
          ["similar", (exclude, take) => bestSelling(db, { like: sources, exclude, take })],
        ]
      : [];
  steps.push(["best_sellers", (exclude, take) => bestSelling(db, { exclude, take })]);
  return collect(db, sources, steps, limit);
}

/** The ids of the ACTIVE products with these slugs (a cart names its products by slug). */
export async function activeProductIds(db: Db, slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows = await db.product.findMany({
    where: { slug: { in: [...slugs] }, status: "ACTIVE" },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.id);
}
