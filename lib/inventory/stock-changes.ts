// Changes to on-hand stock that are not an order's reservation: receiving units (a delivery, a new
// variant's opening stock), removing them (damage, a correction, a transfer out), returning a cancelled
// order's sold units, and setting counts (a CSV import). With ./reservations.ts, ./release.ts and
// ./commit.ts these are the only writers of InventoryLevel.onHand and .reserved and of Reservation rows
// (tests/unit/inventory-ownership.test.ts keeps it so). Each runs in the caller's transaction as a
// guarded conditional statement whose row count is checked, and writes its InventoryAdjustment rows (the
// stock ledger: how many, why, who):
//   receive  INSERT ... ON CONFLICT DO UPDATE SET "onHand" = "onHand" + q  WHERE "onHand" + q <= MAX_ON_HAND
//   remove   UPDATE ... SET "onHand" = "onHand" - q  WHERE "onHand" - q >= reserved
//   return   the order's PAID reservations applied first (./paid-stock.ts), then Reservation COMMITTED ->
//            RELEASED (WHERE status = 'COMMITTED', so once), then onHand + q
//   set      UPDATE ... SET "onHand" = n  WHERE reserved <= n, rows locked in id order first
// Units promised to shoppers (reserved) are never removed, and a variant whose availability crosses zero
// queues its product's search document (outbox), and on the way up its back-in-stock emails
// (./back-in-stock.ts), in the same transaction.
import type { AdjustmentReason } from "@/lib/generated/prisma/enums";
import { UserError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Tx } from "@/lib/db/transaction";
import { stockCrossedZero, enqueueProductsReindex } from "@/lib/outbox/search-reindex";
import { MAX_ON_HAND } from "./schemas";
import { InventoryInvariantError, StockConflictError } from "./stock-errors";
import { notifyBackInStock } from "./back-in-stock";
import { applyOrderPaidStock } from "./paid-stock";
import { queueStockCrossings, releaseExpiredForVariants } from "./stock-updates";

/**
 * Who queues the search document of a product whose availability a change moved across zero:
 * "if_crossed" (the default) queues it here when that happened; "by_caller" when the caller changes the
 * product too and queues its document in the same transaction anyway (one event instead of two).
 */
export type SearchReindex = "if_crossed" | "by_caller";

export interface LevelRow {
  id: string;
  onHand: number;
  reserved: number;
}

export interface StockLocation {
  id: string;
  name: string;
}

/** Adds units at a location, creating its level row if there is none. */
export async function addUnits(
  tx: Tx,
  variantId: string,
  location: StockLocation,
  quantity: number,
  now: Date,
): Promise<LevelRow> {
  const rows = await tx.$queryRaw<LevelRow[]>`
    INSERT INTO "InventoryLevel" (id, "variantId", "locationId", "onHand", reserved, "updatedAt")
    VALUES (${newId()}, ${variantId}, ${location.id}, ${quantity}::int, 0, ${now}::timestamp)
    ON CONFLICT ("variantId", "locationId") DO UPDATE
      SET "onHand" = "InventoryLevel"."onHand" + ${quantity}::int, "updatedAt" = ${now}::timestamp
      WHERE "InventoryLevel"."onHand"::bigint + ${quantity}::int <= ${MAX_ON_HAND}::int
    RETURNING id, "onHand", reserved`;
  const row = rows[0];
  if (!row) {
    throw new UserError(
      "stock_limit",
      `${location.name} cannot hold more than ${MAX_ON_HAND.toLocaleString("en-US")} units of one variant.`,
    );
  }
  return row;
}

/** The guarded removal: one UPDATE whose WHERE keeps available >= 0; null when it matched no row. */
async function tryRemoveUnits(
  tx: Tx,
  variantId: string,
  locationId: string,
  quantity: number,
  now: Date,
): Promise<LevelRow | null> {
  const rows = await tx.$queryRaw<LevelRow[]>`
    UPDATE "InventoryLevel" SET "onHand" = "onHand" - ${quantity}::int, "updatedAt" = ${now}::timestamp
    WHERE "variantId" = ${variantId} AND "locationId" = ${locationId} AND "onHand" - ${quantity}::int >= reserved
    RETURNING id, "onHand", reserved`;
  return rows[0] ?? null;
}

