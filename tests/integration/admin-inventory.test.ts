// Admin stock changes against a real PostgreSQL: adjustments and transfers through guarded updates, their
// ledger, audit and search-outbox rows, the refusals (which write nothing), concurrency, and the read model.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { auditTrail } from "@/lib/audit/log";
import { adjustStock, adjustmentHistory, transferStock } from "@/lib/inventory/adjustments";
import { listInventory } from "@/lib/inventory/levels";
import { receiveStock, setStockLevels } from "@/lib/inventory/stock-changes";
import { StockConflictError } from "@/lib/inventory/stock-errors";
import { countLowStockVariants, lowStockVariants } from "@/lib/inventory/low-stock";
import { getVariantAvailability } from "@/lib/inventory/availability";
import { placeOrder } from "@/lib/checkout/place-order";
import { SEARCH_UPSERT_TOPIC } from "@/lib/outbox/topics";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, type Store } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let actor: { id: string };

beforeAll(async () => {
  db = await createTestDatabase("admin_inventory");
  prisma = db.prisma;
  actor = await prisma.user.create({
    data: { email: `staff-${randomUUID()}@example.com`, role: "STAFF" },
    select: { id: true },
  });
});
afterAll(async () => {
  await db?.drop();
});

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

async function level(variantId: string, locationId: string) {
  return prisma.inventoryLevel.findUnique({
    where: { variantId_locationId: { variantId, locationId } },
    select: { onHand: true, reserved: true },
  });
}

/** Everything an adjustment may write, to prove a refusal wrote nothing. */
async function writes() {
  const [levels, adjustments, audit, outbox, reservations] = await Promise.all([
    prisma.inventoryLevel.findMany({ select: { id: true, onHand: true, reserved: true }, orderBy: { id: "asc" } }),
    prisma.inventoryAdjustment.count(),
    prisma.auditLog.count(),
    prisma.outboxEvent.count(),
    prisma.reservation.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
  ]);
  return { levels, adjustments, audit, outbox, reservations };
}

const reindexEvents = (productId: string) =>
  prisma.outboxEvent.count({ where: { topic: SEARCH_UPSERT_TOPIC, aggregateId: productId } });

