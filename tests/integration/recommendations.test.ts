// Recommendations against a real PostgreSQL: the co-purchase counts follow paid orders through the outbox
// (only paid orders, once per order however often the event is replayed or handled at once, out again
// when the order is cancelled or refunded in full, kept on a partial refund), a rebuild gives the same
// counts as the incremental updates, and the reads put co-purchases first, fall back to best sellers of
// the same category, and never return archived, draft or sold-out products.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import { placeOrder } from "@/lib/checkout/place-order";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { cancelOrder } from "@/lib/orders/cancel";
import { refundOrder } from "@/lib/orders/refund-order";
import type { OrderActor } from "@/lib/orders/admin-common";
import { claimProcessBatch, enqueue } from "@/lib/outbox";
import { ORDER_STANDING_TOPIC } from "@/lib/outbox/topics";
import { rebuildRecommendationCounts, reconcileOrderCounts } from "@/lib/recommendations/counts";
import { recommendationOutboxHandlers } from "@/lib/recommendations/outbox-handlers";
import { basketRecommendations, MIN_PAIR_ORDERS, productRecommendations } from "@/lib/recommendations/queries";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, type Store } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let store: Store;
let staff: OrderActor;

// Products 0-5 are plain stocked products of one category; 6 is a draft, 7 is sold out.
const P = (index: number) => store.productIds[index]!;

beforeAll(async () => {
  db = await createTestDatabase("recommendations");
  prisma = db.prisma;
  const user = await prisma.user.create({ data: { email: `staff-${randomUUID()}@example.com`, role: "ADMIN" } });
  staff = { id: user.id, role: user.role };
  store = await createStore(prisma, {
    variants: [
      ...Array.from({ length: 6 }, () => ({ priceCents: 2000, stock: [50, 50] as [number, number] })),
      { priceCents: 2000, stock: [50, 50], status: "DRAFT" },
      { priceCents: 2000, stock: [0, 0] },
    ],
  });
});

afterAll(async () => {
  await db?.drop();
});

async function placed(products: number[]) {
  const cartId = await createCart(
    prisma,
    products.map((index) => ({ variantId: store.variantIds[index]!, quantity: 1 })),
  );
  const { order } = await placeOrder(
    prisma,
    checkoutInput(cartId, { email: `s-${randomUUID().slice(0, 8)}@example.com` }),
  );
  return order;
}

async function paid(products: number[]) {
  const order = await placed(products);
  const result = await markOrderPaid(prisma, {
    orderId: order.id,
    provider: "TEST",
    providerRef: `testpay_${order.id}`,
    amountCents: order.totalCents,
    currency: order.currency,
  });
  expect(result.outcome).toBe("paid");
  return order;
}

/** Runs the worker's handler over every queued recommendation event. */
async function processEvents() {
  const handlers = recommendationOutboxHandlers(prisma);
  for (let round = 0; round < 10; round++) {
    const batch = await claimProcessBatch(prisma, handlers);
    if (batch.claimed === 0) return;
    expect(batch.retrying + batch.dead).toBe(0);
  }
}

async function pairCount(a: number, b: number): Promise<number> {
  const [first, second] = [P(a), P(b)].sort() as [string, string];
  const row = await prisma.productPair.findUnique({
    where: { productAId_productBId: { productAId: first, productBId: second } },
  });
  return row?.orders ?? 0;
}

async function counts() {
  const [pairs, sales] = await Promise.all([
    prisma.productPair.findMany({
      where: { orders: { gt: 0 } },
      select: { productAId: true, productBId: true, orders: true },
      orderBy: [{ productAId: "asc" }, { productBId: "asc" }],
    }),
    prisma.productSales.findMany({
      where: { orders: { gt: 0 } },
      select: { productId: true, orders: true, units: true },
      orderBy: { productId: "asc" },
    }),
  ]);
  return { pairs, sales };
}

