// Dashboard metrics against a real database: a hand-made set of orders over several days (paid, refunded,
// cancelled after payment, unpaid, another currency, just outside the period) and carts, with every
// expected figure worked out by hand below. Also the orders CSV export and the search health card.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createStore, type Store } from "../helpers/checkout-fixture";
import { meilisearchAvailable, startTestMeilisearch, type TestMeilisearch } from "../helpers/meilisearch";
import type { Db } from "@/lib/db";
import { parseCsv } from "@/lib/csv";
import { dashboardMetrics } from "@/lib/reports/dashboard";
import { salesSeries } from "@/lib/reports/sales";
import { cartConversion } from "@/lib/reports/conversion";
import { exportOrdersCsv, ORDER_EXPORT_COLUMNS } from "@/lib/reports/orders-export";
import { dashboardSearchHealth } from "@/lib/reports/search-health";
import { ensureSearchIndex } from "@/lib/search/reindex";
import { enqueueProductReindex } from "@/lib/outbox/search-reindex";

let database: TestDatabase;
let db: Db;
let store: Store;
const ids: Record<string, string> = {};

const NOW = new Date("2026-06-15T12:00:00Z");
const period = { now: NOW, days: 30, currency: "USD", timeZone: "UTC" };

interface OrderSpec {
  key: string;
  paidAt: Date | null;
  createdAt?: Date;
  totalCents: number;
  refundedCents?: number;
  status: "PENDING_PAYMENT" | "PAID" | "PARTIALLY_FULFILLED" | "FULFILLED" | "CANCELLED" | "REFUNDED";
  currency?: string;
  cartId?: string | null;
  couponCode?: string;
  lines: {
    product: number | null;
    quantity: number;
    unitPriceCents: number;
    discountCents?: number;
    fulfilled?: number;
  }[];
}

async function createCart(createdAt: Date): Promise<string> {
  const cart = await db.cart.create({
    data: { createdAt, expiresAt: new Date(createdAt.getTime() + 30 * 86_400_000) },
  });
  return cart.id;
}

async function createOrder(spec: OrderSpec): Promise<void> {
  const subtotal = spec.lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  const discount = spec.lines.reduce((sum, line) => sum + (line.discountCents ?? 0), 0);
  const order = await db.order.create({
    data: {
      checkoutToken: randomUUID(),
      email: `${spec.key}@example.com`,
      status: spec.status,
      paymentStatus: spec.paidAt
        ? spec.refundedCents
          ? spec.refundedCents === spec.totalCents
            ? "REFUNDED"
            : "PARTIALLY_REFUNDED"
          : "PAID"
        : "PENDING",
      currency: spec.currency ?? "USD",
      subtotalCents: subtotal,
      discountCents: discount,
      shippingCents: Math.max(0, spec.totalCents - (subtotal - discount)),
      totalCents: spec.totalCents,
      refundedCents: spec.refundedCents ?? 0,
      couponCode: spec.couponCode ?? null,
      shippingMethod: "STANDARD",
      shippingMethodName: "Standard",
      shippingAddress: { country: "US", city: "Springfield" },
      paidAt: spec.paidAt,
      createdAt: spec.createdAt ?? new Date((spec.paidAt ?? NOW).getTime() - 5 * 60_000),
      cartId: spec.cartId ?? null,
      lines: {
        create: spec.lines.map((line, index) => ({
          productId: line.product === null ? null : store.productIds[line.product]!,
          variantId: line.product === null ? null : store.variantIds[line.product]!,
          title: line.product === null ? "Gone product" : `Tee ${line.product}`,
          sku: `SKU-${index}`,
          quantity: line.quantity,
          unitPriceCents: line.unitPriceCents,
          discountCents: line.discountCents ?? 0,
          totalCents: line.unitPriceCents * line.quantity - (line.discountCents ?? 0),
          fulfilledQuantity: line.fulfilled ?? 0,
        })),
      },
    },
  });
  ids[spec.key] = order.id;
}