describe("adjustStock", () => {
  let store: Store;
  let variantId: string;
  let productId: string;
  let east: string;
  let west: string;
  beforeAll(async () => {
    store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 2] }] });
    [variantId] = store.variantIds as [string];
    [productId] = store.productIds as [string];
    [east, west] = store.locationIds;
  });

  it("receives stock: the guarded update, a RECEIVED ledger row with its actor, and an audit entry", async () => {
    const result = await adjustStock(prisma, actor, {
      variantId,
      locationId: east,
      delta: "+10",
      reason: "RECEIVED",
      note: " PO 4411 ",
    });
    expect(result.levels).toEqual([
      expect.objectContaining({ locationId: east, onHand: 15, reserved: 0, available: 15 }),
    ]);
    expect(result.variantAvailable).toBe(17);
    expect(result.reindexQueued).toBe(false); // 7 → 17 changes nothing a search document shows
    expect(await level(variantId, east)).toEqual({ onHand: 15, reserved: 0 });

    const [entry] = await adjustmentHistory(prisma, variantId, 1);
    expect(entry).toMatchObject({
      delta: 10,
      reason: "RECEIVED",
      note: "PO 4411",
      location: { id: east },
      order: null,
    });
    expect(entry?.actor?.email).toMatch(/^staff-/);

    const [audit] = await auditTrail(prisma, "Variant", variantId, 1);
    expect(audit).toMatchObject({
      actorId: actor.id,
      action: "inventory.adjust",
      data: expect.objectContaining({
        locationId: east,
        delta: 10,
        reason: "RECEIVED",
        note: "PO 4411",
        onHandBefore: 5,
        onHandAfter: 15,
      }),
    });
  });

  it("records damage and corrections in both directions", async () => {
    await adjustStock(prisma, actor, {
      variantId,
      locationId: east,
      delta: -3,
      reason: "DAMAGED",
      note: "Water damage",
    });
    await adjustStock(prisma, actor, { variantId, locationId: west, delta: -1, reason: "CORRECTION" });
    await adjustStock(prisma, actor, { variantId, locationId: west, delta: 4, reason: "CORRECTION", note: "Recount" });
    expect(await level(variantId, east)).toEqual({ onHand: 12, reserved: 0 });
    expect(await level(variantId, west)).toEqual({ onHand: 5, reserved: 0 });
    const history = await adjustmentHistory(prisma, variantId, 3);
    expect(history.map((entry) => [entry.reason, entry.delta, entry.location.id])).toEqual([
      ["CORRECTION", 4, west],
      ["CORRECTION", -1, west],
      ["DAMAGED", -3, east],
    ]);
    expect(await prisma.auditLog.count({ where: { entityId: variantId, action: "inventory.adjust" } })).toBe(4);
  });

  it("creates the level when stock is received at a location that never had the variant", async () => {
    const north = await prisma.location.create({
      data: { code: `N-${randomUUID().slice(0, 6)}`, name: "North", priority: 5 },
    });
    expect(await level(variantId, north.id)).toBeNull();
    await adjustStock(prisma, actor, { variantId, locationId: north.id, delta: 7, reason: "RECEIVED" });
    expect(await level(variantId, north.id)).toEqual({ onHand: 7, reserved: 0 });
    // Removing at a location without a level is refused like any shortfall.
    const other = await prisma.location.create({
      data: { code: `S-${randomUUID().slice(0, 6)}`, name: "South", priority: 6 },
    });
    const error = await rejection(
      adjustStock(prisma, actor, { variantId, locationId: other.id, delta: -1, reason: "CORRECTION" }),
    );
    expect([error.code, error.message]).toEqual([
      "insufficient_stock",
      "Only 0 available at South; reserved units can't be removed.",
    ]);
    expect(await level(variantId, other.id)).toBeNull();
  });

  it("refuses to take available below zero, writing nothing", async () => {
    const before = await writes();
    const error = await rejection(
      adjustStock(prisma, actor, { variantId, locationId: east, delta: -13, reason: "DAMAGED" }),
    );
    expect([error.code, error.message]).toEqual([
      "insufficient_stock",
      "Only 12 available at East; reserved units can't be removed.",
    ]);
    expect(await writes()).toEqual(before);
  });

  it("never removes units reserved by unpaid orders, and frees expired reservations first", async () => {
    const fresh = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 0] }] });
    const [v] = fresh.variantIds as [string];
    const [wh1] = fresh.locationIds;
    const { order } = await placeOrder(
      prisma,
      checkoutInput(await createCart(prisma, [{ variantId: v, quantity: 3 }])),
    );
    expect(await level(v, wh1)).toEqual({ onHand: 5, reserved: 3 });

    const before = await writes();
    const error = await rejection(
      adjustStock(prisma, actor, { variantId: v, locationId: wh1, delta: -3, reason: "CORRECTION" }),
    );
    expect(error.message).toBe(
      "Only 2 available at East (3 reserved for unpaid orders); reserved units can't be removed.",
    );
    const transfer = await rejection(
      transferStock(prisma, actor, {
        variantId: v,
        fromLocationId: wh1,
        toLocationId: fresh.locationIds[1],
        quantity: 3,
      }),
    );
    expect(transfer.code).toBe("insufficient_stock");
    expect(await writes()).toEqual(before);

    await adjustStock(prisma, actor, { variantId: v, locationId: wh1, delta: -2, reason: "CORRECTION" });
    expect(await level(v, wh1)).toEqual({ onHand: 3, reserved: 3 });

    // The reservation expires (the sweep has not run): the admin list and the storefront count its units
    // as available, so the admin can remove them; the adjustment releases the reservation first.
    await prisma.reservation.updateMany({
      where: { orderId: order.id },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    const listed = await listInventory(prisma, {
      search: (await prisma.variant.findUniqueOrThrow({ where: { id: v } })).sku,
    });
    expect(listed.rows[0]?.levels.find((entry) => entry.locationId === wh1)).toMatchObject({
      onHand: 3,
      reserved: 0,
      available: 3,
    });
    expect(listed.rows[0]?.totalAvailable).toBe(await getVariantAvailability(prisma, v));
    await adjustStock(prisma, actor, { variantId: v, locationId: wh1, delta: -3, reason: "DAMAGED" });
    expect(await level(v, wh1)).toEqual({ onHand: 0, reserved: 0 });
    expect(await prisma.reservation.findFirst({ where: { orderId: order.id }, select: { status: true } })).toEqual({
      status: "RELEASED",
    });
  });

  it("refuses bad input and forged ids with clear messages, writing nothing", async () => {
    const before = await writes();
    const cases: [unknown, string, string][] = [
      [
        { variantId, locationId: east, delta: 0, reason: "CORRECTION" },
        "invalid_input",
        "Enter a change other than 0.",
      ],
      [{ variantId, locationId: east, delta: "", reason: "CORRECTION" }, "invalid_input", "Enter the change."],
      [
        { variantId, locationId: east, delta: "1.5", reason: "CORRECTION" },
        "invalid_input",
        "The change must be a whole number, such as 5 or -2.",
      ],
      [
        { variantId, locationId: east, delta: 1_000_000, reason: "RECEIVED" },
        "invalid_input",
        "One adjustment can change at most 100,000 units.",
      ],
      [
        { variantId, locationId: east, delta: -1, reason: "RECEIVED" },
        "invalid_input",
        "Received stock is added: enter a positive number (use Correction to remove units).",
      ],
      [
        { variantId, locationId: east, delta: 2, reason: "DAMAGED" },
        "invalid_input",
        "Damaged stock is removed: enter a negative number, such as -2.",
      ],
      [
        { variantId, locationId: east, delta: 1, reason: "SALE" },
        "invalid_input",
        "Choose a reason: received, damaged or correction.",
      ],
      [
        { variantId: 'x\'; DROP TABLE "Variant"; --', locationId: east, delta: 1, reason: "RECEIVED" },
        "invalid_input",
        "Unknown variant.",
      ],
      [
        { variantId: "doesnotexist0000000000000", locationId: east, delta: 1, reason: "RECEIVED" },
        "unknown_variant",
        "That variant does not exist (it may have been deleted).",
      ],
      // A product id (or any other row's id) in place of a variant id.
      [
        { variantId: productId, locationId: east, delta: 1, reason: "RECEIVED" },
        "unknown_variant",
        "That variant does not exist (it may have been deleted).",
      ],
      [
        { variantId, locationId: variantId, delta: 1, reason: "RECEIVED" },
        "unknown_location",
        "That location does not exist.",
      ],
    ];
    for (const [input, code, message] of cases) {
      const error = await rejection(adjustStock(prisma, actor, input as never));
      expect([error.code, error.message]).toEqual([code, message]);
    }
    const fields = await rejection(
      adjustStock(prisma, actor, { variantId, locationId: east, delta: 2, reason: "DAMAGED" }),
    );
    expect(fields.details?.fieldErrors).toEqual({
      delta: "Damaged stock is removed: enter a negative number, such as -2.",
    });
    expect(await writes()).toEqual(before);
  });
});