describe("co-purchase counts", () => {
  it("count paid orders only, each once, however often the event is replayed or handled at once", async () => {
    await placed([0, 1]); // never paid
    const first = await paid([0, 1]);
    const second = await paid([0, 1, 2]);
    await processEvents();
    expect(await pairCount(0, 1)).toBe(2);
    expect(await pairCount(0, 2)).toBe(1);
    expect(await pairCount(1, 2)).toBe(1);
    expect(await prisma.productSales.findUnique({ where: { productId: P(0) } })).toMatchObject({ orders: 2, units: 2 });

    const before = await counts();
    // The same events again (a replay after a crash), and reconciliations racing each other.
    for (const order of [first, second]) {
      await enqueue(prisma, {
        topic: ORDER_STANDING_TOPIC,
        aggregateId: order.id,
        payload: { orderId: order.id },
      });
    }
    await processEvents();
    const raced = await Promise.all(
      Array.from({ length: 5 }, () => runTransaction(prisma, (tx) => reconcileOrderCounts(tx, second.id))),
    );
    expect(raced).toEqual(Array(5).fill("unchanged"));
    expect(await counts()).toEqual(before);

    // A new paid order reconciled by several workers at once is counted once.
    const third = await paid([0, 1]);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => runTransaction(prisma, (tx) => reconcileOrderCounts(tx, third.id))),
    );
    expect(outcomes.filter((outcome) => outcome === "added")).toHaveLength(1);
    expect(await pairCount(0, 1)).toBe(3);
    await processEvents();
    expect(await pairCount(0, 1)).toBe(3);
  });

  it("take a paid order out when it is cancelled or refunded in full, and keep it after a partial refund", async () => {
    const cancelled = await paid([3, 4]);
    const refunded = await paid([3, 4]);
    await processEvents();
    expect(await pairCount(3, 4)).toBe(2);

    await refundOrder(prisma, staff, {
      orderId: refunded.id,
      amountCents: 100,
      reason: "other",
      requestKey: `refund:${randomUUID()}`,
    });
    await processEvents();
    expect(await pairCount(3, 4)).toBe(2);

    await refundOrder(prisma, staff, {
      orderId: refunded.id,
      amountCents: refunded.totalCents - 100,
      reason: "other",
      requestKey: `refund:${randomUUID()}`,
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: refunded.id } })).toMatchObject({ status: "REFUNDED" });
    await processEvents();
    expect(await pairCount(3, 4)).toBe(1);

    await cancelOrder(prisma, staff, {
      orderId: cancelled.id,
      reason: "Customer asked",
      requestKey: `c:${randomUUID()}`,
    });
    await processEvents();
    expect(await pairCount(3, 4)).toBe(0);
    expect(await prisma.productSales.findUnique({ where: { productId: P(3) } })).toMatchObject({ orders: 0, units: 0 });
    // Replaying the reversal changes nothing more.
    for (const order of [cancelled, refunded]) {
      expect(await runTransaction(prisma, (tx) => reconcileOrderCounts(tx, order.id))).toBe("unchanged");
    }
  });

  it("are the same when rebuilt from the orders as when kept incrementally", async () => {
    const incremental = await counts();
    expect(incremental.pairs.length).toBeGreaterThan(0);
    await runTransaction(prisma, (tx) => rebuildRecommendationCounts(tx));
    expect(await counts()).toEqual(incremental);
  });
});

describe("recommendation reads", () => {
  it("put products bought together first, then same-category best sellers", async () => {
    // 0 and 1 were bought together in three orders: enough (MIN_PAIR_ORDERS); 0 and 2 in one: not yet.
    expect(MIN_PAIR_ORDERS).toBe(2);
    const forZero = await productRecommendations(prisma, P(0));
    expect(forZero.basis).toBe("bought_together");
    expect(forZero.products.map((product) => product.id)[0]).toBe(P(1));
    expect(forZero.products.map((product) => product.id)).not.toContain(P(0));
    expect(forZero.products).toHaveLength(4);

    // Product 5 was never sold: its row is the category's best sellers, most ordered first (0 and 1 are
    // in three orders each, 2 in one).
    const forFive = await productRecommendations(prisma, P(5));
    expect(forFive.basis).toBe("similar");
    const ranked = forFive.products.map((product) => product.id);
    expect(ranked.slice(0, 2).sort()).toEqual([P(0), P(1)].sort());
    expect(ranked[2]).toBe(P(2));
  });

  it("never return draft, archived or sold-out products, even when they were bought together most", async () => {
    // Counts naming the draft (6) and the sold-out product (7) as the strongest partners of product 2.
    const now = new Date();
    for (const other of [6, 7]) {
      const [productAId, productBId] = [P(2), P(other)].sort() as [string, string];
      await prisma.productPair.create({ data: { productAId, productBId, orders: 50, updatedAt: now } });
    }
    await prisma.productSales.createMany({
      data: [6, 7].map((index) => ({ productId: P(index), orders: 100, units: 100 })),
    });
    const ids = (await productRecommendations(prisma, P(2))).products.map((product) => product.id);
    expect(ids).not.toContain(P(6));
    expect(ids).not.toContain(P(7));
    expect(ids.length).toBeGreaterThan(0);

    // Archiving a recommended product takes it out at once.
    await prisma.product.update({ where: { id: P(1) }, data: { status: "ARCHIVED" } });
    try {
      const afterArchive = await productRecommendations(prisma, P(0));
      expect(afterArchive.products.map((product) => product.id)).not.toContain(P(1));
      const basket = await basketRecommendations(prisma, []);
      for (const hidden of [1, 6, 7]) expect(basket.products.map((product) => product.id)).not.toContain(P(hidden));
    } finally {
      await prisma.product.update({ where: { id: P(1) }, data: { status: "ACTIVE" } });
    }
  });

  it("suggest for a cart what is bought with its products, and best sellers for an empty one", async () => {
    const forCart = await basketRecommendations(prisma, [P(1)]);
    expect(forCart.basis).toBe("bought_together");
    expect(forCart.products[0]?.id).toBe(P(0));
    expect(forCart.products.map((product) => product.id)).not.toContain(P(1));

    const empty = await basketRecommendations(prisma, []);
    expect(empty.basis).toBe("best_sellers");
    const ranked = empty.products.map((product) => product.id);
    expect(ranked.slice(0, 2).sort()).toEqual([P(0), P(1)].sort());
    expect(ranked[2]).toBe(P(2));
    expect(ranked).toHaveLength(4);
  });
});