beforeAll(async () => {
  database = await createTestDatabase("reports");
  db = database.prisma;
  // Variant 0 is low on stock (1 + 0 <= threshold 5); the others are well stocked.
  store = await createStore(db, {
    variants: [
      { priceCents: 4000, stock: [1, 0] },
      { priceCents: 3000, stock: [50, 50] },
      { priceCents: 1000, stock: [40, 0] },
    ],
  });

  const cart1 = await createCart(new Date("2026-06-01T10:00:00Z"));
  const cart2 = await createCart(new Date("2026-06-14T09:00:00Z"));
  const cart3 = await createCart(new Date("2026-06-10T09:00:00Z"));
  await createCart(new Date("2026-05-20T09:00:00Z")); // never ordered
  const oldCart = await createCart(new Date("2026-05-10T09:00:00Z")); // before the period

  // In the period (UTC): A, B, C, D, H. Gross 10001 + 3333 + 3334 + 5000 + 2000 = 23668.
  await createOrder({
    key: "A",
    paidAt: new Date("2026-06-15T08:00:00Z"),
    totalCents: 10_001,
    status: "PAID",
    cartId: cart1,
    couponCode: "SAVE5",
    lines: [{ product: 0, quantity: 2, unitPriceCents: 4000, discountCents: 500 }],
  });
  await createOrder({
    key: "B",
    paidAt: new Date("2026-06-14T23:59:59Z"),
    totalCents: 3333,
    refundedCents: 1000,
    status: "FULFILLED",
    cartId: cart2,
    lines: [{ product: 1, quantity: 1, unitPriceCents: 3000, fulfilled: 1 }],
  });
  await createOrder({
    key: "C",
    paidAt: new Date("2026-06-14T00:00:00Z"),
    totalCents: 3334,
    refundedCents: 3334,
    status: "REFUNDED",
    lines: [{ product: 0, quantity: 1, unitPriceCents: 3000 }],
  });
  await createOrder({
    key: "D",
    paidAt: new Date("2026-05-17T00:00:00Z"),
    totalCents: 5000,
    status: "PARTIALLY_FULFILLED",
    cartId: oldCart,
    lines: [
      { product: 2, quantity: 5, unitPriceCents: 1000, fulfilled: 2 },
      { product: null, quantity: 1, unitPriceCents: 100 },
    ],
  });
  await createOrder({
    key: "H",
    paidAt: new Date("2026-06-01T15:00:00Z"),
    totalCents: 2000,
    refundedCents: 2000,
    status: "CANCELLED",
    cartId: cart1,
    lines: [{ product: 1, quantity: 1, unitPriceCents: 2000 }],
  });
  // Outside: paid a millisecond before the period, unpaid, another currency.
  await createOrder({
    key: "E",
    paidAt: new Date("2026-05-16T23:59:59.999Z"),
    totalCents: 7777,
    status: "PAID",
    lines: [{ product: 2, quantity: 100, unitPriceCents: 70 }],
  });
  await createOrder({
    key: "F",
    paidAt: null,
    createdAt: new Date("2026-06-10T10:00:00Z"),
    totalCents: 9000,
    status: "PENDING_PAYMENT",
    cartId: cart3,
    lines: [{ product: 1, quantity: 50, unitPriceCents: 180 }],
  });
  await createOrder({
    key: "G",
    paidAt: new Date("2026-06-10T10:00:00Z"),
    totalCents: 9999,
    status: "PAID",
    currency: "EUR",
    lines: [{ product: 1, quantity: 3, unitPriceCents: 3333 }],
  });
});

afterAll(async () => {
  await database?.drop();
});

describe("sales per day", () => {
  it("sums paid orders per UTC day, net of refunds, with every day of the period present", async () => {
    const sales = await salesSeries(db, period);
    expect(sales.firstDay).toBe("2026-05-17");
    expect(sales.lastDay).toBe("2026-06-15");
    expect(sales.days).toHaveLength(30);
    expect(sales.days.map((day) => day.date)).toEqual(
      Array.from({ length: 30 }, (_, index) => new Date(Date.UTC(2026, 4, 17 + index)).toISOString().slice(0, 10)),
    );
    const byDate = new Map(sales.days.map((day) => [day.date, day]));
    expect(byDate.get("2026-06-15")).toEqual({
      date: "2026-06-15",
      orders: 1,
      grossCents: 10_001,
      refundedCents: 0,
      netCents: 10_001,
    });
    expect(byDate.get("2026-06-14")).toEqual({
      date: "2026-06-14",
      orders: 2,
      grossCents: 6667,
      refundedCents: 4334,
      netCents: 2333,
    });
    expect(byDate.get("2026-06-01")).toEqual({
      date: "2026-06-01",
      orders: 1,
      grossCents: 2000,
      refundedCents: 2000,
      netCents: 0,
    });
    expect(byDate.get("2026-05-17")).toMatchObject({ orders: 1, grossCents: 5000 });
    // Zero-filled: the EUR order's day and the unpaid order's day have nothing in USD.
    expect(byDate.get("2026-06-10")).toEqual({
      date: "2026-06-10",
      orders: 0,
      grossCents: 0,
      refundedCents: 0,
      netCents: 0,
    });
    expect(sales.days.filter((day) => day.orders > 0)).toHaveLength(4);

    // 23668 / 5 = 4733.6: rounded half up to 4734 (truncation would say 4733).
    expect(sales.totals).toEqual({
      orders: 5,
      grossCents: 23_668,
      refundedCents: 6334,
      netCents: 17_334,
      averageOrderValueCents: 4734,
    });
  });

  it("moves day boundaries with the store time zone", async () => {
    // New York is UTC-4 in June: C (00:00Z on the 14th) falls on the 13th, D (00:00Z on 17 May) before the period.
    const sales = await salesSeries(db, { ...period, timeZone: "America/New_York" });
    const byDate = new Map(sales.days.map((day) => [day.date, day]));
    expect(sales.lastDay).toBe("2026-06-15");
    expect(byDate.get("2026-06-13")).toMatchObject({ orders: 1, grossCents: 3334 });
    expect(byDate.get("2026-06-14")).toMatchObject({ orders: 1, grossCents: 3333 });
    expect(sales.totals.orders).toBe(4);
  });

  it("reports a period without orders as zeros, and other currencies on their own", async () => {
    const empty = await salesSeries(db, { ...period, now: new Date("2027-01-10T00:00:00Z"), days: 7 });
    expect(empty.days).toHaveLength(7);
    expect(empty.days.every((day) => day.orders === 0 && day.grossCents === 0)).toBe(true);
    expect(empty.totals.averageOrderValueCents).toBe(0);
    const euro = await salesSeries(db, { ...period, currency: "EUR" });
    expect(euro.totals).toMatchObject({ orders: 1, grossCents: 9999, averageOrderValueCents: 9999 });
  });
});

