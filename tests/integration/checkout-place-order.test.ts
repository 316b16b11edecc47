// placeOrder against a real PostgreSQL: pricing from the database, rejected cases that write nothing,
// double submits, and the concurrency guarantees (no oversell, coupon limits, expired reservations).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { placeOrder } from "@/lib/checkout/place-order";
import { OutOfStockError } from "@/lib/inventory/stock-errors";
import { releaseExpiredReservations, releaseReservations } from "@/lib/inventory/release";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { quoteCheckout } from "@/lib/checkout/quote";
import { shippingAddressSchema } from "@/lib/checkout/address";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

import { createStore, createCart, address, checkoutInput, stock, snapshot } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
beforeAll(async () => {
  db = await createTestDatabase("checkout");
  prisma = db.prisma;
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

describe("placeOrder", () => {
  it("prices from the database, snapshots the lines and reserves stock from one location", async () => {
    const store = await createStore(prisma, {
      variants: [
        { priceCents: 2500, stock: [1, 5] },
        { priceCents: 1000, stock: [0, 3] },
      ],
    });
    const [a, b] = store.variantIds as [string, string];
    const cartId = await createCart(prisma, [
      { variantId: a, quantity: 2 },
      { variantId: b, quantity: 1 },
    ]);
    // The price changed after the line was added: the order uses the database price.
    await prisma.variant.update({ where: { id: a }, data: { priceCents: 2400 } });

    const { order, created } = await placeOrder(
      prisma,
      checkoutInput(cartId, { shippingMethod: "EXPRESS", email: "Ada@Example.com" }),
    );
    expect(created).toBe(true);
    expect(order).toMatchObject({
      status: "PENDING_PAYMENT",
      paymentStatus: "PENDING",
      email: "ada@example.com",
      currency: "USD",
      subtotalCents: 5800,
      discountCents: 0,
      shippingCents: 1500,
      taxRateBps: 725,
      taxCents: 421, // 5800 * 7.25 % = 420.5 -> 421 (shipping is not taxed)
      totalCents: 7721,
      shippingMethod: "EXPRESS",
      shippingMethodName: "Express",
    });
    const line = order.lines.find((entry) => entry.variantId === a)!;
    expect(line).toMatchObject({
      title: "Tee 0",
      variantTitle: "M",
      unitPriceCents: 2400,
      quantity: 2,
      imageUrl: "/img/tee-0.png",
    });
    expect(order.lines.reduce((sum, entry) => sum + entry.taxCents, 0)).toBe(421);
    expect(order.lines.reduce((sum, entry) => sum + entry.totalCents, 0)).toBe(order.totalCents - order.shippingCents);

    // WH1 (priority 0) cannot hold both lines; WH2 can: one parcel from WH2.
    const reservations = await prisma.reservation.findMany({ where: { orderId: order.id } });
    expect(reservations.map((r) => [r.variantId, r.locationId, r.quantity, r.status]).sort()).toEqual(
      [
        [a, store.locationIds[1], 2, "ACTIVE"],
        [b, store.locationIds[1], 1, "ACTIVE"],
      ].sort(),
    );
    const ttl = reservations[0]!.expiresAt.getTime() - order.createdAt.getTime();
    expect(ttl).toBe(15 * 60_000); // RESERVATION_TTL_MINUTES' default, from the order's own timestamp
    expect(await stock(prisma, a)).toEqual({ onHand: [1, 5], reserved: [0, 2], activeReservedSum: 2 });
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, type: "placed" } })).toBe(1);
    // The order, its lines and its number come back from the statement that also reserved the stock.
    const stored = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { lines: true } });
    expect(order.number).toBe(stored.number);
    expect(order.lines.map((entry) => entry.id).sort()).toEqual(stored.lines.map((entry) => entry.id).sort());
    expect(reservations.map((r) => r.orderLineId).sort()).toEqual(order.lines.map((entry) => entry.id).sort());
  });

  it("splits a line across locations only when no single location holds it", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 100, stock: [2, 3] }] });
    const [a] = store.variantIds as [string];
    const { order } = await placeOrder(
      prisma,
      checkoutInput(await createCart(prisma, [{ variantId: a, quantity: 4 }])),
    );
    const reservations = await prisma.reservation.findMany({
      where: { orderId: order.id },
      include: { location: true },
    });
    expect(reservations.map((r) => [r.location.priority, r.quantity]).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(await stock(prisma, a)).toMatchObject({ reserved: [2, 2], activeReservedSum: 4 });
  });

  it("rejects a short cart naming each short line, and writes nothing", async () => {
    const store = await createStore(prisma, {
      variants: [
        { priceCents: 100, stock: [1, 1] },
        { priceCents: 100, stock: [0, 0] },
        { priceCents: 100, stock: [5, 0] },
      ],
    });
    const [a, b, c] = store.variantIds as [string, string, string];
    const cartId = await createCart(prisma, [
      { variantId: a, quantity: 3 },
      { variantId: b, quantity: 1 },
      { variantId: c, quantity: 1 },
    ]);
    const before = await snapshot(prisma);
    const error = await rejection(placeOrder(prisma, checkoutInput(cartId)));
    expect(error).toBeInstanceOf(OutOfStockError);
    expect(error.code).toBe("out_of_stock");
    expect(
      (error as OutOfStockError).lines.map(({ variantId, requested, available, title }) => ({
        variantId,
        requested,
        available,
        title,
      })),
    ).toEqual([
      { variantId: a, requested: 3, available: 2, title: "Tee 0 – M" },
      { variantId: b, requested: 1, available: 0, title: "Tee 1 – M" },
    ]);
    expect(error.message).toBe("Only 2 of “Tee 0 – M” are available (you asked for 3). “Tee 1 – M” is sold out.");
    expect(await snapshot(prisma)).toEqual(before);
  });

  it.each([
    [
      "an inactive product",
      "DRAFT" as const,
      "variant_unavailable",
      "“Tee 0 – M” is no longer available. Please remove it from your cart.",
    ],
  ])("rejects %s and writes nothing", async (_name, status, code, message) => {
    const store = await createStore(prisma, { variants: [{ priceCents: 100, stock: [5, 5], status }] });
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]);
    const before = await snapshot(prisma);
    const error = await rejection(placeOrder(prisma, checkoutInput(cartId)));
    expect([error.code, error.message]).toEqual([code, message]);
    expect(await snapshot(prisma)).toEqual(before);
  });

  it("rejects bad input with field errors and writes nothing", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 100, stock: [5, 5] }] });
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]);
    const before = await snapshot(prisma);
    const error = await rejection(
      placeOrder(
        prisma,
        checkoutInput(cartId, {
          email: "not-an-email",
          shippingAddress: { ...address, postalCode: "ABCDE", city: "x".repeat(5000), firstName: "  " },
          shippingMethod: "TELEPORT" as "STANDARD",
        }),
      ),
    );
    expect(error.code).toBe("invalid_checkout");
    expect(error.details?.fieldErrors).toEqual({
      email: "Enter a valid email address.",
      "shippingAddress.firstName": "First name is required.",
      "shippingAddress.city": "City must be at most 100 characters.",
      "shippingAddress.postalCode": "Enter a valid postal code (for example 94103 or 94103-1234).",
      shippingMethod: "Choose a shipping option.",
    });
    const postal = await rejection(
      placeOrder(prisma, checkoutInput(cartId, { shippingAddress: { ...address, postalCode: "ABCDE" } })),
    );
    expect(postal.details?.fieldErrors).toEqual({
      "shippingAddress.postalCode": "Enter a valid postal code (for example 94103 or 94103-1234).",
    });
    const empty = await rejection(placeOrder(prisma, checkoutInput(await createCart(prisma, []))));
    expect([empty.code, empty.message]).toEqual(["cart_empty", "Your cart is empty."]);
    const unknownCart = await rejection(placeOrder(prisma, checkoutInput("c_does_not_exist")));
    expect(unknownCart.code).toBe("cart_not_found");
    const noRoute = await rejection(
      placeOrder(
        prisma,
        checkoutInput(cartId, {
          shippingAddress: { ...address, country: "JP", region: undefined, postalCode: "100-0001" },
        }),
      ),
    );
    expect([noRoute.code, noRoute.message]).toEqual([
      "shipping_method_unavailable",
      "This shipping option is not available for your address.",
    ]);
    expect(await snapshot(prisma)).toEqual(before);
  });

  it("gives one order for a double submit, also when both submits race", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 100, stock: [5, 0] }] });
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 2 }]);
    const input = checkoutInput(cartId);
    const results = await Promise.all(Array.from({ length: 5 }, () => placeOrder(prisma, input)));
    expect(new Set(results.map((result) => result.order.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const again = await placeOrder(prisma, input);
    expect(again).toMatchObject({ created: false, order: { id: results[0]!.order.id } });
    expect(await prisma.order.count({ where: { checkoutToken: input.checkoutToken } })).toBe(1);
    expect(await stock(prisma, store.variantIds[0]!)).toMatchObject({ reserved: [2, 0], activeReservedSum: 2 });
  });
});

