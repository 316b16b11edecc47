// Paid stock leaves the inventory rows in batches. A payment (./commit.ts, markOrderPaid) moves its
// reservations ACTIVE -> PAID and does not touch InventoryLevel: a hot variant's row would otherwise be
// locked twice per order, at checkout and at payment. The units stay counted in onHand and reserved (so
// available = onHand - reserved is unchanged and nothing can be oversold) until an apply here takes them
// out for many paid reservations at once, one guarded update per level:
//   SET "onHand" = "onHand" - Σq, reserved = reserved - Σq   WHERE reserved >= Σq
// in the same statement as the reservations' PAID -> COMMITTED and their SALE adjustments (one per order
// and level, as a payment wrote them before), with counts that prove every level matched its guard and
// every sale was logged; anything else rolls the whole statement back.
//
// Who applies:
//   - settlePaidStock, right after a payment commits, awaited by it (its caller reads its stock
//     committed). One process coalesces: a payment that arrives while an apply runs joins the next one,
//     so under a rush one apply serves every payment of the moment;
//   - the worker's sweep (applyPaidStock), the backstop after a crash between payment and apply;
//   - applyOrderPaidStock, in the caller's transaction, before anything else moves that order's sold
//     units (a cancelled order's return, an exchange's sale) so the ledger stays SALE then RETURN.
// Batches claim their rows FOR UPDATE SKIP LOCKED, so appliers in other processes take other rows and a
// reservation is applied exactly once (its status moves only through `WHERE status = 'PAID'`). A
// payment whose rows another process's apply holds at that moment returns before that apply commits.
// An apply of its own transaction commits without waiting for its WAL flush (synchronous_commit off for
// that transaction only): it then releases the hot level row without holding it through a disk flush,
// and its payments stop waiting for one. Nothing is lost by it: a crash that loses the apply leaves its
// reservations PAID, still counted in onHand and reserved, and the sweep applies them again; any later
// durable commit that saw the apply flushes it first (WAL is written in order).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SqlTx } from "@/lib/db/transaction";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { COMMIT_IN_STATEMENT, statementGuard } from "@/lib/db/commit-in-statement";
import { newId } from "@/lib/ids";
import { InventoryInvariantError } from "./stock-errors";

/** Reservations claimed per statement: a rush's worth, and the number of adjustment ids sent with it. */
const BATCH = 200;

interface Applied {
  moved: number;
  units: number;
  levels: number;
  taken: number;
  sales: number;
  logged: number;
}

/**
 * The apply statement for the PAID reservations `claim` selects and locks (at most BATCH). With `commit`,
 * the statement commits its transaction and its guard raises instead of the caller's check.
 */
function applyStatement(claim: Prisma.Sql, now: Date, commit: boolean): Prisma.Sql {
  const ids = Array.from({ length: BATCH }, () => newId());
  return Prisma.sql`/* prepared */ ${commit ? Prisma.raw(COMMIT_IN_STATEMENT) : Prisma.empty}
    WITH claimed AS (${claim}), moved AS (
      UPDATE "Reservation" r SET status = 'COMMITTED', "updatedAt" = ${now}
      FROM claimed c WHERE r.id = c.id AND r.status = 'PAID'
      RETURNING r."orderId", r."variantId", r."locationId", r.quantity
    ), per_level AS (
      SELECT "variantId", "locationId", sum(quantity)::int AS quantity FROM moved GROUP BY "variantId", "locationId"
    ), locked AS (
      -- The levels locked in id order, as every stock writer locks them (a checkout's reservations, an
      -- adjustment): the update below may visit them in any order, and two writers taking two rows in
      -- opposite orders deadlock. The update only reaches a level through this list, read in that order.
      SELECT l.id, p.quantity FROM "InventoryLevel" l
      JOIN per_level p ON l."variantId" = p."variantId" AND l."locationId" = p."locationId"
      ORDER BY l.id FOR UPDATE OF l
    ), taken AS (
      UPDATE "InventoryLevel" l
      SET "onHand" = l."onHand" - k.quantity, reserved = l.reserved - k.quantity, "updatedAt" = ${now}
      FROM locked k
      WHERE l.id = k.id AND l.reserved >= k.quantity
      RETURNING l.id
    ), sales AS (
      SELECT "orderId", "variantId", "locationId", sum(quantity)::int AS quantity,
             row_number() OVER (ORDER BY "orderId", "variantId", "locationId") AS n
      FROM moved GROUP BY "orderId", "variantId", "locationId"
    ), logged AS (
      INSERT INTO "InventoryAdjustment" (id, "variantId", "locationId", delta, reason, "orderId", "createdAt")
      SELECT ids.id, s."variantId", s."locationId", -s.quantity, 'SALE'::"AdjustmentReason", s."orderId", ${now}::timestamp
      FROM sales s JOIN unnest(${ids}::text[]) WITH ORDINALITY AS ids(id, n) ON ids.n = s.n
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved)::int AS moved, (SELECT coalesce(sum(quantity), 0) FROM moved)::int AS units,
           (SELECT count(*) FROM per_level)::int AS levels, (SELECT count(*) FROM taken)::int AS taken,
           (SELECT count(*) FROM sales)::int AS sales, (SELECT count(*) FROM logged)::int AS logged
           ${commit ? Prisma.sql`, set_config('synchronous_commit', 'off', true) AS "asyncCommit", ${statementGuard(Prisma.sql`(SELECT count(*) FROM taken) = (SELECT count(*) FROM per_level) AND (SELECT count(*) FROM logged) = (SELECT count(*) FROM sales)`, "paid stock applied")}` : Prisma.empty}`;
}