describe("dashboard", () => {
  it("puts conversion, top products, awaiting fulfilment and low stock together", async () => {
    const metrics = await dashboardMetrics(db, { now: NOW, currency: "USD", timeZone: "UTC" });

    // Carts created in the period: cart1 (two paid orders), cart2 (paid), cart3 (unpaid order), one never
    // ordered = 4; converted: cart1 and cart2. The May 10 cart with a paid order is outside the cohort.
    expect(metrics.conversion).toEqual({ cartsCreated: 4, cartsConverted: 2, rate: 0.5 });

    const units = metrics.topProducts.byUnits.map((product) => [product.title, product.units, product.revenueCents]);
    expect(units).toEqual([
      ["Tee 2", 5, 5000],
      ["Tee 0", 3, 10_500],
      ["Tee 1", 2, 5000],
      ["Gone product", 1, 100],
    ]);
    expect(metrics.topProducts.byRevenue.map((product) => product.title)).toEqual([
      "Tee 0",
      "Tee 2",
      "Tee 1",
      "Gone product",
    ]);
    expect(metrics.topProducts.byUnits[0]?.productId).toBe(store.productIds[2]);
    expect(metrics.topProducts.byUnits[3]?.productId).toBeNull();

    // PAID and PARTIALLY_FULFILLED, oldest payment first (E was paid before the period and still waits).
    expect(metrics.awaitingFulfilment.count).toBe(4);
    expect(metrics.awaitingFulfilment.orders.map((order) => order.id)).toEqual([ids.E, ids.D, ids.G, ids.A]);
    expect(metrics.awaitingFulfilment.orders.find((order) => order.id === ids.D)?.unitsToShip).toBe(4);
    expect(metrics.awaitingFulfilment.held).toBe(0);
    // An order held for a fraud review still waits, and is counted and marked as held.
    await db.order.update({ where: { id: ids.G }, data: { fraudReview: true } });
    const held = await dashboardMetrics(db, { now: NOW, currency: "USD", timeZone: "UTC" });
    expect(held.awaitingFulfilment).toMatchObject({ count: 4, held: 1 });
    expect(held.awaitingFulfilment.orders.filter((order) => order.fraudReview).map((order) => order.id)).toEqual([
      ids.G,
    ]);
    await db.order.update({ where: { id: ids.G }, data: { fraudReview: false } });

    expect(metrics.lowStock.variants.map((variant) => variant.variantId)).toEqual([store.variantIds[0]]);
    expect(metrics.lowStock.count).toBe(1);
  });

  it("counts conversion as null when no cart was created", async () => {
    expect(await cartConversion(db, { now: new Date("2030-01-01T00:00:00Z"), days: 30, timeZone: "UTC" })).toEqual({
      cartsCreated: 0,
      cartsConverted: 0,
      rate: null,
    });
  });
});

