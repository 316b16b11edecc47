// Stock reservations. lib/inventory is the only code that changes InventoryLevel.onHand and .reserved;
// these modules hold an order's stock from checkout to payment:
//   ./reservations.ts  reserveStock: checkout reserves every line (this file)
//   ./release.ts       payment failed, order cancelled or reservation expired: units back to available
//   ./commit.ts        the order is paid: its reservations become sales (PAID)
//   ./paid-stock.ts    paid units leave stock, many payments' at once (PAID -> COMMITTED)
//   ./allocation.ts    where each line's units come from (pure planning)
//   ./stock-updates.ts the reads and single guarded updates they share
//
// Every change is a guarded conditional UPDATE whose row count is checked, run inside the caller's
// transaction, so stock can never go negative nor be promised twice, whatever runs concurrently:
//   reserve  SET reserved = reserved + q              WHERE id = $1 AND "onHand" - reserved >= q
//   release  SET reserved = reserved - q              WHERE id = $1 AND reserved >= q
//   apply    SET "onHand" = "onHand" - Σq, reserved = reserved - Σq   WHERE id = $1 AND reserved >= Σq
//            (Σq: a level's paid reservations of the batch; the payment itself locks no level)
//   sell a released reservation again
//            SET "onHand" = "onHand" - q              WHERE id = $1 AND "onHand" - reserved >= q
// Plans are made from a plain read; a guarded update that then finds less stock (another checkout got
// there first) re-plans only what is missing from a fresh read. Updates within a pass run in level id
// order so concurrent multi-line checkouts lock rows in the same order (a rare deadlock elsewhere is
// retried whole by runTransaction).
//
// Throughput: a hot variant's inventory row is locked from its guarded UPDATE until COMMIT, and every
// round trip costs both processes CPU, so the guarded update shares its statement with the write that
// must follow it (the reservation row; for an apply, the status changes and SALE adjustments via
// data-modifying CTEs), callers may pass levels/holdings they read in their own first query, and callers
// may add their own writes to that statement (AlongsideWrites: checkout's order insert, payment's writes).
// A payment locks no level at all: the hot row is taken once per order at checkout, and once per batch of
// payments by the apply (./paid-stock.ts).
//
// A reservation's status moves ACTIVE -> PAID (the payment) -> COMMITTED (its units applied), or ACTIVE ->
// RELEASED (expired, failed, cancelled), each move through `WHERE status = '<from>'`, so exactly one actor
// moves its units. A PAID reservation's units still count in reserved, so availability is unchanged until
// the apply; the expiry sweep releases ACTIVE ones only.
import { Prisma } from "@/lib/generated/prisma/client";
import type { SqlTx, Tx } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { COMMIT_IN_STATEMENT, CommitInStatementUnavailable, statementGuard } from "@/lib/db/commit-in-statement";
import { enqueueProductsReindex } from "@/lib/outbox/search-reindex";
import { planAllocation, type StockNeed } from "./allocation";
import { OutOfStockError } from "./stock-errors";
import {
  MAX_PLANNING_PASSES,
  byLevelId,
  readLevels,
  releaseExpiredForVariants,
  type AlongsideWrites,
  type StockLevelRead,
} from "./stock-updates";

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
  /**
   * Commit the caller's transaction in the last reservation's statement (lib/db/commit-in-statement.ts),
   * with `guard` (a boolean SQL expression of the caller's own checks) checked there too. Covers a plan made
   * in one pass from levels with nothing expired, where no variant sells out; anything else throws
   * CommitInStatementUnavailable (or fails the guard) with nothing committed, and the caller runs its
   * transaction again without this.
   */
  commitWith?: { guard: Prisma.Sql };
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

/**
 * Reserves every line or throws OutOfStockError listing each short line (the caller's transaction then
 * rolls back, so nothing is written). Must run inside a transaction.
 */