describe("the review step's quote", () => {
  it("shows exactly what placing the order charges, coupon included, and writes nothing", async () => {
    const store = await createStore(prisma, {
      variants: [
        { priceCents: 3333, stock: [5, 0] },
        { priceCents: 1250, stock: [0, 4] },
      ],
    });
    const [a, b] = store.variantIds as [string, string];
    const code = `QUOTE-${randomUUID().slice(0, 6)}`.toUpperCase();
    await prisma.coupon.create({ data: { code, type: "PERCENTAGE", value: 1500 } });
    const cartId = await createCart(prisma, [
      { variantId: a, quantity: 2 },
      { variantId: b, quantity: 3 },
    ]);
    const before = await snapshot(prisma);
    const quote = await quoteCheckout(prisma, {
      cartId,
      email: "ada@example.com",
      shippingAddress: shippingAddressSchema.parse(address),
      shippingMethod: "EXPRESS",
      couponCode: code,
    });
    expect(await snapshot(prisma)).toEqual(before);
    expect(quote).toMatchObject({
      shippingMethodName: "Express",
      taxName: "California",
      couponCode: code,
      couponError: null,
    });

    const { order } = await placeOrder(prisma, checkoutInput(cartId, { shippingMethod: "EXPRESS", couponCode: code }));
    expect({
      subtotalCents: order.subtotalCents,
      discountCents: order.discountCents,
      shippingCents: order.shippingCents,
      taxCents: order.taxCents,
      totalCents: order.totalCents,
    }).toEqual({
      subtotalCents: quote.totals.subtotalCents,
      discountCents: quote.totals.discountCents,
      shippingCents: quote.totals.shippingCents,
      taxCents: quote.totals.taxCents,
      totalCents: quote.totals.totalCents,
    });
    expect(order.discountCents).toBe(Math.round((2 * 3333 + 3 * 1250) * 0.15));
  });

  it("leaves out a code that does not apply and says why, where placing the order refuses it", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 2000, stock: [5, 0] }] });
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]);
    const quote = await quoteCheckout(prisma, {
      cartId,
      email: "ada@example.com",
      shippingAddress: shippingAddressSchema.parse(address),
      shippingMethod: "STANDARD",
      couponCode: "NOPE",
    });
    expect(quote).toMatchObject({ couponCode: null, couponError: "The code NOPE does not exist." });
    expect(quote.totals).toMatchObject({
      subtotalCents: 2000,
      discountCents: 0,
      shippingCents: 500,
      taxCents: 145,
      totalCents: 2645,
    });
    const error = await rejection(placeOrder(prisma, checkoutInput(cartId, { couponCode: "NOPE" })));
    expect(error.code).toBe("coupon_not_found");
  });
});

