// The generic outbox against real PostgreSQL: events commit and roll back with their transaction, dedupe
// keys queue once, concurrent workers never run one event twice (a batch slower than its lease keeps it),
// failures are retried with backoff and recorded (the last error stays on a row done after a retry), and a
// row is done only after its handler succeeded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import {
  claimProcessBatch,
  enqueue,
  enqueueMany,
  retryDelayMs,
  type ClaimedOutboxEvent,
  type OutboxHandler,
} from "@/lib/outbox";
import { OutboxStatus } from "@/lib/generated/prisma/enums";
import { claimEvents, LEASE_RAN_OUT } from "@/lib/outbox/processor";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("outbox");
});
afterAll(async () => {
  await database?.drop();
});
beforeEach(async () => {
  await database.prisma.outboxEvent.deleteMany();
});

function recorder(behaviour: (events: readonly ClaimedOutboxEvent[]) => Promise<void> | void = () => {}) {
  const seen: ClaimedOutboxEvent[][] = [];
  const handler: OutboxHandler = {
    async handle(events) {
      seen.push([...events]);
      await behaviour(events);
    },
  };
  return { handler, seen };
}

describe("enqueue", () => {
  it("commits with the caller's transaction and disappears with its rollback", async () => {
    const db = database.prisma;
    await db.$transaction(async (tx) => enqueue(tx, { topic: "t.ok", aggregateId: "a1", payload: { n: 1 } }));
    await expect(
      db.$transaction(async (tx) => {
        await enqueue(tx, { topic: "t.rolled-back", payload: {} });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const rows = await db.outboxEvent.findMany();
    expect(rows.map((row) => row.topic)).toEqual(["t.ok"]);
    expect(rows[0]).toMatchObject({ aggregateId: "a1", payload: { n: 1 }, status: OutboxStatus.PENDING, attempts: 0 });
  });

  it("queues an event with a dedupe key once", async () => {
    const db = database.prisma;
    await enqueue(db, { topic: "email.confirm", payload: { order: 1 }, dedupeKey: "confirm:1" });
    await db.$transaction(async (tx) =>
      enqueue(tx, { topic: "email.confirm", payload: { order: 1 }, dedupeKey: "confirm:1" }),
    );
    expect(await db.outboxEvent.count()).toBe(1);
  });
});

describe("claimProcessBatch", () => {
  it("runs handlers per topic, marks rows done afterwards, and leaves other topics alone", async () => {
    const db = database.prisma;
    for (let i = 0; i < 3; i += 1) await enqueue(db, { topic: "a", aggregateId: `x${i}`, payload: { i } });
    await enqueue(db, { topic: "not-mine", payload: {} });
    const statusDuringHandler: string[] = [];
    const { handler, seen } = recorder(async (events) => {
      const rows = await db.outboxEvent.findMany({ where: { id: { in: events.map((e) => e.id) } } });
      statusDuringHandler.push(...rows.map((row) => row.status));
    });

    const result = await claimProcessBatch(db, { a: handler });
    expect(result).toEqual({ claimed: 3, done: 3, retrying: 0, dead: 0 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.map((e) => e.aggregateId).sort()).toEqual(["x0", "x1", "x2"]);
    expect(seen[0]!.every((e) => e.attempts === 1)).toBe(true);
    expect(statusDuringHandler).toEqual(["PENDING", "PENDING", "PENDING"]);
    const rows = await db.outboxEvent.findMany({ orderBy: { topic: "asc" } });
    expect(rows.map((row) => [row.topic, row.status])).toEqual([
      ["a", "DONE"],
      ["a", "DONE"],
      ["a", "DONE"],
      ["not-mine", "PENDING"],
    ]);
    expect(rows[0]!.processedAt).not.toBeNull();
    expect(await claimProcessBatch(db, { a: handler })).toEqual({ claimed: 0, done: 0, retrying: 0, dead: 0 });
  });

  it("records the error, backs off and retries; succeeds later and keeps the error that caused the retry", async () => {
    const db = database.prisma;
    await enqueue(db, { topic: "flaky", payload: {} });
    let fail = true;
    const { handler } = recorder(() => {
      if (fail) throw new Error("engine unreachable");
    });

    const failedFrom = Date.now();
    expect(await claimProcessBatch(db, { flaky: handler }, { backoff: { baseMs: 60_000 } })).toMatchObject({
      retrying: 1,
      done: 0,
      errors: ["Error: engine unreachable"],
    });
    const failedBy = Date.now();
    let row = await db.outboxEvent.findFirstOrThrow();
    expect(row).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastError: "Error: engine unreachable",
      lockedUntil: null,
    });
    // The first retry waits the base delay with ±20 % jitter: 48 to 72 s after the failure.
    expect(row.availableAt.getTime()).toBeGreaterThanOrEqual(failedFrom + 48_000 - 1);
    expect(row.availableAt.getTime()).toBeLessThanOrEqual(failedBy + 72_000 + 1);
    // Not due yet: nothing is claimed.
    expect((await claimProcessBatch(db, { flaky: handler })).claimed).toBe(0);

    await db.outboxEvent.updateMany({ data: { availableAt: new Date(Date.now() - 1000) } });
    fail = false;
    expect(await claimProcessBatch(db, { flaky: handler })).toMatchObject({ done: 1 });
    row = await db.outboxEvent.findFirstOrThrow();
    // Done, and its record still says why it took two attempts.
    expect(row).toMatchObject({ status: "DONE", attempts: 2, lastError: "Error: engine unreachable" });
  });

  it("fails single events of a batch when the handler says so", async () => {
    const db = database.prisma;
    await enqueue(db, { topic: "mixed", aggregateId: "good", payload: {} });
    await enqueue(db, { topic: "mixed", aggregateId: "bad", payload: {} });
    const handler: OutboxHandler = {
      async handle(events) {
        return {
          failed: new Map(events.filter((e) => e.aggregateId === "bad").map((e) => [e.id, new Error("bad payload")])),
        };
      },
    };
    expect(await claimProcessBatch(db, { mixed: handler })).toMatchObject({ done: 1, retrying: 1 });
    const rows = await db.outboxEvent.findMany({ orderBy: { aggregateId: "asc" } });
    expect(rows.map((row) => [row.aggregateId, row.status, row.lastError])).toEqual([
      ["bad", "PENDING", "Error: bad payload"],
      ["good", "DONE", null],
    ]);
  });

  it("parks an event as FAILED after maxAttempts", async () => {
    const db = database.prisma;
    await enqueue(db, { topic: "doomed", payload: {} });
    const handler: OutboxHandler = {
      maxAttempts: 2,
      handle: async () => {
        throw new Error("always");
      },
    };
    await claimProcessBatch(db, { doomed: handler });
    await db.outboxEvent.updateMany({ data: { availableAt: new Date(Date.now() - 1000) } });
    expect(await claimProcessBatch(db, { doomed: handler })).toMatchObject({ dead: 1 });
    expect(await db.outboxEvent.findFirstOrThrow()).toMatchObject({
      status: "FAILED",
      attempts: 2,
      lastError: "Error: always",
    });
  });

  it("never gives one event to two concurrent workers", async () => {
    const db = database.prisma;
    await db.outboxEvent.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ topic: "race", aggregateId: `r${i}`, payload: {} })),
    });
    const handled: string[] = [];
    const handler: OutboxHandler = {
      async handle(events) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        handled.push(...events.map((e) => e.aggregateId!));
      },
    };
    const results = await Promise.all(
      Array.from({ length: 4 }, () => claimProcessBatch(db, { race: handler }, { limit: 20 })),
    );
    expect(results.reduce((sum, r) => sum + r.claimed, 0)).toBe(60);
    expect(handled).toHaveLength(60);
    expect(new Set(handled).size).toBe(60);
  });

  it("takes back an event whose worker died once its lease expired", async () => {
    const db = database.prisma;
    await enqueue(db, { topic: "lease", payload: {} });
    // A worker claims it and dies before recording anything.
    await db.outboxEvent.updateMany({ data: { lockedUntil: new Date(Date.now() + 60_000), attempts: 1 } });
    const { handler, seen } = recorder();
    expect((await claimProcessBatch(db, { lease: handler })).claimed).toBe(0);
    await db.outboxEvent.updateMany({ data: { lockedUntil: new Date(Date.now() - 1_000) } });
    expect(await claimProcessBatch(db, { lease: handler })).toMatchObject({ claimed: 1, done: 1, takenOver: 1 });
    expect(seen[0]![0]).toMatchObject({ attempts: 2, leaseRanOut: true });
    // The retry says why it happened, also once the event is done.
    const row = await db.outboxEvent.findFirstOrThrow();
    expect(row.status).toBe("DONE");
    expect(row.lastError).toMatch(new RegExp(`^${LEASE_RAN_OUT} \\(attempt 1, lease ended \\d{4}-`));
  });

  // The lease is short here so that the batch outlasts it several times over: the worker renews it every
  // third of it while the batch runs, so a second worker polling all along never gets any of its rows.
  it("keeps the lease of a batch that runs longer than it, also for rows waiting behind another topic", async () => {
    const db = database.prisma;
    const leaseMs = 1_500;
    await enqueue(db, { topic: "slow", aggregateId: "s", payload: {} });
    for (let i = 0; i < 3; i += 1) await enqueue(db, { topic: "behind", aggregateId: `b${i}`, payload: {} });
    const handled: string[] = [];
    let slowRunning = true;
    const handlers: Record<string, OutboxHandler> = {
      slow: {
        async handle(events) {
          await new Promise((resolve) => setTimeout(resolve, 4 * leaseMs));
          handled.push(...events.map((e) => e.aggregateId!));
          slowRunning = false;
        },
      },
      behind: {
        async handle(events) {
          await new Promise((resolve) => setTimeout(resolve, 2 * leaseMs));
          handled.push(...events.map((e) => e.aggregateId!));
        },
      },
    };
    const first = claimProcessBatch(db, handlers, { leaseMs });
    // The first worker claimed all four; the second polls until the first is done.
    await expect.poll(async () => db.outboxEvent.count({ where: { attempts: 1 } })).toBe(4);
    let secondClaimed = 0;
    let done = false;
    void first.then(() => (done = true));
    while (!done) {
      secondClaimed += (await claimProcessBatch(db, handlers, { leaseMs })).claimed;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(slowRunning).toBe(false);
    expect(await first).toMatchObject({ claimed: 4, done: 4 });
    expect(secondClaimed).toBe(0);
    expect(handled.sort()).toEqual(["b0", "b1", "b2", "s"]);
    const rows = await db.outboxEvent.findMany();
    expect(rows.map((row) => [row.status, row.attempts, row.lastError])).toEqual(rows.map(() => ["DONE", 1, null]));
  });

  it("does not undo another worker's claim when it fails after its own lease ran out", async () => {
    const db = database.prisma;
    await enqueue(db, { topic: "late", payload: {} });
    const handler: OutboxHandler = {
      async handle() {
        // While this worker is stalled (its renewals failing), the lease runs out and another claims the row.
        await db.outboxEvent.updateMany({ data: { lockedUntil: new Date(Date.now() - 1_000) } });
        expect(await claimEvents(db, ["late"], 10, 60_000)).toHaveLength(1);
        throw new Error("too late");
      },
    };
    expect(await claimProcessBatch(db, { late: handler })).toMatchObject({ claimed: 1, retrying: 1 });
    // Still the other worker's: under its lease, with the reason it took the row over, not this failure.
    const row = await db.outboxEvent.findFirstOrThrow();
    expect(row).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(row.lastError).toMatch(new RegExp(`^${LEASE_RAN_OUT}`));
  });
});

