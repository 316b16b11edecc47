// A payment sells its reservations (ACTIVE -> PAID) without touching the inventory row; the batched apply
// (lib/inventory/paid-stock.ts) takes the units out of onHand and reserved. Against a real PostgreSQL:
// concurrent payments apply exactly once, a payment whose apply never ran (a crash) is applied by the
// sweep, the expiry sweep leaves paid reservations alone, parallel appliers never apply twice, an apply
// locks its levels in id order, and a cancelled order's return finds its units applied first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import { commitReservations } from "@/lib/inventory/commit";
import { applyOrderPaidStock, applyPaidStock } from "@/lib/inventory/paid-stock";
import { releaseExpiredReservations } from "@/lib/inventory/release";
import { returnOrderStock } from "@/lib/inventory/stock-changes";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createStore, placeOrderFor, stock } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
beforeAll(async () => {
  db = await createTestDatabase("inventory_paid_stock");
  prisma = db.prisma;
});
afterAll(async () => {
  await db?.drop();
});

/** The variant's first level (the fixture's `stock`, one location). */
async function level(variantId: string) {
  const { onHand, reserved } = await stock(prisma, variantId);
  return { onHand: onHand[0], reserved: reserved[0] };
}

async function ledger(variantId: string) {
  const reservations = await prisma.reservation.groupBy({
    by: ["status"],
    where: { variantId },
    _sum: { quantity: true },
    _count: true,
  });
  const sales = await prisma.inventoryAdjustment.findMany({ where: { variantId, reason: "SALE" } });
  const byStatus = Object.fromEntries(reservations.map((row) => [row.status, row._sum.quantity ?? 0]));
  return { byStatus, saleUnits: sales.reduce((sum, sale) => sum - sale.delta, 0), sales };
}

/** What a payment's transaction does to stock, committed, with its apply never run: a crash right after. */
async function payWithoutApply(orderId: string): Promise<void> {
  await runTransaction(prisma, (tx) =>
    commitReservations(tx, orderId, new Date(), undefined, undefined, { stock: "after_commit" }),
  );
}

async function oneVariant(stock: number): Promise<string> {
  const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [stock, 0] }] });
  return store.variantIds[0] as string;
}

