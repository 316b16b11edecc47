// Automatic promotions against a real PostgreSQL: the date window at checkout (a promotion that starts
// between the review and the payment is a changed total), limited promotions under concurrency (exactly
// the limit get it) and at payment, the discount lines each order keeps by name, the cart's view, and
// the admin's rules (administrators only, audited).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { getShopperCart } from "@/lib/cart/cart";
import { shippingAddressSchema } from "@/lib/checkout/address";
import { placeOrder } from "@/lib/checkout/place-order";
import { quoteCheckout } from "@/lib/checkout/quote";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { orderTotalLines } from "@/lib/orders/total-lines";
import { selectShippingRate } from "@/lib/pricing/shipping";
import { savePromotionInput } from "@/lib/settings/promotion-form";
import { listPromotionsForAdmin, savePromotion, setPromotionActive } from "@/lib/settings/promotions";
import { address, checkoutInput, createCart, createStore } from "../helpers/checkout-fixture";
import { createRecordingClient, createTestDatabase, type TestDatabase } from "../helpers/db";

let db: TestDatabase;
let prisma: Db;
beforeAll(async () => {
  db = await createTestDatabase("promotions");
  prisma = db.prisma;
});
afterAll(async () => {
  await db?.drop();
});

const HOUR = 3_600_000;

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

/** A promotion on this test's products only, so the tests sharing the database never see each other's. */
function promotion(productIds: string[], data: Partial<Prisma.PromotionUncheckedCreateInput>) {
  return prisma.promotion.create({
    data: { name: "Sale", kind: "PERCENT_OFF", valueBps: 1000, scope: "PRODUCTS", targetIds: productIds, ...data },
  });
}

function pay(order: { id: string; totalCents: number }) {
  return markOrderPaid(prisma, {
    orderId: order.id,
    provider: "TEST",
    providerRef: `pay_${order.id}`,
    amountCents: order.totalCents,
    currency: "USD",
  });
}