/** Removes available units at a location, or refuses (UserError insufficient_stock) without writing. */
export async function removeUnits(
  tx: Tx,
  variantId: string,
  location: StockLocation,
  quantity: number,
  now: Date,
): Promise<LevelRow> {
  const removed = await tryRemoveUnits(tx, variantId, location.id, quantity, now);
  if (removed) return removed;
  // Expired reservations still count in `reserved` until the sweep frees them, although the storefront
  // (and the admin list) already count their units as available: free them now and try once more, so
  // what the admin saw as available can be removed.
  if ((await releaseExpiredForVariants(tx, [variantId], now)) > 0) {
    const retried = await tryRemoveUnits(tx, variantId, location.id, quantity, now);
    if (retried) return retried;
  }
  const level = await tx.inventoryLevel.findUnique({
    where: { variantId_locationId: { variantId, locationId: location.id } },
    select: { onHand: true, reserved: true },
  });
  const available = level ? level.onHand - level.reserved : 0;
  const reservedNote = level && level.reserved > 0 ? ` (${level.reserved} reserved for unpaid orders)` : "";
  throw new UserError(
    "insufficient_stock",
    `Only ${available} available at ${location.name}${reservedNote}; reserved units can't be removed.`,
    { available, reserved: level?.reserved ?? 0, requested: quantity },
  );
}

// ---------------------------------------------------------------------------------------------
// Receiving

export interface ReceiveStockInput {
  variantId: string;
  locationId: string;
  /** Positive whole units. */
  quantity: number;
  /** INITIAL for a new variant's opening stock, RECEIVED for a delivery. */
  reason: Extract<AdjustmentReason, "INITIAL" | "RECEIVED">;
  note?: string | null;
  actorId: string | null;
  now?: Date;
  /** "by_caller" when the caller queues the product's search document itself in this transaction. */
  reindex?: SearchReindex;
}

/** Adds units at a location with their ledger row; refused (UserError) for an unknown location or above MAX_ON_HAND. */
export async function receiveStock(tx: Tx, input: ReceiveStockInput): Promise<LevelRow> {
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) {
    throw new RangeError(`received quantity must be a positive integer, got ${input.quantity}`);
  }
  const now = input.now ?? new Date();
  const location = await tx.location.findUnique({
    where: { id: input.locationId },
    select: { id: true, name: true, active: true },
  });
  if (!location) throw new UserError("unknown_location", "That location does not exist.");
  const row = await addUnits(tx, input.variantId, location, input.quantity, now);
  await tx.inventoryAdjustment.create({
    data: {
      variantId: input.variantId,
      locationId: location.id,
      delta: input.quantity,
      reason: input.reason,
      note: input.note ?? null,
      actorId: input.actorId,
      createdAt: now,
    },
  });
  // Units at an inactive location are not for sale, so they cannot make the variant available.
  if (location.active)
    await queueStockCrossings(tx, [{ variantId: input.variantId, quantity: input.quantity }], "up", {
      reindex: input.reindex !== "by_caller",
    });
  return row;
}

// ---------------------------------------------------------------------------------------------
// Returning a cancelled order's sold units

export interface ReturnedStock {
  variantId: string;
  locationId: string;
  quantity: number;
}

/**
 * Puts a paid order's stock back on sale when the order is cancelled before it shipped, to the very
 * locations commitReservations took the units from. A paid reservation whose units the batched apply has
 * not taken out yet is applied first (SALE, then RETURN, as for any other). The order's COMMITTED
 * reservations move to RELEASED
 * through `WHERE status = 'COMMITTED'`, so the units come back exactly once however often this runs;
 * each location's onHand goes up by what was taken there (an increment cannot break a stock constraint;
 * the upsert's row count is checked) with a RETURN adjustment naming the order.
 */