describe("concurrency", () => {
  /**
   * Places each cart again, one at a time, and expects every one to be refused as out of stock with the
   * lines it names really short now (requested more than available), and nothing written. A cart that a
   * race refused falsely (a lost update, a deadlock reported as sold out) would be placed here.
   */
  async function expectStillShort(cartIds: string[]) {
    const before = await snapshot(prisma);
    for (const cartId of cartIds) {
      const error = await rejection(placeOrder(prisma, checkoutInput(cartId)));
      expect(error, `cart ${cartId}`).toBeInstanceOf(OutOfStockError);
      const lines = (error as OutOfStockError).lines;
      expect(lines.length, `cart ${cartId}`).toBeGreaterThan(0);
      for (const line of lines) expect(line.available, `cart ${cartId}`).toBeLessThan(line.requested);
    }
    expect(await snapshot(prisma)).toEqual(before);
  }

  it("50 buyers for 10 units: exactly 10 orders and 40 clean sold-out results; paying all sells out exactly", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1999, stock: [6, 4] }] });
    const [variantId] = store.variantIds as [string];
    const carts = await Promise.all(Array.from({ length: 50 }, () => createCart(prisma, [{ variantId, quantity: 1 }])));
    const results = await Promise.allSettled(carts.map((cartId) => placeOrder(prisma, checkoutInput(cartId))));
    const placed = results.flatMap((result) => (result.status === "fulfilled" ? [result.value.order] : []));
    const failed = results.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
    expect(placed).toHaveLength(10);
    expect(failed).toHaveLength(40);
    for (const error of failed) {
      expect(error).toBeInstanceOf(OutOfStockError);
      expect((error as OutOfStockError).lines).toEqual([
        { variantId, orderLineId: expect.any(String), requested: 1, available: 0, title: "Tee 0 – M" },
      ]);
    }
    expect(await stock(prisma, variantId)).toEqual({ onHand: [6, 4], reserved: [6, 4], activeReservedSum: 10 });
    expect(await prisma.order.count({ where: { lines: { some: { variantId } } } })).toBe(10);
    // Each refused cart, tried again alone, is still refused for stock: none was turned away falsely.
    await expectStillShort(carts.filter((_, index) => results[index]!.status === "rejected"));

    const paid = await Promise.all(
      placed.map((order) =>
        markOrderPaid(prisma, {
          orderId: order.id,
          provider: "TEST",
          providerRef: `pay_${order.id}`,
          amountCents: order.totalCents,
          currency: "USD",
        }),
      ),
    );
    expect(paid.map((result) => result.outcome)).toEqual(Array(10).fill("paid"));
    expect(await stock(prisma, variantId)).toEqual({ onHand: [0, 0], reserved: [0, 0], activeReservedSum: 0 });
    const sold = await prisma.inventoryAdjustment.aggregate({
      where: { variantId, reason: "SALE" },
      _sum: { delta: true },
    });
    expect(sold._sum.delta).toBe(-10);
  });

  it("multi-line carts across two locations never oversell either variant", async () => {
    const store = await createStore(prisma, {
      variants: [
        { priceCents: 500, stock: [3, 4] },
        { priceCents: 700, stock: [5, 2] },
      ],
    });
    const [a, b] = store.variantIds as [string, string];
    // Mixed carts: some want 2 of a, some 2 of b, in both line orders.
    const specs = Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0
        ? [
            { variantId: a, quantity: 1 + (i % 3 === 0 ? 1 : 0) },
            { variantId: b, quantity: 1 },
          ]
        : [
            { variantId: b, quantity: 1 + (i % 3 === 0 ? 1 : 0) },
            { variantId: a, quantity: 1 },
          ],
    );
    const carts = await Promise.all(specs.map((lines) => createCart(prisma, lines)));
    const results = await Promise.allSettled(carts.map((cartId) => placeOrder(prisma, checkoutInput(cartId))));
    const rejected = results.filter((result) => result.status === "rejected");
    for (const result of rejected) expect(result.reason).toBeInstanceOf(OutOfStockError);
    const orders = results.flatMap((result) => (result.status === "fulfilled" ? [result.value.order] : []));
    // 7 units of a and 7 of b, each cart wanting 2 or 3 units: at least 3 carts always fit, whatever the order.
    expect(orders.length).toBeGreaterThanOrEqual(3);
    expect(orders.length + rejected.length).toBe(24);

    for (const variantId of [a, b]) {
      const level = await stock(prisma, variantId);
      const ordered = orders
        .flatMap((order) => order.lines)
        .filter((line) => line.variantId === variantId)
        .reduce((sum, line) => sum + line.quantity, 0);
      expect(level.reserved.reduce((x, y) => x + y, 0)).toBe(ordered);
      expect(level.activeReservedSum).toBe(ordered);
      level.reserved.forEach((reserved, i) => expect(reserved).toBeLessThanOrEqual(level.onHand[i]!));
    }
    // Every refused cart was refused only because a line truly ran short: tried again alone, against what
    // the race left, it is still refused for stock (stock only went down since).
    await expectStillShort(carts.filter((_, index) => results[index]!.status === "rejected"));
    for (const order of orders) {
      const reservations = await prisma.reservation.findMany({ where: { orderId: order.id } });
      for (const line of order.lines) {
        expect(reservations.filter((r) => r.orderLineId === line.id).reduce((sum, r) => sum + r.quantity, 0)).toBe(
          line.quantity,
        );
      }
    }
  });

  it("a coupon limited to 3 uses, 10 concurrent checkouts: 3 get it, 7 get the exhausted error", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 4000, stock: [50, 0] }] });
    const coupon = await prisma.coupon.create({
      data: {
        code: `LIMIT3-${randomUUID().slice(0, 6)}`.toUpperCase(),
        type: "PERCENTAGE",
        value: 2500,
        usageLimit: 3,
        scope: "CATEGORIES",
        categories: { create: { categoryId: store.categoryIds.parent } },
      },
    });
    const carts = await Promise.all(
      Array.from({ length: 10 }, () => createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }])),
    );
    const results = await Promise.allSettled(
      carts.map((cartId, i) =>
        placeOrder(
          prisma,
          checkoutInput(cartId, { email: `buyer${i}@example.com`, couponCode: ` ${coupon.code.toLowerCase()} ` }),
        ),
      ),
    );
    const orders = results.flatMap((result) => (result.status === "fulfilled" ? [result.value.order] : []));
    const errors = results.flatMap((result) => (result.status === "rejected" ? [result.reason as UserError] : []));
    expect(orders).toHaveLength(3);
    // 25 % off the parent category applies to the child category's product.
    for (const order of orders)
      expect(order).toMatchObject({ couponId: coupon.id, discountCents: 1000, subtotalCents: 4000 });
    expect(errors.map((error) => [error.code, error.message])).toEqual(
      Array(7).fill(["coupon_exhausted", `The code ${coupon.code} has reached its usage limit.`]),
    );
    const outcomes = await Promise.all(
      orders.map((order) =>
        markOrderPaid(prisma, {
          orderId: order.id,
          provider: "TEST",
          providerRef: `pay_${order.id}`,
          amountCents: order.totalCents,
          currency: "USD",
        }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(["paid", "paid", "paid"]);
    expect((await prisma.coupon.findUniqueOrThrow({ where: { id: coupon.id } })).timesRedeemed).toBe(3);
    expect(await prisma.couponRedemption.count({ where: { couponId: coupon.id } })).toBe(3);
    const late = await rejection(
      placeOrder(
        prisma,
        checkoutInput(await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]), {
          couponCode: coupon.code,
        }),
      ),
    );
    expect(late.code).toBe("coupon_exhausted");
  });

  it("counts the per-customer limit by lower-cased email, and rejects coupon problems writing nothing", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 4000, stock: [50, 0] }] });
    const variantId = store.variantIds[0]!;
    const code = `ONCE-${randomUUID().slice(0, 6)}`.toUpperCase();
    await prisma.coupon.create({ data: { code, type: "FIXED_AMOUNT", value: 500, perCustomerLimit: 1 } });
    await placeOrder(
      prisma,
      checkoutInput(await createCart(prisma, [{ variantId, quantity: 1 }]), {
        email: "Grace@Example.com",
        couponCode: code,
      }),
    );
    const before = await snapshot(prisma);
    const again = await rejection(
      placeOrder(
        prisma,
        checkoutInput(await createCart(prisma, [{ variantId, quantity: 1 }]), {
          email: "grace@example.COM",
          couponCode: code,
        }),
      ),
    );
    expect([again.code, again.message]).toEqual([
      "coupon_customer_limit_reached",
      `You have already used the code ${code} the maximum number of times.`,
    ]);
    const unknown = await rejection(
      placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId, quantity: 1 }]), { couponCode: "nope" })),
    );
    expect([unknown.code, unknown.message]).toEqual(["coupon_not_found", "The code NOPE does not exist."]);
    const expiredCode = `OLD-${randomUUID().slice(0, 6)}`.toUpperCase();
    await prisma.coupon.create({
      data: {
        code: expiredCode,
        type: "PERCENTAGE",
        value: 1000,
        endsAt: new Date(Date.now() - 1000),
        startsAt: new Date(Date.now() - 86_400_000),
      },
    });
    const before2 = await snapshot(prisma);
    const expired = await rejection(
      placeOrder(
        prisma,
        checkoutInput(await createCart(prisma, [{ variantId, quantity: 1 }]), { couponCode: expiredCode }),
      ),
    );
    expect([expired.code, expired.message]).toEqual(["coupon_expired", `The code ${expiredCode} has expired.`]);
    expect((await snapshot(prisma)).orders).toEqual(before.orders);
    expect(await snapshot(prisma)).toEqual(before2);
  });
});