describe("transferStock", () => {
  it("moves available units between locations with TRANSFER_OUT / TRANSFER_IN rows and one audit entry", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [6, 1] }] });
    const [variantId] = store.variantIds as [string];
    const [east, west] = store.locationIds;
    const result = await transferStock(prisma, actor, {
      variantId,
      fromLocationId: east,
      toLocationId: west,
      quantity: "4",
      note: "Rebalance",
    });
    expect(result.levels).toEqual([
      expect.objectContaining({ locationId: east, onHand: 2, available: 2 }),
      expect.objectContaining({ locationId: west, onHand: 5, available: 5 }),
    ]);
    expect(result.variantAvailable).toBe(7);
    expect(result.reindexQueued).toBe(false);
    const history = await adjustmentHistory(prisma, variantId, 2);
    expect(history.map((entry) => [entry.reason, entry.delta, entry.location.id, entry.note]).sort()).toEqual(
      [
        ["TRANSFER_IN", 4, west, "Rebalance"],
        ["TRANSFER_OUT", -4, east, "Rebalance"],
      ].sort(),
    );
    const [audit] = await auditTrail(prisma, "Variant", variantId, 1);
    expect(audit).toMatchObject({
      action: "inventory.transfer",
      actorId: actor.id,
      data: expect.objectContaining({ quantity: 4 }),
    });
  });

  it("creates the destination level, and refuses the same location, a shortfall and unknown locations", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [3, 0] }] });
    const [variantId] = store.variantIds as [string];
    const [east, west] = store.locationIds;
    const annex = await prisma.location.create({
      data: { code: `A-${randomUUID().slice(0, 6)}`, name: "Annex", priority: 9 },
    });
    await transferStock(prisma, actor, { variantId, fromLocationId: east, toLocationId: annex.id, quantity: 1 });
    expect(await level(variantId, annex.id)).toEqual({ onHand: 1, reserved: 0 });

    const before = await writes();
    const same = await rejection(
      transferStock(prisma, actor, { variantId, fromLocationId: east, toLocationId: east, quantity: 1 }),
    );
    expect([same.code, same.message]).toEqual(["invalid_input", "Choose a different location to move the stock to."]);
    const short = await rejection(
      transferStock(prisma, actor, { variantId, fromLocationId: west, toLocationId: east, quantity: 1 }),
    );
    expect([short.code, short.message]).toEqual([
      "insufficient_stock",
      "Only 0 available at West; reserved units can't be removed.",
    ]);
    const zero = await rejection(
      transferStock(prisma, actor, { variantId, fromLocationId: east, toLocationId: west, quantity: 0 }),
    );
    expect(zero.message).toBe("Move at least 1 unit.");
    const forged = await rejection(
      transferStock(prisma, actor, { variantId, fromLocationId: east, toLocationId: variantId, quantity: 1 }),
    );
    expect(forged.code).toBe("unknown_location");
    expect(await writes()).toEqual(before);
  });
});

