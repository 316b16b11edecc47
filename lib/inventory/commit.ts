// The order is paid: its reservations become sales. The payment's statement moves them ACTIVE -> PAID
// (callers can add their own writes to it: markOrderPaid's order and payment writes) and does not touch
// the inventory rows; their units leave onHand and reserved in ./paid-stock.ts's guarded apply with SALE
// adjustments, in this transaction (the default) or, for markOrderPaid, in a batched apply right after it
// commits. A reservation released meanwhile is sold again from free stock when there is enough.
// Rules: ./reservations.ts.
import { Prisma } from "@/lib/generated/prisma/client";
import type { SqlTx } from "@/lib/db/transaction";
import { prismaTx } from "@/lib/db/pg-transaction";
import { COMMIT_IN_STATEMENT, CommitInStatementUnavailable, statementGuard } from "@/lib/db/commit-in-statement";
import { planAllocation } from "./allocation";
import { applyOrderPaidStock } from "./paid-stock";
import {
  MAX_PLANNING_PASSES,
  byLevelId,
  queueStockCrossings,
  readLevels,
  type AlongsideWrites,
  type HeldReservation,
} from "./stock-updates";

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

/** Every line's quantity is held by ACTIVE reservations, and nothing else is. */
function heldWhole(lines: OrderHoldings["lines"], reservations: readonly HeldReservation[]): boolean {
  if (reservations.length === 0 || reservations.some((reservation) => reservation.status !== "ACTIVE")) return false;
  const held = new Map<string, number>();
  for (const reservation of reservations) {
    if (!reservation.orderLineId) return false;
    held.set(reservation.orderLineId, (held.get(reservation.orderLineId) ?? 0) + reservation.quantity);
  }
  return lines.every((line) => held.get(line.id) === line.quantity) && held.size === lines.length;
}

async function readHoldings(tx: SqlTx, orderId: string): Promise<OrderHoldings> {
  const [row] = await tx.$queryRaw<{ heldLines: OrderHoldings["lines"]; heldReservations: HeldReservation[] }[]>`
    SELECT ${orderHoldingsJson(Prisma.sql`${orderId}`)}`;
  return { lines: row?.heldLines ?? [], reservations: row?.heldReservations ?? [] };
}

export interface CommitResult {
  /** Units sold, per location (out of stock now, or by the apply after the caller's commit). */
  committed: { variantId: string; locationId: string; quantity: number }[];
  /** Lines whose reservation was released and whose stock is gone: the order cannot be honoured. */
  notHonoured: NotHonouredLine[];
  /** The `alongside` columns, when the caller passed writes to run in the same statement. */
  alongside: Record<string, unknown> | null;
}

/**
 * Turns the order's reservations into sales: ACTIVE reservations (expired or not: their units are still
 * held) become PAID, and their units leave onHand and reserved in this transaction, or with
 * `stock: "after_commit"` in the caller's applyPaidStock/settlePaidStock once it committed (./paid-stock.ts;
 * committing in the statement requires it). Lines whose reservation was already RELEASED (expired
 * and swept, or payment failed first) are sold again from free stock if there is enough, at any active
 * location. Lines that cannot be honoured are reported, and then the caller MUST roll back its
 * transaction: this function has already changed other lines. Writes SALE adjustments. Idempotent:
 * a second call finds nothing left to commit.
 */
export async function commitReservations(
  tx: SqlTx,
  orderId: string,
  now: Date = new Date(),
  holdings?: OrderHoldings,
  alongside?: AlongsideWrites,
  options: { commitInStatement?: boolean; stock?: "in_transaction" | "after_commit" } = {},
): Promise<CommitResult> {
  const { lines, reservations } = holdings ?? (await readHoldings(tx, orderId));
  // Committing the caller's transaction in this statement (lib/db/commit-in-statement.ts) covers an order
  // whose every line is held whole by ACTIVE reservations: nothing is left to sell again afterwards.
  const commitHere = options.commitInStatement === true;
  if (commitHere && !heldWhole(lines, reservations))
    throw new CommitInStatementUnavailable("a reservation was released or committed already");
  if (commitHere && options.stock !== "after_commit")
    throw new Error("a transaction committed in its statement applies its stock after that commit");
  const committed: CommitResult["committed"] = [];
  const committedPerLine = new Map<string, number>();
  const addCommitted = (orderLineId: string | null, variantId: string, locationId: string, quantity: number) => {
    committed.push({ variantId, locationId, quantity });
    if (orderLineId) committedPerLine.set(orderLineId, (committedPerLine.get(orderLineId) ?? 0) + quantity);
  };
  for (const reservation of reservations) {
    if ((reservation.status === "PAID" || reservation.status === "COMMITTED") && reservation.orderLineId) {
      committedPerLine.set(
        reservation.orderLineId,
        (committedPerLine.get(reservation.orderLineId) ?? 0) + reservation.quantity,
      );
    }
  }

  const active = reservations.filter((reservation) => reservation.status === "ACTIVE");
  let alongsideRow: Record<string, unknown> | null = null;
  let movedAny = false;
  if (active.length > 0) {
    // One statement: ACTIVE -> PAID (a reservation the sweep released a moment ago is skipped and handled
    // below as a shortfall). No inventory row is locked: the units stay reserved until applied.
    const [result] = await tx.$queryRaw<
      ({ moved: { id: string; quantity: number }[] | null } & Record<string, unknown>)[]
    >`/* prepared */ ${commitHere ? Prisma.raw(COMMIT_IN_STATEMENT) : Prisma.empty}
      WITH ${alongside ? Prisma.sql`${alongside.ctes},` : Prisma.empty} moved AS (
        UPDATE "Reservation" SET status = 'PAID', "updatedAt" = ${now}
        WHERE id = ANY(${active.map((reservation) => reservation.id)}::text[]) AND status = 'ACTIVE'
        RETURNING id, quantity
      )
      SELECT ${alongside ? Prisma.sql`${alongside.columns},` : Prisma.empty}
             (SELECT json_agg(json_build_object('id', id, 'quantity', quantity)) FROM moved) AS moved
             ${commitHere ? Prisma.sql`, ${statementGuard(Prisma.sql`(SELECT count(*) FROM moved) = ${active.length}::int`, "sale")}` : Prisma.empty}`;
    if (!result) throw new Error(`order ${orderId}: the sale statement returned no row`);
    alongsideRow = result;
    const movedIds = new Set((result.moved ?? []).map((entry) => entry.id));
    movedAny = movedIds.size > 0;
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
    const orm = prismaTx(tx, "stock sold again from free stock");
    await queueStockCrossings(orm, resold, "down");
    await orm.reservation.createMany({
      data: resold.map((entry) => ({ ...entry, orderId, status: "COMMITTED" as const, expiresAt: now })),
    });
    await orm.inventoryAdjustment.createMany({
      data: resold.map((entry) => ({
        variantId: entry.variantId,
        locationId: entry.locationId,
        delta: -entry.quantity,
        reason: "SALE" as const,
        orderId,
      })),
    });
  }
  if (movedAny && options.stock !== "after_commit") await applyOrderPaidStock(tx, orderId, now);
  return { committed, notHonoured, alongside: alongsideRow };
}