describe("reservation expiry", () => {
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

  it("an expired reservation the sweep has not released yet does not block another checkout", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 100, stock: [1, 0] }] });
    const [variantId] = store.variantIds as [string];
    const abandoned = await placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId, quantity: 1 }])), {
      now: minutesAgo(20),
    });
    expect(await stock(prisma, variantId)).toMatchObject({ reserved: [1, 0] });
    const { order } = await placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId, quantity: 1 }])));
    expect(order.status).toBe("PENDING_PAYMENT");
    expect(
      await prisma.reservation.findMany({ where: { orderId: abandoned.order.id }, select: { status: true } }),
    ).toEqual([{ status: "RELEASED" }]);
    expect(await stock(prisma, variantId)).toEqual({ onHand: [1, 0], reserved: [1, 0], activeReservedSum: 1 });
  });

  it("the sweep releases expired reservations exactly once, also when sweeps run concurrently", async () => {
    const store = await createStore(prisma, {
      variants: [
        { priceCents: 100, stock: [10, 10] },
        { priceCents: 100, stock: [5, 0] },
      ],
    });
    const [variantId, other] = store.variantIds as [string, string];
    for (let i = 0; i < 7; i++) {
      await placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId, quantity: 2 }])), {
        now: minutesAgo(30),
      });
    }
    // A live order on another variant: the sweep must leave it alone.
    const live = await placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId: other, quantity: 1 }])));
    expect(await stock(prisma, variantId)).toMatchObject({ reserved: [10, 4], activeReservedSum: 14 });
    const counts = await Promise.all(
      [1, 2, 3].map(() => releaseExpiredReservations(prisma, new Date(), { batchSize: 2 })),
    );
    expect(counts.reduce((x, y) => x + y, 0)).toBe(7);
    expect(await releaseExpiredReservations(prisma, new Date())).toBe(0);
    expect(await stock(prisma, variantId)).toEqual({ onHand: [10, 10], reserved: [0, 0], activeReservedSum: 0 });
    expect(await stock(prisma, other)).toMatchObject({ reserved: [1, 0], activeReservedSum: 1 });
    expect(await prisma.reservation.findMany({ where: { orderId: live.order.id }, select: { status: true } })).toEqual([
      { status: "ACTIVE" },
    ]);
  });

  it("releaseReservations returns an order's units at once and is idempotent", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 100, stock: [2, 2] }] });
    const [variantId] = store.variantIds as [string];
    const { order } = await placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId, quantity: 3 }])));
    expect(await prisma.$transaction((tx) => releaseReservations(tx, order.id))).toEqual({ released: 2, units: 3 });
    expect(await prisma.$transaction((tx) => releaseReservations(tx, order.id))).toEqual({ released: 0, units: 0 });
    expect(await stock(prisma, variantId)).toEqual({ onHand: [2, 2], reserved: [0, 0], activeReservedSum: 0 });
  });
});