describe("search sync", () => {
  it("queues the product's reindex only when the variant's availability crosses zero", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [0, 0] }] });
    const [variantId] = store.variantIds as [string];
    const [productId] = store.productIds as [string];
    const [east, west] = store.locationIds;
    expect(await reindexEvents(productId)).toBe(0);
    expect(
      (await adjustStock(prisma, actor, { variantId, locationId: east, delta: 3, reason: "RECEIVED" })).reindexQueued,
    ).toBe(true);
    expect(await reindexEvents(productId)).toBe(1);
    await adjustStock(prisma, actor, { variantId, locationId: west, delta: 2, reason: "RECEIVED" });
    await transferStock(prisma, actor, { variantId, fromLocationId: east, toLocationId: west, quantity: 3 });
    await adjustStock(prisma, actor, { variantId, locationId: west, delta: -4, reason: "DAMAGED" });
    expect(await reindexEvents(productId)).toBe(1); // 3 → 5 → 5 → 1: never crossed
    await adjustStock(prisma, actor, { variantId, locationId: west, delta: -1, reason: "CORRECTION" });
    expect(await reindexEvents(productId)).toBe(2); // 1 → 0: sold out in search
  });

  it("counts only active locations, as the storefront does", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [0, 0] }] });
    const [variantId] = store.variantIds as [string];
    const [productId] = store.productIds as [string];
    const closed = await prisma.location.create({
      data: { code: `C-${randomUUID().slice(0, 6)}`, name: "Closed", active: false },
    });
    await adjustStock(prisma, actor, { variantId, locationId: closed.id, delta: 5, reason: "RECEIVED" });
    expect(await reindexEvents(productId)).toBe(0);
    // Moving it to a selling location makes it buyable.
    const result = await transferStock(prisma, actor, {
      variantId,
      fromLocationId: closed.id,
      toLocationId: store.locationIds[0],
      quantity: 2,
    });
    expect(result).toMatchObject({ variantAvailable: 2, reindexQueued: true });
    expect(await reindexEvents(productId)).toBe(1);
  });
});

