// The background worker against a real PostgreSQL: its schedule (the reservation sweep every 30 s, the
// unpaid-order cancellation every 15 minutes, both once at start, nothing after stop), and the
// cancellation of an abandoned order racing a payment that arrives for it at the same moment, with each
// side winning the order's row lock in turn.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { placeOrder } from "@/lib/checkout/place-order";
import { cancelAbandonedOrders } from "@/lib/orders/abandoned";
import { markOrderPaid, type MarkOrderPaidResult } from "@/lib/orders/mark-paid";
import { enqueue } from "@/lib/outbox";
import { startWorker, WORKER_SCHEDULE } from "@/lib/worker";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, stock } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
beforeAll(async () => {
  db = await createTestDatabase("worker");
  prisma = db.prisma;
});
afterAll(async () => {
  await db?.drop();
});
afterEach(() => {
  vi.useRealTimers();
});

// Waiting for an outcome, not timing it: generous, for a loaded machine.
const POLL = { timeout: 30_000, interval: 25 };
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function placeFor(variantId: string, options: { placedMinutesAgo?: number } = {}) {
  const cartId = await createCart(prisma, [{ variantId, quantity: 1 }]);
  const { order } = await placeOrder(prisma, checkoutInput(cartId), {
    now: options.placedMinutesAgo ? minutesAgo(options.placedMinutesAgo) : undefined,
  });
  return order;
}

/** An order placed now whose reservation still holds, but left unpaid for 30 hours (past the 24 h default). */
async function abandonedOrder(variantId: string) {
  const order = await placeFor(variantId);
  await prisma.order.update({ where: { id: order.id }, data: { createdAt: minutesAgo(30 * 60) } });
  return order;
}

const reservationStatus = async (orderId: string) =>
  (await prisma.reservation.findMany({ where: { orderId }, select: { status: true } })).map((row) => row.status);
const orderStatus = async (orderId: string) =>
  (await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } })).status;

describe("the worker's schedule", () => {
  it("sweeps every 30 s and cancels unpaid orders every 15 minutes (defaults), once at start, never after stop", async () => {
    // Only the intervals are simulated; the jobs run for real against the database.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    // Two variants: a checkout frees expired reservations of its own variant itself, which would hide the sweep.
    const store = await createStore(prisma, {
      variants: [
        { priceCents: 1500, stock: [20, 0] },
        { priceCents: 1500, stock: [20, 0] },
      ],
    });
    const [variantId, otherVariantId] = store.variantIds as [string, string];
    const logs: string[] = [];
    const count = (text: string) => logs.filter((line) => line.includes(text)).length;

    const expired = await placeFor(variantId, { placedMinutesAgo: 20 });
    const abandoned = await abandonedOrder(otherVariantId);
    const worker = startWorker(prisma, { log: (line) => logs.push(line) });
    try {
      // At start: both jobs run once.
      await expect.poll(() => reservationStatus(expired.id), POLL).toEqual(["RELEASED"]);
      await expect.poll(() => orderStatus(abandoned.id), POLL).toBe("CANCELLED");
      // A job logs once its transaction has committed: this test can see the rows before the line.
      await expect.poll(() => count("released 1 expired reservation(s)"), POLL).toBe(1);
      await expect.poll(() => count("cancelled 1 unpaid order(s)"), POLL).toBe(1);

      // Work that appears later waits for the next run of its job.
      const expiredLater = await placeFor(variantId, { placedMinutesAgo: 20 });
      const abandonedLater = await abandonedOrder(otherVariantId);
      vi.advanceTimersByTime(WORKER_SCHEDULE.sweepEveryMs);
      expect(WORKER_SCHEDULE.sweepEveryMs).toBe(30_000);
      await expect.poll(() => reservationStatus(expiredLater.id), POLL).toEqual(["RELEASED"]);
      // The cancellation's interval has not come round: no run of it was even started.
      expect(await orderStatus(abandonedLater.id)).toBe("PENDING_PAYMENT");
      expect(count("cancelled")).toBe(1);

      vi.advanceTimersByTime(WORKER_SCHEDULE.cancelUnpaidEveryMs - WORKER_SCHEDULE.sweepEveryMs);
      expect(WORKER_SCHEDULE.cancelUnpaidEveryMs).toBe(15 * 60_000);
      await expect.poll(() => orderStatus(abandonedLater.id), POLL).toBe("CANCELLED");
      await expect.poll(() => count("cancelled 1 unpaid order(s)"), POLL).toBe(2);
    } finally {
      await worker.stop();
    }

    // Stopped: however much time passes, nothing more runs.
    const afterStop = await placeFor(variantId, { placedMinutesAgo: 20 });
    vi.advanceTimersByTime(WORKER_SCHEDULE.purgeEveryMs * 2);
    expect(vi.getTimerCount()).toBe(0);
    expect(await reservationStatus(afterStop.id)).toEqual(["ACTIVE"]);
    expect(await stock(prisma, variantId)).toMatchObject({ activeReservedSum: 1, reserved: [1, 0] });
  });
});