describe("search sync of stock crossing zero", () => {
  it("queues the product's search document when its last unit is reserved, and again when it comes back", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [1, 0] }] });
    const variantId = store.variantIds[0]!;
    const productId = store.productIds[0]!;
    const queued = () =>
      prisma.outboxEvent.count({ where: { topic: "search.product.upsert", aggregateId: productId } });
    expect(await queued()).toBe(0);

    const cartId = await createCart(prisma, [{ variantId, quantity: 1 }]);
    const { order } = await placeOrder(prisma, checkoutInput(cartId));
    expect(await queued()).toBe(1); // available went 1 -> 0

    await prisma.$transaction((tx) => releaseReservations(tx, order.id));
    expect(await queued()).toBe(2); // available went 0 -> 1
  });

  it("queues it when a line split across two locations takes the last unit of both", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [2, 1] }] });
    const productId = store.productIds[0]!;
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 3 }]);
    await placeOrder(prisma, checkoutInput(cartId));
    expect(await stock(prisma, store.variantIds[0]!)).toMatchObject({ reserved: [2, 1] });
    expect(await prisma.outboxEvent.count({ where: { topic: "search.product.upsert", aggregateId: productId } })).toBe(
      1,
    );
  });

  it("counts active locations only: the last unit at the only active one queues it, an inactive one's stock aside", async () => {
    // The second warehouse is closed (inactive): its 5 units are not for sale and do not count.
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [1, 5] }] });
    await prisma.location.update({ where: { id: store.locationIds[1] }, data: { active: false } });
    const [variantId] = store.variantIds as [string];
    const productId = store.productIds[0]!;
    const reindexQueued = () =>
      prisma.outboxEvent.count({ where: { topic: "search.product.upsert", aggregateId: productId } });

    // A second unit does not exist for sale: the closed warehouse's stock is not reserved from.
    const refused = await rejection(
      placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId, quantity: 2 }]))),
    );
    expect((refused as OutOfStockError).lines).toMatchObject([{ variantId, requested: 2, available: 1 }]);

    await placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId, quantity: 1 }])));
    expect(await stock(prisma, variantId)).toMatchObject({ onHand: [1, 5], reserved: [1, 0] });
    // Sold out where it is sold: the search document must say so.
    expect(await reindexQueued()).toBe(1);
  });

  it("does not queue anything when stock stays above zero", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 5] }] });
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 2 }]);
    await placeOrder(prisma, checkoutInput(cartId));
    expect(
      await prisma.outboxEvent.count({ where: { topic: "search.product.upsert", aggregateId: store.productIds[0]! } }),
    ).toBe(0);
  });
});
