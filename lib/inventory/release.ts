// Giving reserved units back to available: at once for one order (its payment failed or it was cancelled
// unpaid), or by the background sweep for reservations that expired. Each reservation moves ACTIVE ->
// RELEASED through `WHERE status = 'ACTIVE'` before its level's guarded decrement, so its units are
// released exactly once whoever gets there first (see ./reservations.ts for the rules).
import type { Db } from "@/lib/db";
import type { Tx } from "@/lib/db/transaction";
import { decrementReserved, orderReservations, queueStockCrossings, releaseOne } from "./stock-updates";

/** Releases the order's ACTIVE reservations at once (payment failed or cancelled). Idempotent. */
export async function releaseReservations(tx: Tx, orderId: string): Promise<{ released: number; units: number }> {
  let released = 0;
  let units = 0;
  const givenBack: { variantId: string; quantity: number }[] = [];
  for (const reservation of await orderReservations(tx, orderId)) {
    if (reservation.status !== "ACTIVE") continue;
    if (await releaseOne(tx, reservation)) {
      released++;
      units += reservation.quantity;
      givenBack.push(reservation);
    }
  }
  await queueStockCrossings(tx, givenBack, "up");
  return { released, units };
}

/**
 * The background sweep: releases ACTIVE reservations expired at `now`, in small transactions of
 * `batchSize`, at most `limit` in one call. SKIP LOCKED lets it run beside checkouts and other sweeps;
 * each reservation is released exactly once. Returns how many it released.
 */
export async function releaseExpiredReservations(
  db: Db,
  now: Date = new Date(),
  options: { limit?: number; batchSize?: number } = {},
): Promise<number> {
  const limit = options.limit ?? 1000;
  const batchSize = Math.min(options.batchSize ?? 100, limit);
  let total = 0;
  while (total < limit) {
    const take = Math.min(batchSize, limit - total);
    const released = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ levelId: string; variantId: string; quantity: number }[]>`
        WITH expired AS (
          SELECT id FROM "Reservation"
          WHERE status = 'ACTIVE' AND "expiresAt" <= ${now}
          ORDER BY "expiresAt"
          LIMIT ${take}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE "Reservation" r SET status = 'RELEASED', "updatedAt" = timezone('UTC', now())
        FROM expired e, "InventoryLevel" l
        WHERE r.id = e.id AND l."variantId" = r."variantId" AND l."locationId" = r."locationId"
        RETURNING l.id AS "levelId", r."variantId", r.quantity`;
      const perLevel = new Map<string, number>();
      for (const row of rows) perLevel.set(row.levelId, (perLevel.get(row.levelId) ?? 0) + row.quantity);
      for (const [levelId, quantity] of [...perLevel].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        await decrementReserved(tx, levelId, quantity);
      }
      await queueStockCrossings(tx, rows, "up");
      return rows.length;
    });
    total += released;
    if (released < take) break;
  }
  return total;
}