describe("paid stock", () => {
  it("concurrent payments on one variant take exactly their units out, once", async () => {
    const variantId = await oneVariant(100);
    const quantities = [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3];
    const orders = [];
    for (const quantity of quantities) orders.push((await placeOrderFor(prisma, [{ variantId, quantity }])).order);
    const held = await placeOrderFor(prisma, [{ variantId, quantity: 4 }]); // stays unpaid
    const sold = quantities.reduce((sum, quantity) => sum + quantity, 0);
    expect(await level(variantId)).toEqual({ onHand: 100, reserved: sold + 4 });

    const results = await Promise.all(
      orders.map((order) =>
        markOrderPaid(prisma, {
          orderId: order.id,
          provider: "TEST",
          providerRef: `pay_${order.id}`,
          amountCents: order.totalCents,
          currency: order.currency,
        }),
      ),
    );
    expect(results.map((result) => result.outcome)).toEqual(orders.map(() => "paid"));
    // Each payment returned with its stock applied: on hand down by the sum, reserved back to the unpaid hold.
    expect(await level(variantId)).toEqual({ onHand: 100 - sold, reserved: 4 });
    const after = await ledger(variantId);
    expect(after.byStatus).toEqual({ COMMITTED: sold, ACTIVE: 4 });
    expect(after.saleUnits).toBe(sold);
    expect(new Set(after.sales.map((sale) => sale.orderId))).toEqual(new Set(orders.map((order) => order.id)));
    expect(held.order.status).toBe("PENDING_PAYMENT");
  });

  it("a payment whose apply never ran keeps its units reserved, the expiry sweep leaves it, the sweep applies it", async () => {
    const variantId = await oneVariant(10);
    const { order } = await placeOrderFor(prisma, [{ variantId, quantity: 3 }]);
    await payWithoutApply(order.id);
    // Nothing moved on the level: the paid units still count in reserved, so they cannot be sold again.
    expect(await level(variantId)).toEqual({ onHand: 10, reserved: 3 });
    expect((await ledger(variantId)).byStatus).toEqual({ PAID: 3 });

    // Long past the reservation's expiry, the expiry sweep releases nothing that was paid.
    await releaseExpiredReservations(prisma, new Date(Date.now() + 24 * 3600_000));
    expect(await level(variantId)).toEqual({ onHand: 10, reserved: 3 });
    expect((await ledger(variantId)).byStatus).toEqual({ PAID: 3 });

    // The worker's sweep (applyPaidStock) takes them out, with the order's SALE adjustment.
    expect(await applyPaidStock(prisma)).toBeGreaterThanOrEqual(1);
    expect(await level(variantId)).toEqual({ onHand: 7, reserved: 0 });
    const after = await ledger(variantId);
    expect(after.byStatus).toEqual({ COMMITTED: 3 });
    expect(after.sales.map((sale) => [sale.orderId, sale.delta])).toEqual([[order.id, -3]]);
    // Nothing is left to apply: a second sweep changes nothing.
    await applyPaidStock(prisma);
    expect(await level(variantId)).toEqual({ onHand: 7, reserved: 0 });
  });

  it("several appliers in parallel never apply a reservation twice", async () => {
    const variantId = await oneVariant(1000);
    const orders = [];
    for (let i = 0; i < 30; i++) orders.push((await placeOrderFor(prisma, [{ variantId, quantity: 2 }])).order);
    await Promise.all(orders.map((order) => payWithoutApply(order.id)));
    expect(await level(variantId)).toEqual({ onHand: 1000, reserved: 60 });

    // Batch appliers (each with its own connection) beside per-order applies in their own transactions.
    await Promise.all([
      ...Array.from({ length: 4 }, () => applyPaidStock(prisma)),
      ...orders.slice(0, 10).map((order) => runTransaction(prisma, (tx) => applyOrderPaidStock(tx, order.id))),
    ]);
    expect(await level(variantId)).toEqual({ onHand: 940, reserved: 0 });
    const after = await ledger(variantId);
    expect(after.byStatus).toEqual({ COMMITTED: 60 });
    expect(after.saleUnits).toBe(60);
    expect(after.sales).toHaveLength(30);
  });

  it("an apply locks its levels in id order, as every stock writer does: no deadlock with a writer taking them in that order", async () => {
    const store = await createStore(prisma, {
      variants: [
        { priceCents: 1000, stock: [10, 0] },
        { priceCents: 1000, stock: [10, 0] },
      ],
    });
    const [first, second] = store.variantIds as [string, string];
    const { order } = await placeOrderFor(prisma, [
      { variantId: first, quantity: 1 },
      { variantId: second, quantity: 1 },
    ]);
    await payWithoutApply(order.id);
    const levels = await prisma.inventoryLevel.findMany({
      where: { variantId: { in: [first, second] }, reserved: { gt: 0 } },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    const [low, high] = levels.map((row) => row.id) as [string, string];
    const waitingOnLocks = async () =>
      (
        await prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`
      )[0]!.n;

    // A writer holds the lower level, as a checkout of both variants would first. The apply then waits for
    // it holding nothing, so the writer can take the higher one next. An apply that had locked the higher
    // one first would hold it: the two would deadlock, and PostgreSQL would abort the apply after
    // deadlock_timeout (1 s) to be retried; the writer's lock_timeout, shorter, fails the test first.
    let apply: Promise<number> | undefined;
    await runTransaction(prisma, async (tx) => {
      await tx.$executeRaw`SELECT id FROM "InventoryLevel" WHERE id = ${low} FOR UPDATE`;
      apply = applyPaidStock(prisma);
      for (let tries = 0; (await waitingOnLocks()) === 0; tries++) {
        if (tries > 200) throw new Error("the apply never waited for the held level");
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await tx.$executeRaw`SET LOCAL lock_timeout = '500ms'`;
      await tx.$executeRaw`SELECT id FROM "InventoryLevel" WHERE id = ${high} FOR UPDATE`;
    });
    expect(await apply).toBe(2);
    expect(await level(first)).toEqual({ onHand: 9, reserved: 0 });
    expect(await level(second)).toEqual({ onHand: 9, reserved: 0 });
  });

  it("a cancelled order's return applies its paid units first, then returns them", async () => {
    const variantId = await oneVariant(10);
    const { order } = await placeOrderFor(prisma, [{ variantId, quantity: 2 }]);
    await payWithoutApply(order.id);
    const returned = await runTransaction(prisma, (tx) => returnOrderStock(tx, order, null, new Date()));
    expect(returned.map((entry) => entry.quantity)).toEqual([2]);
    expect(await level(variantId)).toEqual({ onHand: 10, reserved: 0 });
    const adjustments = await prisma.inventoryAdjustment.findMany({
      where: { variantId, orderId: order.id },
      orderBy: { delta: "asc" },
    });
    expect(adjustments.map((adjustment) => [adjustment.reason, adjustment.delta])).toEqual([
      ["SALE", -2],
      ["RETURN", 2],
    ]);
    expect((await ledger(variantId)).byStatus).toEqual({ RELEASED: 2 });
  });
});