export async function returnOrderStock(
  tx: Tx,
  order: { id: string; number: number },
  actorId: string | null,
  now: Date,
): Promise<ReturnedStock[]> {
  await applyOrderPaidStock(tx, order.id, now);
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

// ---------------------------------------------------------------------------------------------
// Setting counts (a CSV import): many levels in a few set-based statements

export interface StockCount {
  /** The level to set, or null to create it (the variant had no row at this location). */
  levelId: string | null;
  variantId: string;
  locationId: string;
  onHand: number;
  /** INITIAL for a variant created with this count, CORRECTION otherwise. */
  reason: Extract<AdjustmentReason, "INITIAL" | "CORRECTION">;
}

/** Σ available over active locations (clamped at 0) per variant, and its product: what decides "in stock". */
async function availabilityOf(
  tx: Tx,
  variantIds: readonly string[],
): Promise<Map<string, { productId: string; available: number }>> {
  const rows = await tx.$queryRaw<{ variantId: string; productId: string; available: number }[]>`
    SELECT v.id AS "variantId", v."productId",
           GREATEST(0, COALESCE(SUM(l."onHand" - l.reserved) FILTER (WHERE loc.active), 0))::int AS available
    FROM "Variant" v LEFT JOIN "InventoryLevel" l ON l."variantId" = v.id LEFT JOIN "Location" loc ON loc.id = l."locationId"
    WHERE v.id = ANY(${variantIds}::text[])
    GROUP BY v.id`;
  return new Map(rows.map((row) => [row.variantId, { productId: row.productId, available: row.available }]));
}

/**
 * Sets each level's on-hand count, creating the levels that do not exist yet, with one ledger row per
 * level whose count moved, and queues the search document of each product whose variant crossed zero.
 * Throws StockConflictError when a count is below what unpaid orders now hold there, or a level to
 * create exists already (someone changed the stock since the counts were checked): the error rolls the
 * caller's transaction back with everything written here.
 */
export async function setStockLevels(
  tx: Tx,
  counts: readonly StockCount[],
  options: { actorId: string | null; note: string; now: Date; reindex?: SearchReindex },
): Promise<void> {
  if (counts.length === 0) return;
  const reindexHere = options.reindex !== "by_caller";
  const { now } = options;
  const existing = counts.flatMap((count, index) => (count.levelId !== null ? [{ ...count, index }] : []));
  const created = counts.flatMap((count, index) => (count.levelId === null ? [{ ...count, index }] : []));
  const variantIds = [...new Set(counts.map((count) => count.variantId))];
  // Expired reservations still sit in `reserved` until the sweep; free them now (as removeUnits does)
  // before the guard compares against reserved.
  await releaseExpiredForVariants(tx, variantIds, now);
  // Lock first (in id order, like every stock writer, to avoid deadlocks), so `before` is exact.
  const ids = existing.map((count) => count.levelId as string);
  const locked =
    ids.length === 0
      ? []
      : await tx.$queryRaw<{ id: string; onHand: number }[]>`
          SELECT id, "onHand" FROM "InventoryLevel" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
  const before = new Map(locked.map((row) => [row.id, row.onHand]));
  // Read whoever queues the documents: a variant made available again notifies its subscribers from here.
  const availableBefore = await availabilityOf(tx, variantIds);

  if (existing.length > 0) {
    const updated = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "InventoryLevel" l SET "onHand" = u."onHand", "updatedAt" = ${now}::timestamp
      FROM unnest(${ids}::text[], ${existing.map((count) => count.onHand)}::int[]) AS u(id, "onHand")
      WHERE l.id = u.id AND l.reserved <= u."onHand"
      RETURNING l.id`;
    if (updated.length !== existing.length) {
      const done = new Set(updated.map((row) => row.id));
      const refused = existing.find((count) => !done.has(count.levelId as string));
      throw new StockConflictError("reserved_above_count", refused?.index ?? null);
    }
  }
  if (created.length > 0) {
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "InventoryLevel" (id, "variantId", "locationId", "onHand", reserved, "updatedAt")
      SELECT u.id, u."variantId", u."locationId", u."onHand", 0, ${now}::timestamp
      FROM unnest(${created.map(() => newId())}::text[], ${created.map((count) => count.variantId)}::text[],
                  ${created.map((count) => count.locationId)}::text[], ${created.map((count) => count.onHand)}::int[])
        AS u(id, "variantId", "locationId", "onHand")
      ON CONFLICT ("variantId", "locationId") DO NOTHING
      RETURNING id`;
    if (inserted.length !== created.length) throw new StockConflictError("level_exists", null);
  }

  // The stock ledger: one adjustment per level whose count moved, in one statement.
  const moved = counts
    .map((count) => ({
      ...count,
      delta: count.onHand - (count.levelId === null ? 0 : (before.get(count.levelId) ?? 0)),
    }))
    .filter((count) => count.delta !== 0);
  if (moved.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "InventoryAdjustment" (id, "variantId", "locationId", delta, reason, note, "actorId", "createdAt")
      SELECT u.id, u."variantId", u."locationId", u.delta, u.reason::"AdjustmentReason", ${options.note}, ${options.actorId}, ${now}::timestamp
      FROM unnest(${moved.map(() => newId())}::text[], ${moved.map((count) => count.variantId)}::text[],
                  ${moved.map((count) => count.locationId)}::text[], ${moved.map((count) => count.delta)}::int[],
                  ${moved.map((count) => count.reason)}::text[])
        AS u(id, "variantId", "locationId", delta, reason)`;
  }

  const availableAfter = await availabilityOf(tx, variantIds);
  const crossed = variantIds.flatMap((variantId) => {
    const after = availableAfter.get(variantId);
    const wasAvailable = availableBefore.get(variantId)?.available ?? 0;
    return after && stockCrossedZero(wasAvailable, after.available) ? [{ variantId, ...after }] : [];
  });
  if (reindexHere && crossed.length > 0)
    await enqueueProductsReindex(
      tx,
      crossed.map((entry) => entry.productId),
    );
  await notifyBackInStock(
    tx,
    crossed.filter((entry) => entry.available > 0).map((entry) => entry.variantId),
    now,
  );
}