describe("receiving and setting counts (the writers other domains call)", () => {
  it("receiveStock adds units with their ledger row and queues the reindex when the variant comes back", async () => {
    const fresh = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [0, 0] }] });
    const [v] = fresh.variantIds as [string];
    const [p] = fresh.productIds as [string];
    const [wh1] = fresh.locationIds;
    await prisma.$transaction((tx) =>
      receiveStock(tx, {
        variantId: v,
        locationId: wh1,
        quantity: 4,
        reason: "RECEIVED",
        note: "PO 7",
        actorId: actor.id,
      }),
    );
    expect(await level(v, wh1)).toEqual({ onHand: 4, reserved: 0 });
    const [entry] = await adjustmentHistory(prisma, v, 1);
    expect(entry).toMatchObject({ delta: 4, reason: "RECEIVED", note: "PO 7", location: { id: wh1 } });
    expect(await reindexEvents(p)).toBe(1); // 0 → 4: "in stock" changed

    await prisma.$transaction((tx) =>
      receiveStock(tx, { variantId: v, locationId: wh1, quantity: 1, reason: "RECEIVED", actorId: null }),
    );
    expect(await reindexEvents(p)).toBe(1); // 4 → 5 shows nowhere

    const before = await writes();
    const unknown = await rejection(
      prisma.$transaction((tx) =>
        receiveStock(tx, { variantId: v, locationId: "nowhere", quantity: 1, reason: "RECEIVED", actorId: null }),
      ),
    );
    expect(unknown.code).toBe("unknown_location");
    expect(await writes()).toEqual(before);
  });

  it("setStockLevels sets counts with ledger rows, never below what unpaid orders hold, and writes nothing when refused", async () => {
    const fresh = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 0] }] });
    const [v] = fresh.variantIds as [string];
    const [p] = fresh.productIds as [string];
    const [wh1, wh2] = fresh.locationIds;
    await placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId: v, quantity: 3 }])));
    const levelId = (
      await prisma.inventoryLevel.findUniqueOrThrow({
        where: { variantId_locationId: { variantId: v, locationId: wh1 } },
      })
    ).id;
    await prisma.inventoryLevel.deleteMany({ where: { variantId: v, locationId: wh2 } });
    const now = new Date();

    const before = await writes();
    const refused = await prisma
      .$transaction((tx) =>
        setStockLevels(
          tx,
          [
            { levelId: null, variantId: v, locationId: wh2, onHand: 9, reason: "CORRECTION" },
            { levelId, variantId: v, locationId: wh1, onHand: 2, reason: "CORRECTION" },
          ],
          { actorId: actor.id, note: "count", now },
        ),
      )
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StockConflictError);
    expect(refused).toMatchObject({ reason: "reserved_above_count", index: 1 });
    expect(await writes()).toEqual(before);

    const reindexBefore = await reindexEvents(p);
    await prisma.$transaction((tx) =>
      setStockLevels(
        tx,
        [
          { levelId, variantId: v, locationId: wh1, onHand: 3, reason: "CORRECTION" },
          { levelId: null, variantId: v, locationId: wh2, onHand: 0, reason: "CORRECTION" },
        ],
        { actorId: actor.id, note: "count", now },
      ),
    );
    expect(await level(v, wh1)).toEqual({ onHand: 3, reserved: 3 });
    expect(await level(v, wh2)).toEqual({ onHand: 0, reserved: 0 });
    // One ledger row: the level whose count moved (5 → 3); the new empty level moved nothing.
    const history = await adjustmentHistory(prisma, v, 5);
    expect(history.filter((entry) => entry.note === "count")).toEqual([
      expect.objectContaining({ delta: -2, reason: "CORRECTION", location: expect.objectContaining({ id: wh1 }) }),
    ]);
    // Available went 2 → 0: the product's document no longer shows it in stock.
    expect(await reindexEvents(p)).toBe(reindexBefore + 1);
    await prisma.$transaction((tx) =>
      setStockLevels(tx, [{ levelId, variantId: v, locationId: wh1, onHand: 3, reason: "CORRECTION" }], {
        actorId: null,
        note: "again",
        now,
      }),
    );
    expect(await reindexEvents(p)).toBe(reindexBefore + 1); // nothing crossed, nothing moved
    expect((await adjustmentHistory(prisma, v, 10)).some((entry) => entry.note === "again")).toBe(false);
  });
});

