// The co-purchase counts behind "frequently bought together" and the best sellers: per unordered pair of
// products, how many counted orders hold both (ProductPair); per product, how many counted orders hold it
// and how many units (ProductSales). An order is counted while it is paid and neither cancelled nor
// refunded in full (COUNTED_STATUSES); a partial refund keeps it counted.
//
// Kept current incrementally: orders and payments queue ORDER_STANDING_TOPIC when an order is paid,
// cancelled or refunded in full, and the worker calls reconcileOrderCounts, which compares the order's
// status now with its guard row (RecommendationOrder.counted) and adds or subtracts the order once.
// A replayed or late event finds nothing to change; several workers serialise on the guard row.
// rebuildRecommendationCounts recomputes everything from the orders (the seed, repairs).
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";

/** The order statuses whose products count: paid and not given back in full. */
export const COUNTED_STATUSES = ["PAID", "PARTIALLY_FULFILLED", "FULFILLED", "DELIVERED"] as const;

const countedStatusesSql = Prisma.join(COUNTED_STATUSES.map((status) => Prisma.sql`${status}::"OrderStatus"`));

export type ReconcileOutcome = "added" | "removed" | "unchanged" | "no_order";

/**
 * Brings one order's contribution to the counts in line with its status, once. Run it in its own
 * transaction: it locks the order's guard row until commit, so two workers handling the same order one
 * after the other see each other's result.
 */
export async function reconcileOrderCounts(tx: Tx, orderId: string, now: Date = new Date()): Promise<ReconcileOutcome> {
  await tx.$executeRaw`
    INSERT INTO "RecommendationOrder" ("orderId", counted, "updatedAt")
    SELECT id, false, ${now} FROM "Order" WHERE id = ${orderId}
    ON CONFLICT ("orderId") DO NOTHING`;
  const [state] = await tx.$queryRaw<{ counted: boolean; shouldCount: boolean }[]>`
    SELECT g.counted, (o.status IN (${countedStatusesSql})) AS "shouldCount"
    FROM "RecommendationOrder" g JOIN "Order" o ON o.id = g."orderId"
    WHERE g."orderId" = ${orderId}
    FOR UPDATE OF g`;
  if (!state) return "no_order";
  if (state.counted === state.shouldCount) return "unchanged";

  const sign = state.shouldCount ? 1 : -1;
  // One row per product of the order (several variants of one product count once), in id order so
  // concurrent reconciliations lock the count rows in the same order.
  const products = Prisma.sql`
    SELECT "productId" AS id, sum(quantity)::int AS units FROM "OrderLine"
    WHERE "orderId" = ${orderId} AND "productId" IS NOT NULL GROUP BY "productId"`;
  if (sign > 0) {
    await tx.$executeRaw`
      INSERT INTO "ProductSales" ("productId", orders, units, "updatedAt")
      SELECT p.id, 1, p.units, ${now} FROM (${products}) p ORDER BY p.id
      ON CONFLICT ("productId") DO UPDATE SET orders = "ProductSales".orders + 1,
        units = "ProductSales".units + EXCLUDED.units, "updatedAt" = EXCLUDED."updatedAt"`;
    await tx.$executeRaw`
      INSERT INTO "ProductPair" ("productAId", "productBId", orders, "updatedAt")
      SELECT a.id, b.id, 1, ${now} FROM (${products}) a JOIN (${products}) b ON a.id < b.id ORDER BY a.id, b.id
      ON CONFLICT ("productAId", "productBId") DO UPDATE SET orders = "ProductPair".orders + 1,
        "updatedAt" = EXCLUDED."updatedAt"`;
  } else {
    // Plain updates: the rows exist (this order added to them), and an upsert's proposed row of -1 would
    // trip the CHECK constraint before the conflict is found.
    await tx.$executeRaw`
      UPDATE "ProductSales" s SET orders = greatest(0, s.orders - 1), units = greatest(0, s.units - p.units),
        "updatedAt" = ${now}
      FROM (${products}) p WHERE s."productId" = p.id`;
    await tx.$executeRaw`
      UPDATE "ProductPair" pp SET orders = greatest(0, pp.orders - 1), "updatedAt" = ${now}
      FROM (${products}) a JOIN (${products}) b ON a.id < b.id
      WHERE pp."productAId" = a.id AND pp."productBId" = b.id`;
  }
  await tx.$executeRaw`
    UPDATE "RecommendationOrder" SET counted = ${state.shouldCount}, "updatedAt" = ${now} WHERE "orderId" = ${orderId}`;
  return sign > 0 ? "added" : "removed";
}

export interface RebuildResult {
  countedOrders: number;
  pairs: number;
  products: number;
}

/**
 * Recomputes every count from the orders, in the caller's transaction: a full scan, for the seed and for
 * repairs, never for a request. Takes the count tables' locks first, so a worker reconciling meanwhile
 * waits and then finds its order already counted (or not) as the rebuild left it.
 */
export async function rebuildRecommendationCounts(tx: Tx, now: Date = new Date()): Promise<RebuildResult> {
  await tx.$executeRaw`LOCK TABLE "RecommendationOrder", "ProductSales", "ProductPair" IN EXCLUSIVE MODE`;
  await tx.$executeRaw`DELETE FROM "ProductPair"`;
  await tx.$executeRaw`DELETE FROM "ProductSales"`;
  await tx.$executeRaw`DELETE FROM "RecommendationOrder"`;
  const countedOrders = await tx.$executeRaw`
    INSERT INTO "RecommendationOrder" ("orderId", counted, "updatedAt")
    SELECT id, status IN (${countedStatusesSql}), ${now} FROM "Order"
    WHERE status IN (${countedStatusesSql})`;
  const lines = Prisma.sql`
    SELECT DISTINCT l."orderId", l."productId" FROM "OrderLine" l
    JOIN "RecommendationOrder" g ON g."orderId" = l."orderId" AND g.counted
    WHERE l."productId" IS NOT NULL`;
  const products = await tx.$executeRaw`
    INSERT INTO "ProductSales" ("productId", orders, units, "updatedAt")
    SELECT l."productId", count(DISTINCT l."orderId")::int, sum(l.quantity)::int, ${now} FROM "OrderLine" l
    JOIN "RecommendationOrder" g ON g."orderId" = l."orderId" AND g.counted
    WHERE l."productId" IS NOT NULL GROUP BY l."productId"`;
  const pairs = await tx.$executeRaw`
    INSERT INTO "ProductPair" ("productAId", "productBId", orders, "updatedAt")
    SELECT a."productId", b."productId", count(*)::int, ${now}
    FROM (${lines}) a JOIN (${lines}) b ON a."orderId" = b."orderId" AND a."productId" < b."productId"
    GROUP BY a."productId", b."productId"`;
  return { countedOrders, pairs, products };
}