describe("stopping the worker (SIGTERM in npm run start:worker)", () => {
  /** A topic of this test's own, whose handler holds its batch until the test lets it go. */
  function slowHandlers(topic: string) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const batches: number[] = [];
    const handlers = {
      [topic]: {
        async handle(events: readonly unknown[]) {
          batches.push(events.length);
          await held;
        },
      },
    };
    return { handlers, batches, release };
  }
  const statusOf = async (topic: string) =>
    (await prisma.outboxEvent.findFirstOrThrow({ where: { topic }, select: { status: true } })).status;

  it("stops claiming, lets the batch in hand finish, then resolves", async () => {
    const topic = "test.worker_stop.finishes";
    await enqueue(prisma, { topic, payload: {} });
    const slow = slowHandlers(topic);
    const worker = startWorker(prisma, { handlers: slow.handlers, log: () => {} });
    await expect.poll(() => slow.batches.length, POLL).toBe(1);

    let finished: boolean | undefined;
    const stopping = worker.stop(60_000).then((value) => (finished = value));
    // The batch is still in hand: the stop waits for it (a queued event behind it is not claimed).
    await enqueue(prisma, { topic, payload: {} });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(finished).toBeUndefined();
    expect(await statusOf(topic)).toBe("PENDING");

    slow.release();
    expect(await stopping).toBe(true);
    const events = await prisma.outboxEvent.findMany({ where: { topic }, orderBy: { createdAt: "asc" } });
    // The batch in hand was finished and marked done; the event queued during the stop was left for
    // another worker.
    expect(events.map((event) => event.status)).toEqual(["DONE", "PENDING"]);
    expect(slow.batches).toEqual([1]);
  });

  it("stops waiting when the grace period runs out, leaving the claimed event to its lease", async () => {
    const topic = "test.worker_stop.bounded";
    await enqueue(prisma, { topic, payload: {} });
    const slow = slowHandlers(topic);
    const worker = startWorker(prisma, { handlers: slow.handlers, log: () => {} });
    try {
      await expect.poll(() => slow.batches.length, POLL).toBe(1);
      expect(await worker.stop(200)).toBe(false);
      // Not done: claimed under a lease, so another worker takes it once the lease ends.
      const event = await prisma.outboxEvent.findFirstOrThrow({ where: { topic } });
      expect(event.status).toBe("PENDING");
      expect(event.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    } finally {
      slow.release();
      await worker.stop();
    }
  });
});

describe("an abandoned order's cancellation racing a late payment", () => {
  /**
   * Holds the order's row lock, lets `first` queue behind it, then `second`, then releases: PostgreSQL
   * grants a row lock to its waiters in the order they came, so `first` wins, exactly at the point where
   * both re-read the order under its lock.
   */
  async function race(first: "cancel" | "payment") {
    const store = await createStore(prisma, { variants: [{ priceCents: 2000, stock: [5, 0] }] });
    const [variantId] = store.variantIds as [string];
    const order = await abandonedOrder(variantId);
    const waiting = async () => {
      const [row] = await prisma.$queryRaw<[{ waiting: number }]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      return row.waiting;
    };
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Order" WHERE id = ${order.id} FOR UPDATE`;
        locked();
        await released;
      },
      { timeout: 60_000, maxWait: 60_000 },
    );
    await lockTaken;

    const calls = {
      cancel: () => cancelAbandonedOrders(prisma, { olderThanHours: 24 }),
      payment: () =>
        markOrderPaid(prisma, {
          orderId: order.id,
          provider: "TEST",
          providerRef: `late_${order.id}`,
          amountCents: order.totalCents,
          currency: order.currency,
        }),
    };
    const second = first === "cancel" ? "payment" : "cancel";
    const firstCall = calls[first]();
    await expect.poll(waiting, POLL).toBe(1);
    const secondCall = calls[second]();
    await expect.poll(waiting, POLL).toBe(2);
    release();
    await holder;
    const results = await Promise.all([firstCall, secondCall]);
    const cancelled = results[first === "cancel" ? 0 : 1] as number;
    const payment = results[first === "payment" ? 0 : 1] as MarkOrderPaidResult;
    return { order, variantId, cancelled, payment };
  }

  it("the cancellation first: the order stays cancelled, its stock released, the payment refunded", async () => {
    const { order, variantId, cancelled, payment } = await race("cancel");
    expect(cancelled).toBe(1);
    expect(payment).toMatchObject({ outcome: "needs_refund", reason: "order_cancelled" });
    expect(await orderStatus(order.id)).toBe("CANCELLED");
    expect(await stock(prisma, variantId)).toEqual({ onHand: [5, 0], reserved: [0, 0], activeReservedSum: 0 });
    expect(await prisma.inventoryAdjustment.count({ where: { orderId: order.id, reason: "SALE" } })).toBe(0);
    expect(
      await prisma.outboxEvent.findMany({
        where: { aggregateId: order.id, topic: "payment.refund_required" },
        select: { payload: true },
      }),
    ).toEqual([{ payload: expect.objectContaining({ amountCents: order.totalCents, reason: "order_cancelled" }) }]);
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, type: "cancelled_unpaid" } })).toBe(1);
  });

  it("the payment first: the order is paid and its stock sold; the cancellation leaves it alone", async () => {
    const { order, variantId, cancelled, payment } = await race("payment");
    expect(payment).toMatchObject({ outcome: "paid", orderId: order.id });
    expect(cancelled).toBe(0);
    expect(await orderStatus(order.id)).toBe("PAID");
    expect(await stock(prisma, variantId)).toEqual({ onHand: [4, 0], reserved: [0, 0], activeReservedSum: 0 });
    expect(await prisma.inventoryAdjustment.count({ where: { orderId: order.id, reason: "SALE" } })).toBe(1);
    expect(await prisma.outboxEvent.count({ where: { aggregateId: order.id, topic: "payment.refund_required" } })).toBe(
      0,
    );
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, type: "cancelled_unpaid" } })).toBe(0);
  });
});
