// Keeps the denormalised columns of Product (priceMinCents, priceMaxCents, currency, ratingAverage,
// reviewCount) in step with its variants and reviews, so listings sort and paginate in SQL. Call it after
// changing variants or reviews (admin, review submission, imports, the seed), then revalidate the
// product's cache tags (lib/catalog/tags.ts). Only published reviews count (pending and hidden ones are not
// shown).
//
// No "server-only" import on purpose: the seed runs under plain Node (tsx) and Vitest calls it too.
import type { Db } from "@/lib/db";
import type { Tx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Recomputes the aggregates of the given products (every product when `productIds` is omitted) in one
 * statement, so a 100k-product import is one round trip. A product without variants gets price 0 and keeps
 * its currency; without reviews, rating 0 and count 0. The average is rounded to one decimal, as shown,
 * which also keeps "rating" sort ties stable. Returns the number of products updated.
 */
export async function refreshProductAggregates(db: Db | Tx, productIds?: readonly string[]): Promise<number> {
  if (productIds && productIds.length === 0) return 0;
  const filter = productIds ? Prisma.sql`WHERE p."id" = ANY(${[...productIds]}::text[])` : Prisma.empty;
  return db.$executeRaw`
    UPDATE "Product" p SET
      "priceMinCents" = COALESCE((SELECT min(v."priceCents") FROM "Variant" v WHERE v."productId" = p."id"), 0),
      "priceMaxCents" = COALESCE((SELECT max(v."priceCents") FROM "Variant" v WHERE v."productId" = p."id"), 0),
      "currency" = COALESCE(
        (SELECT v."currency" FROM "Variant" v WHERE v."productId" = p."id" ORDER BY v."position", v."id" LIMIT 1),
        p."currency"),
      "ratingAverage" = COALESCE(
        (SELECT round(avg(r."rating")::numeric, 1)::float8 FROM "Review" r WHERE r."productId" = p."id" AND r."status" = 'PUBLISHED'), 0),
      "reviewCount" = (SELECT count(*)::int FROM "Review" r WHERE r."productId" = p."id" AND r."status" = 'PUBLISHED')
    ${filter}`;
}

/** The aggregates of one product (after an admin edit or a new review). */
export async function recomputeProductAggregates(db: Db | Tx, productId: string): Promise<void> {
  await refreshProductAggregates(db, [productId]);
}
