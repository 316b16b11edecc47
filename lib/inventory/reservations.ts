// Stock reservations: the only code that changes InventoryLevel.reserved (and onHand for sales).
//
// Every change is a guarded conditional UPDATE whose row count is checked, run inside the caller's
// transaction, so stock can never go negative nor be promised twice, whatever runs concurrently:
//   reserve  SET reserved = reserved + q              WHERE id = $1 AND "onHand" - reserved >= q
//   release  SET reserved = reserved - q              WHERE id = $1 AND reserved >= q
//   commit   SET "onHand" = "onHand" - q, reserved = reserved - q   WHERE id = $1 AND reserved >= q
//   sell a released reservation again
//            SET "onHand" = "onHand" - q              WHERE id = $1 AND "onHand" - reserved >= q
// Plans are made from a plain read; a guarded update that then finds less stock (another checkout got
// there first) re-plans only what is missing from a fresh read. Updates within a pass run in level id
// order so concurrent multi-line checkouts lock rows in the same order (a rare deadlock elsewhere is
// retried whole by runTransaction).
//
// Throughput: a hot variant's inventory row is locked from its guarded UPDATE until COMMIT, and every
// round trip costs both processes CPU, so the guarded update shares its statement with the write that
// must follow it (the reservation row; for a sale, the status change and SALE adjustment via
// data-modifying CTEs), callers may pass levels/holdings they read in their own first query, and callers
// may add their own writes to that statement (AlongsideWrites: checkout's order insert, payment's writes).
//
// A reservation's status moves ACTIVE -> COMMITTED (paid) or ACTIVE -> RELEASED (expired, failed,
// cancelled), always through `WHERE status = 'ACTIVE'`, so exactly one actor moves its units.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";
import type { Tx } from "@/lib/checkout/transaction";
import { newId } from "@/lib/ids";
import { enqueueProductsReindex } from "@/lib/search/topics";

export interface ShortLine {
  variantId: string;
  orderLineId?: string;
  requested: number;
  /** Units that could have been had right now (0 = sold out). */
  available: number;
  /** Filled in by checkout, which knows the product names. */
  title?: string;
}

function shortLineMessage(line: ShortLine): string {
  const name = line.title ? `“${line.title}”` : "An item in your cart";
  if (line.available <= 0) return `${name} is sold out.`;
  return `Only ${line.available} of ${name} ${line.available === 1 ? "is" : "are"} available (you asked for ${line.requested}).`;
}

/** Some lines cannot be fully reserved. Thrown inside the transaction so nothing is written. */
export class OutOfStockError extends UserError {
  readonly lines: readonly ShortLine[];

  constructor(lines: readonly ShortLine[]) {
    super("out_of_stock", lines.map(shortLineMessage).join(" "), { lines });
    this.name = "OutOfStockError";
    this.lines = lines;
  }
}

/** The stock counters disagree with the reservations: a bug or a manual edit, never a shopper's problem. */
export class InventoryInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InventoryInvariantError";
  }
}

// ---------------------------------------------------------------------------------------------
// Allocation planning (pure)

export interface StockLevel {
  levelId: string;
  variantId: string;
  locationId: string;
  /** onHand - reserved, as last read. */
  available: number;
}

export interface StockNeed {
  /** Position of the line in the caller's list. */
  index: number;
  variantId: string;
  quantity: number;
}

export interface PlannedAllocation {
  index: number;
  levelId: string;
  variantId: string;
  locationId: string;
  quantity: number;
}

export interface AllocationPlan {
  allocations: PlannedAllocation[];
  short: { index: number; variantId: string; requested: number; available: number }[];
}

/**
 * Where to take each line from. `levels` must be in location priority order (best first). Preference:
 * 1. one location holding every line (one parcel);
 * 2. otherwise each line from the first location that holds all of it;
 * 3. otherwise the line split across locations in priority order.
 */