describe("concurrency", () => {
  it("20 parallel -1 adjustments on a level of 5: exactly 5 succeed, available never goes negative", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 0] }] });
    const [variantId] = store.variantIds as [string];
    const [productId] = store.productIds as [string];
    const [east] = store.locationIds;
    const adjustmentsBefore = await prisma.inventoryAdjustment.count({ where: { variantId } });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        adjustStock(prisma, actor, { variantId, locationId: east, delta: -1, reason: "DAMAGED", note: `unit ${i}` }),
      ),
    );
    const succeeded = results.filter((result) => result.status === "fulfilled");
    const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason as UserError] : []));
    expect(succeeded).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const error of refused) {
      expect(error).toBeInstanceOf(UserError);
      expect([error.code, error.message]).toEqual([
        "insufficient_stock",
        "Only 0 available at East; reserved units can't be removed.",
      ]);
    }
    expect(await level(variantId, east)).toEqual({ onHand: 0, reserved: 0 });
    expect((await prisma.inventoryAdjustment.count({ where: { variantId } })) - adjustmentsBefore).toBe(5);
    expect(await prisma.auditLog.count({ where: { entityId: variantId, action: "inventory.adjust" } })).toBe(5);
    // Exactly one of them took the last unit, and only it queued the reindex.
    expect(await reindexEvents(productId)).toBe(1);
  });

  it("parallel transfers in opposite directions keep every unit and never deadlock", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [10, 10] }] });
    const [variantId] = store.variantIds as [string];
    const [east, west] = store.locationIds;
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        transferStock(prisma, actor, {
          variantId,
          fromLocationId: i % 2 ? east : west,
          toLocationId: i % 2 ? west : east,
          quantity: 3,
        }),
      ),
    );
    const failed = results.filter((result) => result.status === "rejected").map((result): unknown => result.reason);
    // A refusal is only ever for stock, and says what the source really had under its lock: fewer than 3.
    for (const error of failed) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe("insufficient_stock");
      expect(((error as UserError).details as { available: number }).available).toBeLessThan(3);
    }
    // The transfers run one after another on the two locked rows. In whatever order, at least 9 of the 12
    // fit (worst case: all six east→west first, of which three fit, then all six west→east), so a run with
    // fewer successes refused some falsely.
    const succeeded = results.flatMap((result, i) => (result.status === "fulfilled" ? [i] : []));
    expect(succeeded.length).toBeGreaterThanOrEqual(9);
    // Every success moved exactly its 3 units: the levels are the start plus the net of the successes.
    const eastToWest = succeeded.filter((i) => i % 2 === 1).length;
    const westToEast = succeeded.length - eastToWest;
    expect(await level(variantId, east)).toEqual({ onHand: 10 + 3 * (westToEast - eastToWest), reserved: 0 });
    expect(await level(variantId, west)).toEqual({ onHand: 10 + 3 * (eastToWest - westToEast), reserved: 0 });
    const moved = await prisma.inventoryAdjustment.aggregate({
      where: { variantId, reason: { in: ["TRANSFER_IN", "TRANSFER_OUT"] } },
      _sum: { delta: true },
      _count: true,
    });
    expect(moved._sum.delta).toBe(0);
    expect(moved._count).toBe(2 * succeeded.length);
    expect(await prisma.auditLog.count({ where: { entityId: variantId, action: "inventory.transfer" } })).toBe(
      succeeded.length,
    );
  });
});

