// Putting a paid order's stock back on sale when the order is cancelled before it shipped. markOrderPaid
// committed its reservations (onHand and reserved went down, SALE adjustments); this is the reverse, to
// the very locations the units were taken from:
//   - the order's COMMITTED reservations move to RELEASED through `WHERE status = 'COMMITTED'`, so the
//     units are given back exactly once however often this runs;
//   - each location's onHand goes up by what was taken there (an increment cannot break a stock
//     constraint; the row count of the upsert is checked);
//   - a RETURN adjustment per location records who and why, and a variant whose availability crosses
//     zero queues its product's search document (outbox), in the same transaction.
import type { Tx } from "@/lib/checkout/transaction";
import { InventoryInvariantError } from "@/lib/inventory/stock-errors";
import { queueStockCrossings } from "@/lib/inventory/stock-updates";
import { newId } from "@/lib/ids";

export interface ReturnedStock {
  variantId: string;
  locationId: string;
  quantity: number;
}

export async function returnCommittedStock(
  tx: Tx,
  order: { id: string; number: number },
  actorId: string | null,
  now: Date,
): Promise<ReturnedStock[]> {
  const returned = await tx.$queryRaw<ReturnedStock[]>`
    WITH moved AS (
      UPDATE "Reservation" SET status = 'RELEASED', "updatedAt" = ${now}
      WHERE "orderId" = ${order.id} AND status = 'COMMITTED'
      RETURNING "variantId", "locationId", quantity
    )
    SELECT "variantId", "locationId", sum(quantity)::int AS quantity
    FROM moved GROUP BY "variantId", "locationId"
    ORDER BY "variantId", "locationId"`;
  for (const entry of returned) {
    // The level row normally exists (the sale came from it); the upsert keeps the units even if an
    // admin removed the row since.
    const updated = await tx.$executeRaw`
      INSERT INTO "InventoryLevel" (id, "variantId", "locationId", "onHand", reserved, "updatedAt")
      VALUES (${newId()}, ${entry.variantId}, ${entry.locationId}, ${entry.quantity}, 0, ${now})
      ON CONFLICT ("variantId", "locationId")
      DO UPDATE SET "onHand" = "InventoryLevel"."onHand" + EXCLUDED."onHand", "updatedAt" = EXCLUDED."updatedAt"`;
    if (updated !== 1)
      throw new InventoryInvariantError(
        `could not return ${entry.quantity} units of ${entry.variantId} to ${entry.locationId}`,
      );
  }
  if (returned.length > 0) {
    await tx.inventoryAdjustment.createMany({
      data: returned.map((entry) => ({
        variantId: entry.variantId,
        locationId: entry.locationId,
        delta: entry.quantity,
        reason: "RETURN" as const,
        note: `Order #${order.number} cancelled before shipping`,
        actorId,
        orderId: order.id,
        createdAt: now,
      })),
    });
    await queueStockCrossings(tx, returned, "up");
  }
  return returned;
}