describe("retryDelayMs", () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [5, 16_000],
    [20, 300_000],
    [1_000, 300_000],
  ])("after %i failed attempts waits about %i ms", (attempts, expected) => {
    expect(retryDelayMs(attempts, {}, () => 0.5)).toBe(expected);
    expect(retryDelayMs(attempts, {}, () => 0)).toBe(Math.round(expected * 0.8));
  });
});

describe("enqueueMany", () => {
  // The columns are timestamps without time zone that hold UTC (Prisma writes and reads them so). A
  // session in another zone must not shift them: run on a connection whose session is in Tokyo (UTC+9),
  // where a local now() would land nine hours in the future.
  it("writes UTC timestamps also from a session in another time zone", async () => {
    const url = new URL(database.url);
    url.searchParams.set("options", "-c TimeZone=Asia/Tokyo");
    const tokyo = createPrismaClient(url.toString(), { max: 1 });
    try {
      expect(await tokyo.$queryRaw`SELECT current_setting('TimeZone') AS zone`).toEqual([{ zone: "Asia/Tokyo" }]);
      const later = new Date(Date.now() + 3_600_000);
      const [{ before }] = await tokyo.$queryRaw<
        [{ before: Date }]
      >`SELECT timezone('UTC', now())::timestamp(3) AS before`;
      await tokyo.$transaction(async (tx) => {
        await enqueueMany(tx, [
          { topic: "tz.now", payload: {} },
          { topic: "tz.later", payload: {}, availableAt: later },
        ]);
      });
      const after = new Date();
      const rows = await database.prisma.outboxEvent.findMany({ orderBy: { topic: "asc" } });
      expect(rows.map((row) => row.topic)).toEqual(["tz.later", "tz.now"]);
      const [delayed, immediate] = rows as [(typeof rows)[0], (typeof rows)[0]];
      expect(delayed.availableAt.getTime()).toBe(later.getTime());
      for (const time of [delayed.createdAt, immediate.createdAt, immediate.availableAt]) {
        expect(time.getTime()).toBeGreaterThanOrEqual(before.getTime());
        expect(time.getTime()).toBeLessThanOrEqual(after.getTime());
      }
      // The worker (a UTC client) finds the immediate event due now, and the delayed one not yet.
      expect(await claimProcessBatch(database.prisma, { "tz.now": recorder().handler })).toMatchObject({ done: 1 });
      expect(await claimProcessBatch(database.prisma, { "tz.later": recorder().handler })).toMatchObject({
        claimed: 0,
      });
    } finally {
      await tokyo.$disconnect();
    }
  });

  it("writes every column, keeps a delayed start, and skips keys repeated in the batch or already used", async () => {
    const db = database.prisma;
    const later = new Date(Date.now() + 3_600_000);
    await enqueue(db, { topic: "email.confirm", payload: { order: 7 }, dedupeKey: "confirm:7" });
    await enqueueMany(db, [
      { topic: "search.product.upsert", aggregateId: "p1", payload: { productId: "p1", nested: { list: [1, "two"] } } },
      { topic: "email.reminder", payload: { order: 8 }, dedupeKey: "remind:8", availableAt: later },
      { topic: "email.reminder", payload: { order: 8 }, dedupeKey: "remind:8" },
      { topic: "email.confirm", payload: { order: 7 }, dedupeKey: "confirm:7" },
    ]);
    const rows = await db.outboxEvent.findMany({ orderBy: { topic: "asc" } });
    expect(rows.map((row) => [row.topic, row.aggregateId, row.dedupeKey, row.status])).toEqual([
      ["email.confirm", null, "confirm:7", "PENDING"],
      ["email.reminder", null, "remind:8", "PENDING"],
      ["search.product.upsert", "p1", null, "PENDING"],
    ]);
    expect(rows[2]!.payload).toEqual({ productId: "p1", nested: { list: [1, "two"] } });
    expect(rows[1]!.availableAt.getTime()).toBe(later.getTime());
    // Without a delay an event is available at once.
    expect(rows[2]!.availableAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // The immediate event is processed now; the delayed one is not claimed before its time.
    expect(await claimProcessBatch(db, { "search.product.upsert": recorder().handler })).toMatchObject({
      claimed: 1,
      done: 1,
    });
    expect(await claimProcessBatch(db, { "email.reminder": recorder().handler })).toMatchObject({ claimed: 0 });
  });
});