function checked(row: Applied | undefined, what: string): Applied {
  if (!row || row.taken !== row.levels || row.logged !== row.sales)
    throw new InventoryInvariantError(`${what}: a level held fewer reserved units than its paid reservations`);
  return row;
}

/**
 * Applies PAID reservations (any order's) in statements of at most BATCH, each its own transaction,
 * until none is left unclaimed or `limit` is reached. Returns the reservations applied.
 */
export async function applyPaidStock(db: Db, options: { limit?: number; now?: Date } = {}): Promise<number> {
  const limit = options.limit ?? 10_000;
  let total = 0;
  while (total < limit) {
    const now = options.now ?? new Date();
    // In id order, as applyOrderPaidStock claims: appliers that wait for each other lock rows in one order.
    const claim = Prisma.sql`
      SELECT id FROM "Reservation" WHERE status = 'PAID' ORDER BY id LIMIT ${BATCH}::int FOR UPDATE SKIP LOCKED`;
    const row = await withPgTransaction(db, async (tx) => {
      const [result] = await tx.$queryRaw<Applied[]>(applyStatement(claim, now, true));
      return checked(result, "paid stock");
    });
    total += row.moved;
    if (row.moved < BATCH) break;
  }
  return total;
}

/**
 * Applies the order's PAID reservations in the caller's transaction (waiting for, then skipping, rows an
 * apply elsewhere is committing). For code that moves an order's sold units next. Returns units applied.
 */
export async function applyOrderPaidStock(tx: SqlTx, orderId: string, now: Date = new Date()): Promise<number> {
  const claim = Prisma.sql`
    SELECT id FROM "Reservation" WHERE "orderId" = ${orderId} AND status = 'PAID' ORDER BY id LIMIT ${BATCH}::int FOR UPDATE`;
  let units = 0;
  for (;;) {
    const [result] = await tx.$queryRaw<Applied[]>(applyStatement(claim, now, false));
    const row = checked(result, `order ${orderId}`);
    units += row.units;
    if (row.moved < BATCH) return units;
  }
}

// ---------------------------------------------------------------------------------------------
// One process's applies, coalesced: at most one runs and at most one waits; every caller that arrives
// while one runs shares the waiting one, which starts when the running one ends and sees their payments.

interface Applier {
  running: Promise<void> | null;
  waiting: Promise<void> | null;
}

const appliers = new WeakMap<Db, Applier>();

function start(db: Db, applier: Applier): Promise<void> {
  const run: Promise<void> = applyPaidStock(db)
    .then(() => undefined)
    .finally(() => {
      if (applier.running === run) applier.running = null;
    });
  applier.running = run;
  return run;
}

/**
 * Takes the stock of every payment committed before this call out of the inventory rows (this process's
 * apply, shared with concurrent callers). Never rejects: the payment of `orderId` stands whatever happens
 * here, and a failed apply is logged and left to the worker's sweep.
 */
export async function settlePaidStock(db: Db, orderId: string): Promise<void> {
  let applier = appliers.get(db);
  if (!applier) appliers.set(db, (applier = { running: null, waiting: null }));
  await join(db, applier).catch((error: unknown) =>
    console.error(`order ${orderId}: applying its sold stock failed; the worker's sweep will apply it:`, error),
  );
}

function join(db: Db, state: Applier): Promise<void> {
  if (state.waiting) return state.waiting;
  if (!state.running) return start(db, state);
  const waiting = state.running
    .catch(() => {})
    .then(() => {
      state.waiting = null;
      return start(db, state);
    });
  state.waiting = waiting;
  return waiting;
}