describe("orders CSV export", () => {
  async function collect(iterable: AsyncIterable<string>): Promise<string> {
    let text = "";
    for await (const chunk of iterable) text += chunk;
    return text;
  }

  it("lists every order placed in the range, batch after batch, with decimal money", async () => {
    const text = await collect(
      exportOrdersCsv(db, { from: "2026-06-10", to: "2026-06-14" }, { timeZone: "UTC", batchSize: 1 }),
    );
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...ORDER_EXPORT_COLUMNS]);
    // Placed (createdAt) on 10-14 June, oldest first: G (10th 09:55, EUR), F (10th 10:00), C (13th 23:55),
    // B (14th 23:54); not A (15th).
    expect(rows.map((row) => row[ORDER_EXPORT_COLUMNS.indexOf("email")])).toEqual([
      "G@example.com",
      "F@example.com",
      "C@example.com",
      "B@example.com",
    ]);
    const b = rows[3]!;
    const column = (name: (typeof ORDER_EXPORT_COLUMNS)[number]) => b[ORDER_EXPORT_COLUMNS.indexOf(name)];
    expect(column("status")).toBe("FULFILLED");
    expect(column("payment_status")).toBe("PARTIALLY_REFUNDED");
    expect(column("items")).toBe("1");
    expect(column("currency")).toBe("USD");
    expect(column("subtotal")).toBe("30.00");
    expect(column("shipping")).toBe("3.33");
    expect(column("total")).toBe("33.33");
    expect(column("refunded")).toBe("10.00");
    expect(column("country")).toBe("US");
    expect(column("date")).toBe("2026-06-14T23:54:59.000Z");
    expect(rows[0]![ORDER_EXPORT_COLUMNS.indexOf("total")]).toBe("99.99");
    expect(rows[0]![ORDER_EXPORT_COLUMNS.indexOf("currency")]).toBe("EUR");
    expect(rows.every((row) => row.length === ORDER_EXPORT_COLUMNS.length)).toBe(true);
  });

  it("exports the coupon code and only a header for an empty range", async () => {
    const text = await collect(exportOrdersCsv(db, { from: "2026-06-15", to: "2026-06-15" }, { timeZone: "UTC" }));
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2);
    expect(rows[1]![ORDER_EXPORT_COLUMNS.indexOf("coupon_code")]).toBe("SAVE5");
    expect(rows[1]![ORDER_EXPORT_COLUMNS.indexOf("items")]).toBe("2");
    expect(parseCsv(await collect(exportOrdersCsv(db, { from: "2020-01-01", to: "2020-01-31" })))).toHaveLength(1);
  });
});

// Its own embedded Meilisearch (also when TEST_MEILI_HOST is set): the outage test stops and restarts it.
describe.skipIf(!meilisearchAvailable({ embedded: true }))("search health card", () => {
  let meili: TestMeilisearch;

  beforeAll(async () => {
    meili = await startTestMeilisearch({ embedded: true });
  });
  afterAll(async () => {
    await meili?.dispose();
  });

  it("counts documents with the search-only key and compares them with active products", async () => {
    const admin = meili.admin(`${meili.indexPrefix}_products`);
    await ensureSearchIndex(db, admin);
    const searcher = await meili.searcher(admin.indexName);

    const viaSearchKey = await dashboardSearchHealth(db, { admin: null, search: async () => searcher });
    expect(viaSearchKey).toMatchObject({
      configured: true,
      engineReachable: true,
      documents: 3,
      activeProducts: 3,
      inSync: true,
    });
    const viaAdminKey = await dashboardSearchHealth(db, { admin, search: null });
    expect(viaAdminKey).toMatchObject({ engineReachable: true, documents: 3, activeProducts: 3, inSync: true });

    await db.$transaction((tx) => enqueueProductReindex(tx, store.productIds[0]!));
    const pending = await dashboardSearchHealth(
      db,
      { admin: null, search: async () => searcher },
      new Date(Date.now() + 120_000),
    );
    expect(pending.outbox.pending).toBe(1);
    expect(pending.inSync).toBe(false);

    const unconfigured = await dashboardSearchHealth(db, { admin: null, search: null });
    expect(unconfigured).toMatchObject({
      configured: false,
      engineReachable: false,
      documents: null,
      activeProducts: 3,
    });
  });

  it("reports an unreachable engine without throwing", async () => {
    const searcher = await meili.searcher(`${meili.indexPrefix}_products`);
    await meili.stop();
    try {
      const health = await dashboardSearchHealth(db, { admin: null, search: async () => searcher });
      expect(health.engineReachable).toBe(false);
      // The engine's client names the request that failed: the health probe against this server.
      expect(health.engineError).toBe(`Request to ${new URL("/health", meili.host)} has failed`);
      expect(health.inSync).toBe(false);
    } finally {
      await meili.start();
    }
  });
});