export async function reserveStock(tx: SqlTx, input: ReserveStockInput): Promise<ReserveResult> {
  const now = input.now ?? new Date();
  for (const line of input.lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new RangeError(`reservation quantity must be a positive integer, got ${line.quantity}`);
    }
  }
  const variantIds = [...new Set(input.lines.map((line) => line.variantId))];
  let levels = input.levels ? [...input.levels] : await readLevels(tx, variantIds, now);
  const commitWith = input.commitWith;
  const fallBack = (reason: string) => {
    if (commitWith) throw new CommitInStatementUnavailable(reason);
  };
  if (levels.some((level) => level.hasExpired)) {
    fallBack("expired reservations to release first");
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
    if (pass > 1) {
      fallBack("a guarded update missed its plan");
      levels = await readLevels(tx, variantIds, now);
    }
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
    const allocations = [...plan.allocations].sort(byLevelId);
    for (const [position, allocation] of allocations.entries()) {
      const line = input.lines[allocation.index] as ReserveLine;
      const commitHere = commitWith && position === allocations.length - 1;
      // The guarded update, the reservation row and the variant's availability afterwards in one
      // statement: the INSERT only happens when the UPDATE matched, so a non-null "variantAvailable" is
      // the guarded update's row count, and the hot inventory row stays locked for no further round trip
      // (the search crossing check reads the availability from here instead of querying again). Only
      // subqueries in the select list, so the caller's columns (and their writes) run first. Committing
      // here, the guard proves what the code below would check: the update matched, the variant is not
      // sold out (that would queue its search update), and the caller's own checks.
      const alongside: AlongsideWrites | undefined = alongsideRow === null ? input.alongside : undefined;
      const [row]: ReserveRow[] = await tx.$queryRaw<
        ReserveRow[]
      >`/* prepared */ ${commitHere ? Prisma.raw(COMMIT_IN_STATEMENT) : Prisma.empty}
        WITH ${alongside ? Prisma.sql`${alongside.ctes},` : Prisma.empty} taken AS (
          UPDATE "InventoryLevel" SET reserved = reserved + ${allocation.quantity}, "updatedAt" = ${now}
          WHERE id = ${allocation.levelId} AND "onHand" - reserved >= ${allocation.quantity}
          RETURNING id, "variantId", "locationId", "onHand" - reserved AS available
        ), reservation AS (
          INSERT INTO "Reservation" (id, "orderId", "orderLineId", "variantId", "locationId", quantity, status, "expiresAt", "createdAt", "updatedAt")
          SELECT ${newId()}::text, ${input.orderId}::text, ${line.orderLineId}::text, "variantId", "locationId",
                 ${allocation.quantity}::int, 'ACTIVE'::"ReservationStatus", ${input.expiresAt}::timestamp, ${now}::timestamp, ${now}::timestamp
          FROM taken
        ), available_after AS (
          SELECT (t.available + coalesce((
                   SELECT sum(l."onHand" - l.reserved) FROM "InventoryLevel" l JOIN "Location" loc ON loc.id = l."locationId" AND loc.active
                   WHERE l."variantId" = t."variantId" AND l.id <> t.id
                 ), 0))::int AS "variantAvailable", v."productId"
          FROM taken t JOIN "Variant" v ON v.id = t."variantId"
        )
        SELECT ${alongside ? Prisma.sql`${alongside.columns},` : Prisma.empty}
               (SELECT "variantAvailable" FROM available_after) AS "variantAvailable",
               (SELECT "productId" FROM available_after) AS "productId"
               ${commitHere ? Prisma.sql`, ${statementGuard(Prisma.sql`(SELECT "variantAvailable" > 0 FROM available_after) AND ${commitWith.guard}`, "reservation")}` : Prisma.empty}`;
      if (!row) throw new Error("reservation statement returned no row");
      if (!commitHere && (row.variantAvailable === null || row.variantAvailable <= 0))
        fallBack("a guarded update missed, or sold the variant out");
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

/**
 * Moves the expiry of the order's ACTIVE reservations (Stripe's Checkout Session cannot expire sooner
 * than 30 minutes, so a payment started there keeps its stock as long as the shopper can pay). Only the
 * time moves: reserved counts are untouched, and the sweep and availability reads honour the new time.
 */
export async function extendReservations(tx: Tx, orderId: string, expiresAt: Date): Promise<number> {
  const moved = await tx.reservation.updateMany({ where: { orderId, status: "ACTIVE" }, data: { expiresAt } });
  return moved.count;
}