describe("automatic promotions at checkout", () => {
  it("apply only inside their window; one that starts between review and payment is a changed total", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 4000, stock: [20, 0] }] });
    const now = new Date();
    const sale = await promotion(store.productIds, {
      name: "Weekend 25 % off",
      valueBps: 2500,
      startsAt: new Date(now.getTime() + HOUR),
      endsAt: new Date(now.getTime() + 3 * HOUR),
    });
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]);
    const quoteInput = {
      cartId,
      email: "ada@example.com",
      shippingAddress: shippingAddressSchema.parse(address),
      shippingMethod: "STANDARD" as const,
      couponCode: null,
    };
    const before = await quoteCheckout(prisma, quoteInput, now);
    expect(before.totals.discounts).toEqual([]);
    expect(before.totals.discountCents).toBe(0);

    // The shopper reviewed the undiscounted total; the sale started before they paid.
    const started = new Date(now.getTime() + 2 * HOUR);
    const changed = await rejection(
      placeOrder(prisma, checkoutInput(cartId, { expectedTotalCents: before.totals.totalCents }), { now: started }),
    );
    expect(changed.code).toBe("total_changed");
    expect(await prisma.order.count({ where: { cartId } })).toBe(0);

    const during = await quoteCheckout(prisma, quoteInput, started);
    expect(during.totals.discounts).toEqual([
      { source: "PROMOTION", promotionId: sale.id, name: "Weekend 25 % off", target: "ITEMS", amountCents: 1000 },
    ]);
    const { order } = await placeOrder(
      prisma,
      checkoutInput(cartId, { expectedTotalCents: during.totals.totalCents }),
      {
        now: started,
      },
    );
    expect(order).toMatchObject({ subtotalCents: 4000, discountCents: 1000 });
    expect(
      await prisma.orderDiscount.findMany({ where: { orderId: order.id }, select: { name: true, amountCents: true } }),
    ).toEqual([{ name: "Weekend 25 % off", amountCents: 1000 }]);

    // After the end, and before the start, the same cart pays full price.
    const ended = await quoteCheckout(prisma, quoteInput, new Date(now.getTime() + 3 * HOUR));
    expect(ended.totals.discountCents).toBe(0);
    const early = await quoteCheckout(prisma, quoteInput, new Date(now.getTime() + HOUR - 1));
    expect(early.totals.discountCents).toBe(0);
  });

  it("a promotion limited to 3 uses, 10 concurrent orders: exactly 3 get it, all 3 pay, the next order does not", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 4000, stock: [50, 0] }] });
    const limited = await promotion(store.productIds, { name: "First three", valueBps: 5000, usageLimit: 3 });
    const carts = await Promise.all(
      Array.from({ length: 10 }, () => createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }])),
    );
    const results = await Promise.allSettled(carts.map((cartId) => placeOrder(prisma, checkoutInput(cartId))));
    const orders = results.map((result) => {
      if (result.status === "rejected") throw result.reason;
      return result.value.order;
    });
    const discounted = orders.filter((order) => order.discountCents > 0);
    expect(discounted).toHaveLength(3);
    for (const order of discounted) expect(order.discountCents).toBe(2000);
    expect(await prisma.orderDiscount.count({ where: { promotionId: limited.id } })).toBe(3);

    const outcomes = await Promise.all(discounted.map(pay));
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(["paid", "paid", "paid"]);
    expect((await prisma.promotion.findUniqueOrThrow({ where: { id: limited.id } })).timesUsed).toBe(3);

    const { order: late } = await placeOrder(
      prisma,
      checkoutInput(await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }])),
    );
    expect(late.discountCents).toBe(0);
  });

  it("payment refuses (and refunds) an order whose limited promotion was used up after it was placed", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 3000, stock: [10, 0] }] });
    const limited = await promotion(store.productIds, { name: "Just one", usageLimit: 1 });
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]);
    const { order } = await placeOrder(prisma, checkoutInput(cartId));
    expect(order.discountCents).toBe(300);
    // Another order took the last use meanwhile (its reservation had expired, say).
    await prisma.promotion.update({ where: { id: limited.id }, data: { timesUsed: 1 } });
    const outcome = await pay(order);
    expect(outcome).toMatchObject({ outcome: "needs_refund", reason: "promotion_exhausted" });
    expect((await prisma.promotion.findUniqueOrThrow({ where: { id: limited.id } })).timesUsed).toBe(1);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CANCELLED");
  });

  it("a category promotion and a category coupon read the categories' ancestors once per quote and per order", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 5000, stock: [10, 0] }] });
    // Both on the parent category: the cart's product is in its child, so both need the ancestors.
    await promotion([store.categoryIds.parent], {
      name: "Apparel week",
      scope: "CATEGORIES",
      combinesWithCoupons: true,
    });
    const code = `TEES${randomUUID().slice(0, 8).toUpperCase()}`;
    await prisma.coupon.create({
      data: {
        code,
        type: "PERCENTAGE",
        value: 1000,
        scope: "CATEGORIES",
        categories: { create: { categoryId: store.categoryIds.parent } },
      },
    });
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]);
    const recording = createRecordingClient(db.url);
    const ancestorReads = () => recording.statements.filter((sql) => sql.includes("WITH RECURSIVE up")).length;
    try {
      const quote = await quoteCheckout(recording.prisma, {
        cartId,
        email: "ada@example.com",
        shippingAddress: shippingAddressSchema.parse(address),
        shippingMethod: "STANDARD",
        couponCode: code,
      });
      expect(quote.couponError).toBeNull();
      expect(quote.totals.discounts.map((discount) => [discount.source, discount.name])).toEqual([
        ["PROMOTION", "Apparel week"],
        ["COUPON", expect.stringContaining(code)],
      ]);
      expect(ancestorReads()).toBe(1);
      const { order } = await placeOrder(
        recording.prisma,
        checkoutInput(cartId, { couponCode: code, expectedTotalCents: quote.totals.totalCents }),
      );
      expect(order.totalCents).toBe(quote.totals.totalCents);
      expect(ancestorReads()).toBe(2);
    } finally {
      await recording.prisma.$disconnect();
    }
  });

  it("placing locks every limited promotion it finally prices with, however many were used up meanwhile", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 10_000, stock: [10, 0] }] });
    // Seven limited promotions that do not combine: the highest priority one wins. Another transaction ends
    // the first six (deactivates them) while this checkout waits for their lock, so the checkout leaves one
    // out per round, more rounds than the old cap of five, down to the seventh.
    const made = [];
    for (let rank = 0; rank < 7; rank++) {
      made.push(
        await promotion(store.productIds, {
          name: `Rank ${rank}`,
          valueBps: 1000 * (7 - rank),
          priority: 100 - rank,
          usageLimit: 50,
        }),
      );
    }
    const ended = made.slice(0, 6).map((entry) => entry.id);
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const seller = prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Promotion" WHERE id IN (${Prisma.join(ended)}) FOR UPDATE`;
        await tx.promotion.updateMany({ where: { id: { in: ended } }, data: { active: false } });
        locked();
        await released;
      },
      { timeout: 60_000, maxWait: 60_000 },
    );
    await lockTaken;
    const placing = placeOrder(prisma, checkoutInput(cartId));
    // The checkout read the six as live (the change is not committed) and now waits for the first's lock.
    for (;;) {
      const [row] = await prisma.$queryRaw<[{ waiting: number }]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (row.waiting > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    await seller;
    const { order } = await placing;
    expect(
      await prisma.orderDiscount.findMany({ where: { orderId: order.id }, select: { promotionId: true, name: true } }),
    ).toEqual([{ promotionId: made[6]!.id, name: "Rank 6" }]);
    expect(order.discountCents).toBe(1000);
  });

  it("buy 2 get 1 free and free shipping for the zone: the cart and the order name each discount", async () => {
    const store = await createStore(prisma, {
      variants: [
        { priceCents: 3000, stock: [10, 0] },
        { priceCents: 1800, stock: [10, 0] },
      ],
    });
    const [a, b] = store.variantIds as [string, string];
    await promotion(store.productIds, {
      name: "Buy 2 get 1 free",
      kind: "BUY_X_GET_Y",
      buyQuantity: 2,
      getQuantity: 1,
      valueBps: 10_000,
      combinesWithPromotions: true,
    });
    const zone = selectShippingRate(await prisma.shippingRate.findMany(), "US", "EXPRESS", "USD").zone;
    await prisma.promotion.create({
      data: { name: "Express on us", kind: "FREE_SHIPPING", shippingZone: "nowhere", priority: 1 },
    });
    const free = await prisma.promotion.create({
      data: { name: "Free domestic shipping", kind: "FREE_SHIPPING", shippingZone: zone, combinesWithPromotions: true },
    });
    const cartId = await createCart(prisma, [
      { variantId: a, quantity: 2 },
      { variantId: b, quantity: 1 },
    ]);
    const cart = await getShopperCart(prisma, cartId);
    expect(cart?.discounts).toEqual([{ name: "Buy 2 get 1 free", amountCents: 1800 }]);

    const { order } = await placeOrder(prisma, checkoutInput(cartId, { shippingMethod: "EXPRESS" }));
    expect(order).toMatchObject({ subtotalCents: 7800, discountCents: 1800, shippingCents: 0, totalCents: 6435 });
    expect(order.lines.map((line) => line.discountCents)).toEqual([0, 1800]);
    const discounts = await prisma.orderDiscount.findMany({
      where: { orderId: order.id },
      orderBy: { position: "asc" },
    });
    expect(
      discounts.map(({ name, target, amountCents, promotionId }) => ({ name, target, amountCents, promotionId })),
    ).toEqual([
      { name: "Buy 2 get 1 free", target: "ITEMS", amountCents: 1800, promotionId: expect.any(String) },
      { name: "Free domestic shipping", target: "SHIPPING", amountCents: 1500, promotionId: free.id },
    ]);
    // The order page, the admin and the email list them by name.
    expect(orderTotalLines({ ...order, discounts })).toEqual([
      ["Subtotal", 7800],
      ["Buy 2 get 1 free", -1800],
      ["Shipping (Express, Free domestic shipping)", 0],
      ["Tax", 435],
    ]);
  });
});