export function planAllocation(needs: readonly StockNeed[], levels: readonly StockLevel[]): AllocationPlan {
  const locations = [...new Set(levels.map((level) => level.locationId))];
  const levelAt = (variantId: string, locationId: string) =>
    levels.find((level) => level.variantId === variantId && level.locationId === locationId);

  for (const locationId of locations) {
    const left = new Map<string, number>();
    const fits = needs.every((need) => {
      const level = levelAt(need.variantId, locationId);
      if (!level) return false;
      const available = left.get(level.levelId) ?? level.available;
      left.set(level.levelId, available - need.quantity);
      return available >= need.quantity;
    });
    if (fits) {
      return {
        allocations: needs.map((need) => {
          const level = levelAt(need.variantId, locationId) as StockLevel;
          return {
            index: need.index,
            levelId: level.levelId,
            variantId: need.variantId,
            locationId,
            quantity: need.quantity,
          };
        }),
        short: [],
      };
    }
  }

  const left = new Map(levels.map((level) => [level.levelId, Math.max(0, level.available)]));
  const plan: AllocationPlan = { allocations: [], short: [] };
  for (const need of needs) {
    const options = levels.filter((level) => level.variantId === need.variantId);
    const total = options.reduce((sum, level) => sum + (left.get(level.levelId) ?? 0), 0);
    if (total < need.quantity) {
      plan.short.push({ index: need.index, variantId: need.variantId, requested: need.quantity, available: total });
      continue;
    }
    const whole = options.find((level) => (left.get(level.levelId) ?? 0) >= need.quantity);
    const take = (level: StockLevel, quantity: number) => {
      left.set(level.levelId, (left.get(level.levelId) ?? 0) - quantity);
      plan.allocations.push({
        index: need.index,
        levelId: level.levelId,
        variantId: need.variantId,
        locationId: level.locationId,
        quantity,
      });
    };
    if (whole) {
      take(whole, need.quantity);
      continue;
    }
    let missing = need.quantity;
    for (const level of options) {
      const quantity = Math.min(missing, left.get(level.levelId) ?? 0);
      if (quantity > 0) take(level, quantity);
      missing -= quantity;
      if (missing === 0) break;
    }
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Reads and single guarded updates

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

async function readLevels(tx: Tx, variantIds: readonly string[], now: Date): Promise<StockLevelRead[]> {
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
  status: "ACTIVE" | "COMMITTED" | "RELEASED";
}

const byLevelId = (a: { levelId: string }, b: { levelId: string }) =>
  a.levelId < b.levelId ? -1 : a.levelId > b.levelId ? 1 : 0;

async function decrementReserved(tx: Tx, levelId: string, quantity: number): Promise<void> {
  const updated = await tx.$executeRaw`
    UPDATE "InventoryLevel" SET reserved = reserved - ${quantity}, "updatedAt" = timezone('UTC', now())
    WHERE id = ${levelId} AND reserved >= ${quantity}`;
  if (updated !== 1) {
    throw new InventoryInvariantError(`level ${levelId} holds fewer reserved units than a reservation of ${quantity}`);
  }
}

/** ACTIVE -> RELEASED and its units back to available; false when another actor moved it first. */
async function releaseOne(tx: Tx, reservation: Pick<HeldReservation, "id" | "levelId" | "quantity">): Promise<boolean> {
  const moved = await tx.$executeRaw`
    UPDATE "Reservation" SET status = 'RELEASED', "updatedAt" = timezone('UTC', now())
    WHERE id = ${reservation.id} AND status = 'ACTIVE'`;
  if (moved !== 1) return false;
  await decrementReserved(tx, reservation.levelId, reservation.quantity);
  return true;
}

/** Releases the variants' ACTIVE reservations that have expired, so unswept ones never block a sale. */
export async function releaseExpiredForVariants(tx: Tx, variantIds: readonly string[], now: Date): Promise<number> {
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

async function orderReservations(tx: Tx, orderId: string): Promise<HeldReservation[]> {
  return tx.$queryRaw<HeldReservation[]>`
    SELECT r.id, r."orderLineId", r."variantId", r."locationId", l.id AS "levelId", r.quantity, r.status::text AS status
    FROM "Reservation" r
    JOIN "InventoryLevel" l ON l."variantId" = r."variantId" AND l."locationId" = r."locationId"
    WHERE r."orderId" = ${orderId}
    ORDER BY l.id, r.id`;
}

// ---------------------------------------------------------------------------------------------
// Search sync: a product's search document says whether it can be bought, so a variant whose
// availability crosses zero queues the product's reindex in the same transaction (outbox).

/** `down`: the change took `quantity` units (crossed if none is left); `up`: it gave them back (crossed if
 *  that is all there is now). Counted at active locations only, as the storefront does. One small query,
 *  and an outbox row only when a crossing happened. */
export async function queueStockCrossings(
  tx: Tx,
  changes: readonly { variantId: string; quantity: number }[],
  direction: "down" | "up",
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
  if (crossed.length > 0)
    await enqueueProductsReindex(
      tx,
      crossed.map((row) => row.productId),
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

// ---------------------------------------------------------------------------------------------
// Reserve

export interface ReserveLine {
  orderLineId: string;
  variantId: string;
  quantity: number;
}

export interface ReserveStockInput {
  orderId: string;
  lines: readonly ReserveLine[];
  expiresAt: Date;
  /** The clock for "expired" (tests pass their own). */
  now?: Date;
  /** The lines' stock levels if the caller already read them in this transaction (stockLevelsJson). */
  levels?: readonly StockLevelRead[];
  /** Writes to run in the first guarded update's statement (checkout inserts the order there). */
  alongside?: AlongsideWrites;
}

/** One guarded reservation's statement result: nulls when its guard did not match. */
type ReserveRow = { variantAvailable: number | null; productId: string | null } & Record<string, unknown>;

export interface ReserveResult {
  reserved: Reserved[];
  /** The `alongside` columns (null when no statement ran: the plan was short from the start). */
  alongside: Record<string, unknown> | null;
}

export interface Reserved {
  orderLineId: string;
  variantId: string;
  locationId: string;
  quantity: number;
}

// Each pass re-plans only what a lost race left missing; this bounds pathological contention.
const MAX_PLANNING_PASSES = 8;

/**
 * Reserves every line or throws OutOfStockError listing each short line (the caller's transaction then
 * rolls back, so nothing is written). Must run inside a transaction.
 */
export async function reserveStock(tx: Tx, input: ReserveStockInput): Promise<ReserveResult> {
  const now = input.now ?? new Date();
  for (const line of input.lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new RangeError(`reservation quantity must be a positive integer, got ${line.quantity}`);
    }
  }
  const variantIds = [...new Set(input.lines.map((line) => line.variantId))];
  let levels = input.levels ? [...input.levels] : await readLevels(tx, variantIds, now);
  if (levels.some((level) => level.hasExpired)) {
    await releaseExpiredForVariants(tx, variantIds, now);
    levels = await readLevels(tx, variantIds, now);
  }

  const reserved: Reserved[] = [];
  const gotForLine = (index: number) =>
    reserved.reduce((sum, entry, i) => (reservedIndex[i] === index ? sum + entry.quantity : sum), 0);
  const reservedIndex: number[] = [];
  const availableAfter = new Map<string, { variantAvailable: number; productId: string }>();
  let alongsideRow: Record<string, unknown> | null = null;
  let needs: StockNeed[] = input.lines.map((line, index) => ({
    index,
    variantId: line.variantId,
    quantity: line.quantity,
  }));

  for (let pass = 1; needs.length > 0; pass++) {
    if (pass > 1) levels = await readLevels(tx, variantIds, now);
    const plan = planAllocation(needs, levels);
    if (plan.short.length > 0 || pass > MAX_PLANNING_PASSES) {
      const short =
        plan.short.length > 0 ? plan.short : needs.map((need) => ({ ...need, requested: need.quantity, available: 0 }));
      throw new OutOfStockError(
        short.map((entry) => {
          const line = input.lines[entry.index] as ReserveLine;
          return {
            variantId: line.variantId,
            orderLineId: line.orderLineId,
            requested: line.quantity,
            available: entry.available + gotForLine(entry.index),
          };
        }),
      );
    }
    const missed = new Map<number, number>();
    for (const allocation of [...plan.allocations].sort(byLevelId)) {
      const line = input.lines[allocation.index] as ReserveLine;
      // The guarded update, the reservation row and the variant's availability afterwards in one
      // statement: the INSERT only happens when the UPDATE matched, so a non-null "variantAvailable" is
      // the guarded update's row count, and the hot inventory row stays locked for no further round trip
      // (the search crossing check reads the availability from here instead of querying again). Only
      // subqueries in the select list, so the caller's columns (and their writes) run first.
      const alongside: AlongsideWrites | undefined = alongsideRow === null ? input.alongside : undefined;
      const [row]: ReserveRow[] = await tx.$queryRaw<ReserveRow[]>`/* prepared */
        WITH ${alongside ? Prisma.sql`${alongside.ctes},` : Prisma.empty} taken AS (
          UPDATE "InventoryLevel" SET reserved = reserved + ${allocation.quantity}, "updatedAt" = ${now}
          WHERE id = ${allocation.levelId} AND "onHand" - reserved >= ${allocation.quantity}
          RETURNING id, "variantId", "locationId", "onHand" - reserved AS available
        ), reservation AS (
          INSERT INTO "Reservation" (id, "orderId", "orderLineId", "variantId", "locationId", quantity, status, "expiresAt", "createdAt", "updatedAt")
          SELECT ${newId()}::text, ${input.orderId}::text, ${line.orderLineId}::text, "variantId", "locationId",
                 ${allocation.quantity}::int, 'ACTIVE'::"ReservationStatus", ${input.expiresAt}::timestamp, ${now}::timestamp, ${now}::timestamp
          FROM taken
        )
        SELECT ${alongside ? Prisma.sql`${alongside.columns},` : Prisma.empty}
               (SELECT (t.available + coalesce((
                  SELECT sum(l."onHand" - l.reserved) FROM "InventoryLevel" l JOIN "Location" loc ON loc.id = l."locationId" AND loc.active
                  WHERE l."variantId" = t."variantId" AND l.id <> t.id
                ), 0))::int FROM taken t) AS "variantAvailable",
               (SELECT v."productId" FROM taken t JOIN "Variant" v ON v.id = t."variantId") AS "productId"`;
      if (!row) throw new Error("reservation statement returned no row");
      if (alongside) alongsideRow = row;
      if (row.variantAvailable !== null && row.productId !== null) {
        reserved.push({
          orderLineId: line.orderLineId,
          variantId: allocation.variantId,
          locationId: allocation.locationId,
          quantity: allocation.quantity,
        });
        reservedIndex.push(allocation.index);
        // The last statement for a variant saw its earlier ones: its figure is the one that counts.
        availableAfter.set(allocation.variantId, { variantAvailable: row.variantAvailable, productId: row.productId });
      } else {
        missed.set(allocation.index, (missed.get(allocation.index) ?? 0) + allocation.quantity);
      }
    }
    needs = [...missed].map(([index, quantity]) => ({
      index,
      variantId: (input.lines[index] as ReserveLine).variantId,
      quantity,
    }));
  }
  // A variant that has nothing left to sell changes its search document ("in stock"): queue it.
  const soldOut = [...availableAfter.values()].filter((entry) => entry.variantAvailable <= 0);
  if (soldOut.length > 0)
    await enqueueProductsReindex(
      tx,
      soldOut.map((entry) => entry.productId),
    );
  return { reserved, alongside: alongsideRow };
}

// ---------------------------------------------------------------------------------------------
// Release

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

// ---------------------------------------------------------------------------------------------
// Commit (the order is paid)

export interface NotHonouredLine {
  orderLineId: string;
  variantId: string | null;
  requested: number;
  available: number;
}

/** An order's lines and reservations, as commitReservations needs them. */
export interface OrderHoldings {
  lines: { id: string; variantId: string | null; quantity: number }[];
  reservations: HeldReservation[];
}

/**
 * Two JSON columns, "heldLines" and "heldReservations", for the order whose id is `orderId`: a caller
 * that locks the order can read them in the same round trip and pass them to commitReservations.
 */
export function orderHoldingsJson(orderId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    coalesce((SELECT json_agg(json_build_object('id', ol.id, 'variantId', ol."variantId", 'quantity', ol.quantity) ORDER BY ol.id)
              FROM "OrderLine" ol WHERE ol."orderId" = ${orderId}), '[]'::json) AS "heldLines",
    coalesce((SELECT json_agg(json_build_object(
                'id', r.id, 'orderLineId', r."orderLineId", 'variantId', r."variantId", 'locationId', r."locationId",
                'levelId', l.id, 'quantity', r.quantity, 'status', r.status) ORDER BY l.id, r.id)
              FROM "Reservation" r
              JOIN "InventoryLevel" l ON l."variantId" = r."variantId" AND l."locationId" = r."locationId"
              WHERE r."orderId" = ${orderId}), '[]'::json) AS "heldReservations"`;
}

async function readHoldings(tx: Tx, orderId: string): Promise<OrderHoldings> {
  const [row] = await tx.$queryRaw<{ heldLines: OrderHoldings["lines"]; heldReservations: HeldReservation[] }[]>`
    SELECT ${orderHoldingsJson(Prisma.sql`${orderId}`)}`;
  return { lines: row?.heldLines ?? [], reservations: row?.heldReservations ?? [] };
}

export interface CommitResult {
  /** Units taken out of stock, per location. */
  committed: { variantId: string; locationId: string; quantity: number }[];
  /** Lines whose reservation was released and whose stock is gone: the order cannot be honoured. */
  notHonoured: NotHonouredLine[];
  /** The `alongside` columns, when the caller passed writes to run in the same statement. */
  alongside: Record<string, unknown> | null;
}

/**
 * Turns the order's reservations into sales: onHand and reserved both drop for ACTIVE reservations
 * (expired or not: their units are still held). Lines whose reservation was already RELEASED (expired
 * and swept, or payment failed first) are sold again from free stock if there is enough, at any active
 * location. Lines that cannot be honoured are reported, and then the caller MUST roll back its
 * transaction: this function has already changed other lines. Writes SALE adjustments. Idempotent:
 * a second call finds nothing left to commit.
 */
export async function commitReservations(
  tx: Tx,
  orderId: string,
  now: Date = new Date(),
  holdings?: OrderHoldings,
  alongside?: AlongsideWrites,
): Promise<CommitResult> {
  const { lines, reservations } = holdings ?? (await readHoldings(tx, orderId));
  const committed: CommitResult["committed"] = [];
  const committedPerLine = new Map<string, number>();
  const addCommitted = (orderLineId: string | null, variantId: string, locationId: string, quantity: number) => {
    committed.push({ variantId, locationId, quantity });
    if (orderLineId) committedPerLine.set(orderLineId, (committedPerLine.get(orderLineId) ?? 0) + quantity);
  };
  for (const reservation of reservations) {
    if (reservation.status === "COMMITTED" && reservation.orderLineId) {
      committedPerLine.set(
        reservation.orderLineId,
        (committedPerLine.get(reservation.orderLineId) ?? 0) + reservation.quantity,
      );
    }
  }

  const active = reservations.filter((reservation) => reservation.status === "ACTIVE");
  let alongsideRow: Record<string, unknown> | null = null;
  if (active.length > 0) {
    const levelIds = [...new Set(active.map((reservation) => reservation.levelId))];
    const adjustmentIds = levelIds.map(() => newId());
    // One statement: ACTIVE -> COMMITTED (a reservation the sweep released a moment ago is skipped and
    // handled below as a shortfall), then per level the guarded sale of the reserved units and its SALE
    // adjustment. The counts prove every level matched its guard; otherwise everything rolls back.
    const [result] = await tx.$queryRaw<
      ({ moved: { id: string; quantity: number }[] | null; levels: number; taken: number } & Record<string, unknown>)[]
    >`/* prepared */
      WITH ${alongside ? Prisma.sql`${alongside.ctes},` : Prisma.empty} moved AS (
        UPDATE "Reservation" SET status = 'COMMITTED', "updatedAt" = ${now}
        WHERE id = ANY(${active.map((reservation) => reservation.id)}::text[]) AND status = 'ACTIVE'
        RETURNING id, "variantId", "locationId", quantity
      ), per_level AS (
        SELECT "variantId", "locationId", sum(quantity)::int AS quantity FROM moved GROUP BY "variantId", "locationId"
      ), taken AS (
        UPDATE "InventoryLevel" l
        SET "onHand" = l."onHand" - p.quantity, reserved = l.reserved - p.quantity, "updatedAt" = ${now}
        FROM per_level p
        WHERE l."variantId" = p."variantId" AND l."locationId" = p."locationId" AND l.reserved >= p.quantity
        RETURNING l.id AS "levelId", l."variantId", l."locationId", p.quantity
      ), logged AS (
        INSERT INTO "InventoryAdjustment" (id, "variantId", "locationId", delta, reason, "orderId", "createdAt")
        SELECT ids.id, taken."variantId", taken."locationId", -taken.quantity, 'SALE'::"AdjustmentReason", ${orderId}::text, ${now}::timestamp
        FROM taken JOIN unnest(${levelIds}::text[], ${adjustmentIds}::text[]) AS ids("levelId", id) ON ids."levelId" = taken."levelId"
      )
      SELECT ${alongside ? Prisma.sql`${alongside.columns},` : Prisma.empty}
             (SELECT json_agg(json_build_object('id', id, 'quantity', quantity)) FROM moved) AS moved,
             (SELECT count(*) FROM per_level)::int AS levels,
             (SELECT count(*) FROM taken)::int AS taken`;
    if (!result || result.taken !== result.levels) {
      throw new InventoryInvariantError(`order ${orderId}: a level held fewer reserved units than its reservations`);
    }
    alongsideRow = result;
    const movedIds = new Set((result.moved ?? []).map((entry) => entry.id));
    for (const reservation of active) {
      if (movedIds.has(reservation.id)) {
        addCommitted(reservation.orderLineId, reservation.variantId, reservation.locationId, reservation.quantity);
      }
    }
  } else if (alongside) {
    [alongsideRow = null] = await tx.$queryRaw<
      Record<string, unknown>[]
    >`/* prepared */ WITH ${alongside.ctes} SELECT ${alongside.columns}`;
  }

  const notHonoured: NotHonouredLine[] = [];
  const shortfalls = lines
    .map((line) => ({ line, missing: line.quantity - (committedPerLine.get(line.id) ?? 0) }))
    .filter((entry) => entry.missing > 0);
  const resold: { orderLineId: string; variantId: string; locationId: string; quantity: number }[] = [];
  for (const { line, missing } of shortfalls) {
    if (!line.variantId) {
      notHonoured.push({ orderLineId: line.id, variantId: null, requested: missing, available: 0 });
      continue;
    }
    const variantId = line.variantId;
    let left = missing;
    for (let pass = 1; left > 0 && pass <= MAX_PLANNING_PASSES; pass++) {
      const plan = planAllocation([{ index: 0, variantId, quantity: left }], await readLevels(tx, [variantId], now));
      const shortEntry = plan.short[0];
      if (shortEntry) {
        notHonoured.push({
          orderLineId: line.id,
          variantId,
          requested: missing,
          available: shortEntry.available + missing - left,
        });
        left = 0;
        break;
      }
      for (const allocation of [...plan.allocations].sort(byLevelId)) {
        const updated = await tx.$executeRaw`
          UPDATE "InventoryLevel" SET "onHand" = "onHand" - ${allocation.quantity}, "updatedAt" = timezone('UTC', now())
          WHERE id = ${allocation.levelId} AND "onHand" - reserved >= ${allocation.quantity}`;
        if (updated !== 1) continue;
        left -= allocation.quantity;
        resold.push({
          orderLineId: line.id,
          variantId,
          locationId: allocation.locationId,
          quantity: allocation.quantity,
        });
        addCommitted(line.id, variantId, allocation.locationId, allocation.quantity);
      }
    }
    if (left > 0) notHonoured.push({ orderLineId: line.id, variantId, requested: missing, available: missing - left });
  }
  if (notHonoured.length > 0) return { committed, notHonoured, alongside: alongsideRow };

  if (resold.length > 0) {
    await queueStockCrossings(tx, resold, "down");
    await tx.reservation.createMany({
      data: resold.map((entry) => ({ ...entry, orderId, status: "COMMITTED" as const, expiresAt: now })),
    });
    await tx.inventoryAdjustment.createMany({
      data: resold.map((entry) => ({
        variantId: entry.variantId,
        locationId: entry.locationId,
        delta: -entry.quantity,
        reason: "SALE" as const,
        orderId,
      })),
    });
  }
  return { committed, notHonoured, alongside: alongsideRow };
}
