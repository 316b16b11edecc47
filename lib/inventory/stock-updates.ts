// What reserving, releasing and committing share (./reservations.ts, ./release.ts, ./commit.ts): the read
// of a variant's stock levels, the single guarded updates of `reserved`, the release of expired
// reservations, the search reindex when availability crosses zero, and the shape of a caller's writes
// that ride in a guarded update's statement (AlongsideWrites).
import { Prisma } from "@/lib/generated/prisma/client";
import type { SqlTx, Tx } from "@/lib/db/transaction";
import { enqueueProductsReindex } from "@/lib/outbox/search-reindex";
import type { StockLevel } from "./allocation";
import { notifyBackInStock } from "./back-in-stock";
import { InventoryInvariantError } from "./stock-errors";

// Each pass re-plans only what a lost race left missing; this bounds pathological contention.
export const MAX_PLANNING_PASSES = 8;

export interface StockLevelRead extends StockLevel {
  /** An ACTIVE reservation at this level has expired and still holds units (the sweep has not run). */
  hasExpired: boolean;
}

function levelsSelect(variantFilter: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT l.id AS "levelId", l."variantId", l."locationId", (l."onHand" - l.reserved)::int AS available,
           EXISTS (
             SELECT 1 FROM "Reservation" r
             WHERE r."variantId" = l."variantId" AND r."locationId" = l."locationId"
               AND r.status = 'ACTIVE' AND r."expiresAt" <= ${now}::timestamp
           ) AS "hasExpired",
           loc.priority, loc.code
    FROM "InventoryLevel" l
    JOIN "Location" loc ON loc.id = l."locationId"
    WHERE l."variantId" IN (${variantFilter}) AND loc.active`;
}

/**
 * The stock levels of the variants selected by `variantFilter` (a subquery), as one JSON column, so a
 * caller can read them in the same round trip as its own data and pass them to reserveStock.
 */
export function stockLevelsJson(variantFilter: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`coalesce((
    SELECT json_agg(json_build_object(
      'levelId', s."levelId", 'variantId', s."variantId", 'locationId', s."locationId",
      'available', s.available, 'hasExpired', s."hasExpired") ORDER BY s.priority, s.code, s."levelId")
    FROM (${levelsSelect(variantFilter, now)}) s
  ), '[]'::json)`;
}

export async function readLevels(tx: SqlTx, variantIds: readonly string[], now: Date): Promise<StockLevelRead[]> {
  if (variantIds.length === 0) return [];
  return tx.$queryRaw<StockLevelRead[]>`
    SELECT s."levelId", s."variantId", s."locationId", s.available, s."hasExpired"
    FROM (${levelsSelect(Prisma.join(variantIds), now)}) s
    ORDER BY s.priority, s.code, s."levelId"`;
}

export interface HeldReservation {
  id: string;
  orderLineId: string | null;
  variantId: string;
  locationId: string;
  levelId: string;
  quantity: number;
  status: "ACTIVE" | "PAID" | "COMMITTED" | "RELEASED";
}

export const byLevelId = (a: { levelId: string }, b: { levelId: string }) =>
  a.levelId < b.levelId ? -1 : a.levelId > b.levelId ? 1 : 0;

export async function decrementReserved(tx: SqlTx, levelId: string, quantity: number): Promise<void> {
  const updated = await tx.$executeRaw`
    UPDATE "InventoryLevel" SET reserved = reserved - ${quantity}, "updatedAt" = timezone('UTC', now())
    WHERE id = ${levelId} AND reserved >= ${quantity}`;
  if (updated !== 1) {
    throw new InventoryInvariantError(`level ${levelId} holds fewer reserved units than a reservation of ${quantity}`);
  }
}

/** ACTIVE -> RELEASED and its units back to available; false when another actor moved it first. */
export async function releaseOne(
  tx: SqlTx,
  reservation: Pick<HeldReservation, "id" | "levelId" | "quantity">,
): Promise<boolean> {
  const moved = await tx.$executeRaw`
    UPDATE "Reservation" SET status = 'RELEASED', "updatedAt" = timezone('UTC', now())
    WHERE id = ${reservation.id} AND status = 'ACTIVE'`;
  if (moved !== 1) return false;
  await decrementReserved(tx, reservation.levelId, reservation.quantity);
  return true;
}

/** Releases the variants' ACTIVE reservations that have expired, so unswept ones never block a sale. */
export async function releaseExpiredForVariants(tx: SqlTx, variantIds: readonly string[], now: Date): Promise<number> {
  if (variantIds.length === 0) return 0;
  const expired = await tx.$queryRaw<Pick<HeldReservation, "id" | "levelId" | "quantity">[]>`
    SELECT r.id, l.id AS "levelId", r.quantity
    FROM "Reservation" r
    JOIN "InventoryLevel" l ON l."variantId" = r."variantId" AND l."locationId" = r."locationId"
    WHERE r."variantId" IN (${Prisma.join(variantIds)}) AND r.status = 'ACTIVE' AND r."expiresAt" <= ${now}
    ORDER BY l.id, r.id`;
  let released = 0;
  for (const reservation of expired) if (await releaseOne(tx, reservation)) released++;
  return released;
}

export async function orderReservations(tx: SqlTx, orderId: string): Promise<HeldReservation[]> {
  return tx.$queryRaw<HeldReservation[]>`
    SELECT r.id, r."orderLineId", r."variantId", r."locationId", l.id AS "levelId", r.quantity, r.status::text AS status
    FROM "Reservation" r
    JOIN "InventoryLevel" l ON l."variantId" = r."variantId" AND l."locationId" = r."locationId"
    WHERE r."orderId" = ${orderId}
    ORDER BY l.id, r.id`;
}

// ---------------------------------------------------------------------------------------------
// Search sync and back-in-stock alerts: a product's search document says whether it can be bought, so a
// variant whose availability crosses zero queues the product's reindex in the same transaction (outbox),
// and one that crosses it upwards notifies its waiting subscribers there too (./back-in-stock.ts).

/** `down`: the change took `quantity` units (crossed if none is left); `up`: it gave them back (crossed if
 *  that is all there is now). Counted at active locations only, as the storefront does. One small query,
 *  and outbox rows only when a crossing happened. `reindex: false` when the caller queues the products'
 *  documents itself (the alerts are still sent from here). */
export async function queueStockCrossings(
  tx: Tx,
  changes: readonly { variantId: string; quantity: number }[],
  direction: "down" | "up",
  options: { reindex?: boolean } = {},
) {
  const perVariant = new Map<string, number>();
  for (const change of changes)
    perVariant.set(change.variantId, (perVariant.get(change.variantId) ?? 0) + change.quantity);
  if (perVariant.size === 0) return;
  const rows = await tx.$queryRaw<{ variantId: string; productId: string; available: number }[]>`
    SELECT v.id AS "variantId", v."productId", COALESCE(SUM(l."onHand" - l.reserved) FILTER (WHERE loc.active), 0)::int AS available
    FROM "Variant" v LEFT JOIN "InventoryLevel" l ON l."variantId" = v.id LEFT JOIN "Location" loc ON loc.id = l."locationId"
    WHERE v.id IN (${Prisma.join([...perVariant.keys()])})
    GROUP BY v.id`;
  const crossed = rows.filter((row) => {
    const quantity = perVariant.get(row.variantId) ?? 0;
    return direction === "down" ? row.available <= 0 : row.available > 0 && row.available - quantity <= 0;
  });
  if (crossed.length === 0) return;
  if (options.reindex !== false)
    await enqueueProductsReindex(
      tx,
      crossed.map((row) => row.productId),
    );
  if (direction === "up")
    await notifyBackInStock(
      tx,
      crossed.map((row) => row.variantId),
    );
}

/**
 * The caller's own writes (data-modifying CTEs, "name AS (...)" joined by commas) to run in the same
 * statement as a guarded stock update, and the result columns that read them: the caller's writes then
 * cost no round trip of their own inside its transaction. The columns come first in the statement's
 * select list, and PostgreSQL runs a data-modifying CTE when its output is first read, so every CTE the
 * columns read runs before the inventory update and does not lengthen the time the hot inventory rows
 * stay locked. The text must not depend on data (the statement is prepared).
 */
export interface AlongsideWrites {
  ctes: Prisma.Sql;
  columns: Prisma.Sql;
}