describe("promotion administration", () => {
  const suffix = randomUUID().slice(0, 8);
  const form = (fields: Record<string, string>) => savePromotionInput.parse({ active: "on", ...fields });

  it("administrators create, edit and deactivate promotions, each audited; staff cannot", async () => {
    const admin = await prisma.user.create({ data: { email: `admin.${suffix}@example.com`, role: "ADMIN" } });
    const staff = await prisma.user.create({ data: { email: `staff.${suffix}@example.com`, role: "STAFF" } });
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [1, 0] }] });
    const slug = (await prisma.category.findUniqueOrThrow({ where: { id: store.categoryIds.parent } })).slug;
    const input = form({
      name: "Tiered",
      kind: "TIERED_SPEND",
      scope: "CATEGORIES",
      targets: slug.toUpperCase(),
      tiers: "200: 25, 100: 10",
      active: "",
    });

    const refused = await rejection(savePromotion(prisma, staff, input));
    expect(refused.code).toBe("forbidden");
    expect(await prisma.promotion.count({ where: { name: "Tiered" } })).toBe(0);

    const created = await savePromotion(prisma, admin, input);
    expect(created).toMatchObject({
      kind: "TIERED_SPEND",
      targetIds: [store.categoryIds.parent],
      tiers: [
        { minCents: 10_000, offCents: 1000 },
        { minCents: 20_000, offCents: 2500 },
      ],
      active: false,
      valueBps: null,
    });
    const missing = await rejection(savePromotion(prisma, admin, { ...input, id: created.id, targets: ["no-such"] }));
    expect(missing.details).toMatchObject({ fieldErrors: { targets: "No category has the slug no-such." } });

    await setPromotionActive(prisma, admin, { id: created.id, active: true });
    expect(await rejection(setPromotionActive(prisma, staff, { id: created.id, active: false }))).toMatchObject({
      code: "forbidden",
    });
    const audit = await prisma.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([
      ["promotion.create", admin.id],
      ["promotion.activate", admin.id],
    ]);
  });

  it("the admin list names every target by slug with at most three slug queries, however many promotions", async () => {
    const store = await createStore(prisma, {
      variants: [
        { priceCents: 1000, stock: [1, 0] },
        { priceCents: 1000, stock: [1, 0] },
      ],
    });
    const brand = await prisma.brand.create({ data: { slug: `brand-${suffix}`, name: "Brand" } });
    const gone = await prisma.brand.create({ data: { slug: `gone-${suffix}`, name: "Gone" } });
    await prisma.brand.delete({ where: { id: gone.id } });
    const [product0, product1] = store.productIds as [string, string];
    const made = [
      await promotion([product0], { name: `List A ${suffix}` }),
      await promotion([product1, product0], { name: `List B ${suffix}` }),
      await promotion([store.categoryIds.parent], { name: `List C ${suffix}`, scope: "CATEGORIES" }),
      await promotion([store.categoryIds.child, store.categoryIds.parent], {
        name: `List D ${suffix}`,
        scope: "CATEGORIES",
      }),
      await promotion([brand.id, gone.id], { name: `List E ${suffix}`, scope: "BRANDS" }),
      await promotion([], { name: `List F ${suffix}`, scope: "ALL" }),
    ];
    const slugOf = async (id: string) =>
      (await prisma.product.findUnique({ where: { id } }))?.slug ??
      (await prisma.category.findUniqueOrThrow({ where: { id } })).slug;
    const recording = createRecordingClient(db.url);
    try {
      recording.statements.length = 0;
      const listed = await listPromotionsForAdmin(recording.prisma);
      const slugQueries = recording.statements.filter((sql) => /FROM "public"\."(Product|Category|Brand)"/.test(sql));
      expect(slugQueries).toHaveLength(3);
      // The promotions, their paid orders, then one query per kind of target.
      expect(recording.statements).toHaveLength(5);
      const byId = new Map(listed.map((entry) => [entry.id, entry.targetSlugs]));
      expect(made.map((entry) => byId.get(entry.id))).toEqual([
        [await slugOf(product0)],
        [await slugOf(product1), await slugOf(product0)],
        [await slugOf(store.categoryIds.parent)],
        [await slugOf(store.categoryIds.child), await slugOf(store.categoryIds.parent)],
        [brand.slug, "(deleted)"],
        [],
      ]);
    } finally {
      await recording.prisma.$disconnect();
    }
  });

  it("the form's rules: each kind's fields are required, garbage is a field error", () => {
    const errors = (fields: Record<string, string>) => {
      const parsed = savePromotionInput.safeParse(fields);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
    };
    expect(errors({ name: "x", kind: "PERCENT_OFF" })).toEqual(["percent"]);
    expect(errors({ name: "x", kind: "BUY_X_GET_Y" })).toEqual(["buyQuantity", "getQuantity"]);
    expect(errors({ name: "x", kind: "TIERED_SPEND", tiers: "100" })).toEqual(["tiers"]);
    expect(errors({ name: "x", kind: "PERCENT_OFF", percent: "101" })).toEqual(["percent"]);
    expect(errors({ name: "x", kind: "AMOUNT_OFF", amount: "5", scope: "BRANDS" })).toEqual(["targets"]);
    expect(errors({ name: "", kind: "nope" })).toEqual(expect.arrayContaining(["name", "kind"]));
    expect(form({ name: "3 for 2", kind: "BUY_X_GET_Y", buyQuantity: "2", getQuantity: "1" }).percent).toBe(10_000);
  });
});