describe("read model", () => {
  it("lists per variant and location with search, location filter, low-stock filter and pagination", async () => {
    const tag = randomUUID().slice(0, 8);
    const store = await createStore(prisma, {
      variants: [
        { priceCents: 1000, stock: [20, 0] },
        { priceCents: 1000, stock: [1, 1] },
        { priceCents: 1000, stock: [0, 0] },
      ],
    });
    const skus = await prisma.variant.findMany({
      where: { id: { in: store.variantIds } },
      select: { id: true, sku: true },
    });
    await prisma.product.updateMany({ where: { id: { in: store.productIds } }, data: { title: `Lantern ${tag}` } });
    const [plenty, low, out] = store.variantIds as [string, string, string];
    const [east, west] = store.locationIds;

    const all = await listInventory(prisma, { search: `lantern ${tag}` });
    expect(all.total).toBe(3);
    const lowRow = all.rows.find((row) => row.variantId === low)!;
    expect(lowRow).toMatchObject({ totalAvailable: 2, lowStockThreshold: 5, lowStock: true });
    expect(lowRow.levels.filter((entry) => [east, west].includes(entry.locationId))).toEqual([
      expect.objectContaining({ locationId: east, locationName: "East", onHand: 1, reserved: 0, available: 1 }),
      expect.objectContaining({ locationId: west, locationName: "West", onHand: 1, reserved: 0, available: 1 }),
    ]);

    const bySku = await listInventory(prisma, { search: skus.find((entry) => entry.id === out)!.sku.toLowerCase() });
    expect(bySku.rows.map((row) => row.variantId)).toEqual([out]);

    const lowOnly = await listInventory(prisma, { search: `lantern ${tag}`, lowStockOnly: true });
    expect(lowOnly.rows.map((row) => row.variantId).sort()).toEqual([low, out].sort());
    const atWest = await listInventory(prisma, { search: `lantern ${tag}`, locationId: west, lowStockOnly: true });
    expect(atWest.rows.map((row) => row.variantId).sort()).toEqual([plenty, low, out].sort()); // all low at West
    expect(atWest.rows.every((row) => row.levels.length === 1 && row.levels[0]!.locationId === west)).toBe(true);

    const page1 = await listInventory(prisma, { search: `lantern ${tag}`, pageSize: 2 });
    const page2 = await listInventory(prisma, { search: `lantern ${tag}`, pageSize: 2, page: 2 });
    expect([page1.pageCount, page1.rows.length, page2.rows.length]).toEqual([2, 2, 1]);
    expect(new Set([...page1.rows, ...page2.rows].map((row) => row.variantId)).size).toBe(3);
    const beyond = await listInventory(prisma, { search: `lantern ${tag}`, pageSize: 2, page: 9 });
    expect([beyond.rows.length, beyond.total]).toEqual([0, 3]);

    // Wildcards in the search are literal.
    expect((await listInventory(prisma, { search: "%" })).total).toBe(0);

    const lows = await lowStockVariants(prisma, 500);
    const ids = lows.map((entry) => entry.variantId);
    expect(ids).toEqual(expect.arrayContaining([low, out]));
    expect(ids).not.toContain(plenty);
    expect(lows.find((entry) => entry.variantId === out)).toMatchObject({
      available: 0,
      lowStockThreshold: 5,
      productTitle: `Lantern ${tag}`,
    });
    // Sold out first.
    for (let i = 1; i < lows.length; i++) expect(lows[i]!.available).toBeGreaterThanOrEqual(lows[i - 1]!.available);
    expect(await countLowStockVariants(prisma)).toBe(lows.length);

    // Archived products are nobody's restocking concern.
    await prisma.product.update({ where: { id: store.productIds[2]! }, data: { status: "ARCHIVED" } });
    expect((await lowStockVariants(prisma, 500)).map((entry) => entry.variantId)).not.toContain(out);
  });
});
