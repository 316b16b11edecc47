// markOrderPaid and markPaymentFailed against a real PostgreSQL: idempotent confirmation under
// concurrency, refusals that change nothing, late payments after the reservation expired, failures.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { placeOrder, type PlacedOrder } from "@/lib/checkout/place-order";
import { releaseExpiredReservations } from "@/lib/inventory/release";
import { markOrderPaid, type MarkOrderPaidInput } from "@/lib/orders/mark-paid";
import { markPaymentFailed } from "@/lib/orders/payment-failed";
import { refundableCents } from "@/lib/orders/admin-queries";
import { lockOrderPayment } from "@/lib/orders/refund-order";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

import { createStore, createCart, checkoutInput, stock, snapshot } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
beforeAll(async () => {
  db = await createTestDatabase("orders_payment");
  prisma = db.prisma;
});
afterAll(async () => {
  await db?.drop();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

function payment(order: PlacedOrder, overrides: Partial<MarkOrderPaidInput> = {}): MarkOrderPaidInput {
  return {
    orderId: order.id,
    provider: "TEST",
    providerRef: `pay_${order.id}`,
    amountCents: order.totalCents,
    currency: order.currency,
    ...overrides,
  };
}

async function orderFor(
  variantId: string,
  quantity = 1,
  options: { now?: Date; couponCode?: string; email?: string } = {},
) {
  const cartId = await createCart(prisma, [{ variantId, quantity }]);
  const { order } = await placeOrder(
    prisma,
    checkoutInput(cartId, { couponCode: options.couponCode, email: options.email ?? "ada@example.com" }),
    { now: options.now },
  );
  return order;
}

describe("markOrderPaid", () => {
  it("commits stock, pays the order, records payment, redemption, outbox email and timeline, and empties the cart", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 3000, stock: [2, 3] }] });
    const [variantId] = store.variantIds as [string];
    const code = `PAY-${randomUUID().slice(0, 6)}`.toUpperCase();
    const coupon = await prisma.coupon.create({ data: { code, type: "FIXED_AMOUNT", value: 700, usageLimit: 5 } });
    const order = await orderFor(variantId, 4, { couponCode: code });
    expect(order).toMatchObject({
      subtotalCents: 12_000,
      discountCents: 700,
      shippingCents: 0,
      taxCents: 819,
      totalCents: 12_119,
    });

    const result = await markOrderPaid(prisma, payment(order));
    expect(result).toMatchObject({ outcome: "paid", orderId: order.id });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PAID",
      paymentStatus: "PAID",
      paidAt: expect.any(Date),
    });
    expect(await stock(prisma, variantId)).toEqual({ onHand: [0, 1], reserved: [0, 0], activeReservedSum: 0 });
    expect(await prisma.reservation.findMany({ where: { orderId: order.id }, select: { status: true } })).toEqual([
      { status: "COMMITTED" },
      { status: "COMMITTED" },
    ]);
    expect(
      await prisma.payment.findMany({
        where: { orderId: order.id },
        select: { provider: true, providerRef: true, amountCents: true, status: true },
      }),
    ).toEqual([{ provider: "TEST", providerRef: `pay_${order.id}`, amountCents: 12_119, status: "SUCCEEDED" }]);
    expect(
      await prisma.couponRedemption.findMany({
        where: { orderId: order.id },
        select: { couponId: true, email: true, amountCents: true },
      }),
    ).toEqual([{ couponId: coupon.id, email: "ada@example.com", amountCents: 700 }]);
    expect((await prisma.coupon.findUniqueOrThrow({ where: { id: coupon.id } })).timesRedeemed).toBe(1);
    // The confirmation email and the recommendation counts' update, each queued once.
    expect(
      await prisma.outboxEvent.findMany({
        where: { aggregateId: order.id },
        select: { topic: true, dedupeKey: true },
        orderBy: { topic: "asc" },
      }),
    ).toEqual([
      { topic: "email.order_confirmation", dedupeKey: `order-confirmation:${order.id}` },
      { topic: "orders.paid_standing", dedupeKey: `order-standing:paid:${order.id}` },
    ]);
    expect(
      (await prisma.orderEvent.findMany({ where: { orderId: order.id }, orderBy: { createdAt: "asc" } })).map(
        (e) => e.type,
      ),
    ).toEqual(["placed", "paid"]);
    const adjustments = await prisma.inventoryAdjustment.findMany({
      where: { orderId: order.id },
      select: { locationId: true, delta: true, reason: true },
    });
    expect(adjustments).toHaveLength(2);
    expect(adjustments).toEqual(
      expect.arrayContaining([
        { locationId: store.locationIds[0], delta: -2, reason: "SALE" },
        { locationId: store.locationIds[1], delta: -2, reason: "SALE" },
      ]),
    );
    expect(await prisma.cartLine.count({ where: { cartId: order.cartId! } })).toBe(0);
  });

  it("5 concurrent confirmations of the same payment commit once, redeem once and queue one email", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 0] }] });
    const [variantId] = store.variantIds as [string];
    const code = `RACE-${randomUUID().slice(0, 6)}`.toUpperCase();
    const coupon = await prisma.coupon.create({ data: { code, type: "PERCENTAGE", value: 1000, usageLimit: 10 } });
    const order = await orderFor(variantId, 2, { couponCode: code });
    const results = await Promise.all(Array.from({ length: 5 }, () => markOrderPaid(prisma, payment(order))));
    expect(results.map((r) => r.outcome).sort()).toEqual([
      "already_paid",
      "already_paid",
      "already_paid",
      "already_paid",
      "paid",
    ]);
    expect(await stock(prisma, variantId)).toEqual({ onHand: [3, 0], reserved: [0, 0], activeReservedSum: 0 });
    expect(await prisma.couponRedemption.count({ where: { couponId: coupon.id } })).toBe(1);
    expect((await prisma.coupon.findUniqueOrThrow({ where: { id: coupon.id } })).timesRedeemed).toBe(1);
    expect(
      await prisma.outboxEvent.count({ where: { aggregateId: order.id, topic: "email.order_confirmation" } }),
    ).toBe(1);
    expect(await prisma.payment.count({ where: { orderId: order.id } })).toBe(1);
    expect(await prisma.inventoryAdjustment.count({ where: { orderId: order.id } })).toBe(1);
  });

  it.each([
    ["amount", { amountCents: 1 }, "amount_mismatch"],
    ["currency", { currency: "EUR" }, "currency_mismatch"],
  ] as const)(
    "refuses a %s mismatch: what was taken goes back in full once, the order and its stock unchanged",
    async (_name, override, reason) => {
      const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 0] }] });
      const order = await orderFor(store.variantIds[0]!);
      const stockBefore = await stock(prisma, store.variantIds[0]!);
      const taken = { ...payment(order), ...override };
      const result = await markOrderPaid(prisma, payment(order, override));
      expect(result).toMatchObject({
        outcome: "needs_refund",
        orderId: order.id,
        reason,
        amountCents: taken.amountCents,
        currency: taken.currency,
      });
      expect(await markOrderPaid(prisma, payment(order, override))).toEqual(result);
      expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
        status: "PENDING_PAYMENT",
        paymentStatus: "PENDING",
        refundedCents: 0,
      });
      expect(await stock(prisma, store.variantIds[0]!)).toEqual(stockBefore);
      expect(await prisma.payment.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({
        status: "SUCCEEDED",
        amountCents: taken.amountCents,
        currency: taken.currency,
        autoRefundReason: reason,
      });
      const refunds = await prisma.outboxEvent.findMany({
        where: { aggregateId: order.id, topic: "payment.refund_required" },
      });
      expect(refunds.map((event) => event.payload)).toEqual([
        expect.objectContaining({ amountCents: taken.amountCents, currency: taken.currency, reason }),
      ]);
      expect(await prisma.orderEvent.count({ where: { orderId: order.id, type: "payment_refused" } })).toBe(1);
    },
  );

  it("refuses a mismatch that took nothing and changes nothing", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 0] }] });
    const order = await orderFor(store.variantIds[0]!);
    const before = await snapshot(prisma);
    expect(await markOrderPaid(prisma, payment(order, { amountCents: 0 }))).toEqual({
      outcome: "rejected",
      orderId: order.id,
      reason: "amount_mismatch",
    });
    expect(await snapshot(prisma)).toEqual(before);
  });

  it("refuses an unknown order and a payment reference of another order, changing nothing", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 0] }] });
    const first = await orderFor(store.variantIds[0]!);
    const second = await orderFor(store.variantIds[0]!);
    await markOrderPaid(prisma, payment(first));
    const before = await snapshot(prisma);
    expect(await markOrderPaid(prisma, { ...payment(second), orderId: "nope" })).toEqual({
      outcome: "rejected",
      orderId: "nope",
      reason: "unknown_order",
    });
    expect(await markOrderPaid(prisma, payment(second, { providerRef: `pay_${first.id}` }))).toMatchObject({
      outcome: "rejected",
      reason: "payment_of_another_order",
    });
    expect(await snapshot(prisma)).toEqual(before);
  });

  it("a second, different payment for a paid order is flagged for refund and does not touch stock", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 0] }] });
    const order = await orderFor(store.variantIds[0]!);
    await markOrderPaid(prisma, payment(order));
    const stockBefore = await stock(prisma, store.variantIds[0]!);
    const result = await markOrderPaid(prisma, payment(order, { providerRef: `second_${order.id}` }));
    expect(result).toMatchObject({
      outcome: "needs_refund",
      reason: "duplicate_payment",
      amountCents: order.totalCents,
    });
    const replay = await markOrderPaid(prisma, payment(order, { providerRef: `second_${order.id}` }));
    expect(replay).toEqual(result);
    expect(await stock(prisma, store.variantIds[0]!)).toEqual(stockBefore);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
    expect(await prisma.outboxEvent.count({ where: { aggregateId: order.id, topic: "payment.refund_required" } })).toBe(
      1,
    );
  });

  it("the duplicate is recorded on the payment, so pruning the outbox changes neither replays nor the refundable balance", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 0] }] });
    const order = await orderFor(store.variantIds[0]!);
    await markOrderPaid(prisma, payment(order));
    const duplicate = await markOrderPaid(prisma, payment(order, { providerRef: `extra_${order.id}` }));
    expect(await prisma.payment.findMany({ where: { orderId: order.id }, select: { autoRefundReason: true } })).toEqual(
      expect.arrayContaining([{ autoRefundReason: null }, { autoRefundReason: "duplicate_payment" }]),
    );
    const refundableBefore = await refundableCents(prisma, order.id);
    expect(refundableBefore).toBe(order.totalCents);

    // The outbox is pruned (the refund event was processed long ago).
    await prisma.outboxEvent.deleteMany({ where: { aggregateId: order.id } });
    expect(await refundableCents(prisma, order.id)).toBe(refundableBefore);
    const lockedBalance = await prisma.$transaction((tx) => lockOrderPayment(tx, order.id));
    expect(lockedBalance).toMatchObject({ refundableCents: order.totalCents });
    expect(lockedBalance?.id).not.toBe(duplicate.outcome === "needs_refund" ? duplicate.paymentId : "");
    // A replay of the extra payment is still told to refund it, never "already paid".
    expect(await markOrderPaid(prisma, payment(order, { providerRef: `extra_${order.id}` }))).toEqual(duplicate);
  });
});

describe("holds known at payment time", () => {
  const hold = (source: string) => ({
    source,
    message: "The store's risk score is high.",
    data: { score: 80 },
  });

  it("are written by the transaction that marks the order paid, once, even when confirmed again", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 0] }] });
    const order = await orderFor(store.variantIds[0]!);
    const input = payment(order, { holds: [hold(`risk:${order.id}`), hold(`test-risk:${order.id}`)] });
    expect(await markOrderPaid(prisma, input)).toMatchObject({ outcome: "paid" });
    expect(await markOrderPaid(prisma, input)).toMatchObject({ outcome: "already_paid" });
    const writers = await prisma.$queryRaw<{ kind: string; xid: string; held: boolean | null }[]>`
      SELECT 'order' AS kind, xmin::text AS xid, "fraudReview" AS held FROM "Order" WHERE id = ${order.id}
      UNION ALL SELECT type, xmin::text, (data->>'held')::boolean FROM "OrderEvent"
        WHERE "orderId" = ${order.id} AND type IN ('paid', 'fraud_review_opened')`;
    expect(writers.map((row) => [row.kind, row.held]).sort()).toEqual([
      ["fraud_review_opened", true],
      ["fraud_review_opened", true],
      ["order", true],
      ["paid", null],
    ]);
    expect(new Set(writers.map((row) => row.xid)).size).toBe(1);
  });

  it("roll back with the payment: an order that cannot be honoured is cancelled for a refund, not held", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [1, 0] }] });
    const [variantId] = store.variantIds as [string];
    const late = await orderFor(variantId, 1, { now: minutesAgo(30) });
    await orderFor(variantId); // takes the unit
    const result = await markOrderPaid(prisma, payment(late, { holds: [hold(`risk:${late.id}`)] }));
    expect(result).toMatchObject({ outcome: "needs_refund", reason: "out_of_stock" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({
      status: "CANCELLED",
      fraudReview: false,
    });
    expect(await prisma.orderEvent.count({ where: { orderId: late.id, type: "fraud_review_opened" } })).toBe(0);
  });

  it("without holds, the order is paid unheld", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [5, 0] }] });
    const order = await orderFor(store.variantIds[0]!);
    expect(await markOrderPaid(prisma, payment(order))).toMatchObject({ outcome: "paid" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ fraudReview: false });
  });
});

describe("payments after the reservation expired", () => {
  it("an expired but unswept reservation is still committed", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [1, 0] }] });
    const order = await orderFor(store.variantIds[0]!, 1, { now: minutesAgo(30) });
    expect(await markOrderPaid(prisma, payment(order))).toMatchObject({ outcome: "paid" });
    expect(await stock(prisma, store.variantIds[0]!)).toEqual({
      onHand: [0, 0],
      reserved: [0, 0],
      activeReservedSum: 0,
    });
  });

  it("a swept reservation is re-reserved and committed when stock is still there", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [0, 2] }] });
    const [variantId] = store.variantIds as [string];
    const order = await orderFor(variantId, 2, { now: minutesAgo(30) });
    await releaseExpiredReservations(prisma, new Date());
    expect(await stock(prisma, variantId)).toMatchObject({ reserved: [0, 0] });
    expect(await markOrderPaid(prisma, payment(order))).toMatchObject({ outcome: "paid" });
    expect(await stock(prisma, variantId)).toEqual({ onHand: [0, 0], reserved: [0, 0], activeReservedSum: 0 });
    const reservations = await prisma.reservation.findMany({
      where: { orderId: order.id },
      select: { status: true, quantity: true },
    });
    expect(reservations.map((r) => r.status).sort()).toEqual(["COMMITTED", "RELEASED"]);
    expect(
      await prisma.inventoryAdjustment.findMany({ where: { orderId: order.id }, select: { delta: true } }),
    ).toEqual([{ delta: -2 }]);
  });

  it("when the stock was sold meanwhile: cancelled, released, refund queued once, never oversold", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [1, 0] }] });
    const [variantId] = store.variantIds as [string];
    const late = await orderFor(variantId, 1, { now: minutesAgo(30) });
    const onTime = await orderFor(variantId); // releases the expired reservation and takes the unit
    const result = await markOrderPaid(prisma, payment(late));
    expect(result).toMatchObject({
      outcome: "needs_refund",
      reason: "out_of_stock",
      amountCents: late.totalCents,
      currency: "USD",
      lines: [{ variantId, requested: 1, available: 0 }],
    });
    if (result.outcome !== "needs_refund") throw new Error("unreachable");
    expect(result.refundKey).toBe(`auto-refund:${result.paymentId}`);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({
      status: "CANCELLED",
      paymentStatus: "PAID",
      cancelledAt: expect.any(Date),
    });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: result.paymentId } })).toMatchObject({
      status: "SUCCEEDED",
      orderId: late.id,
    });
    expect(await stock(prisma, variantId)).toEqual({ onHand: [1, 0], reserved: [1, 0], activeReservedSum: 1 });
    expect(await prisma.couponRedemption.count({ where: { orderId: late.id } })).toBe(0);
    const cancelledEvent = await prisma.orderEvent.findFirstOrThrow({ where: { orderId: late.id, type: "cancelled" } });
    expect(cancelledEvent.message).toBe(
      `Some items sold out before your payment was completed, so we cancelled the order. Your payment of $${(late.totalCents / 100).toFixed(2)} will be refunded in full.`,
    );

    // A replay of the same confirmation reports the same refund and queues nothing new.
    const outboxBefore = await prisma.outboxEvent.findMany({
      where: { aggregateId: late.id },
      select: { topic: true },
    });
    expect(outboxBefore.map((e) => e.topic).sort()).toEqual(["email.order_cancelled", "payment.refund_required"]);
    const replay = await markOrderPaid(prisma, payment(late));
    expect(replay).toMatchObject({
      outcome: "needs_refund",
      reason: "order_cancelled",
      paymentId: result.paymentId,
      refundKey: result.refundKey,
    });
    expect(await prisma.outboxEvent.count({ where: { aggregateId: late.id } })).toBe(2);

    expect(await markOrderPaid(prisma, payment(onTime))).toMatchObject({ outcome: "paid" });
    expect(await stock(prisma, variantId)).toEqual({ onHand: [0, 0], reserved: [0, 0], activeReservedSum: 0 });
  });

  it("when the coupon ran out meanwhile: refunded, and the limit still holds", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [10, 0] }] });
    const [variantId] = store.variantIds as [string];
    const code = `LAST-${randomUUID().slice(0, 6)}`.toUpperCase();
    const coupon = await prisma.coupon.create({ data: { code, type: "PERCENTAGE", value: 5000, usageLimit: 1 } });
    const late = await orderFor(variantId, 1, { now: minutesAgo(30), couponCode: code, email: "late@example.com" });
    const other = await orderFor(variantId, 1, { couponCode: code, email: "other@example.com" });
    expect(await markOrderPaid(prisma, payment(other))).toMatchObject({ outcome: "paid" });
    expect(await markOrderPaid(prisma, payment(late))).toMatchObject({
      outcome: "needs_refund",
      reason: "coupon_exhausted",
    });
    expect((await prisma.coupon.findUniqueOrThrow({ where: { id: coupon.id } })).timesRedeemed).toBe(1);
    expect(await stock(prisma, variantId)).toEqual({ onHand: [9, 0], reserved: [0, 0], activeReservedSum: 0 });
  });
});

describe("markPaymentFailed", () => {
  it("releases the stock at once, and a later success re-reserves it", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [3, 0] }] });
    const [variantId] = store.variantIds as [string];
    const order = await orderFor(variantId, 2);
    expect(
      await markPaymentFailed(prisma, {
        orderId: order.id,
        reason: "card_declined",
        provider: "TEST",
        providerRef: `try1_${order.id}`,
      }),
    ).toEqual({
      outcome: "released",
      orderId: order.id,
      releasedUnits: 2,
    });
    expect(await stock(prisma, variantId)).toEqual({ onHand: [3, 0], reserved: [0, 0], activeReservedSum: 0 });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PENDING_PAYMENT",
      paymentStatus: "FAILED",
    });
    expect(await prisma.payment.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({
      status: "FAILED",
      failureReason: "card_declined",
    });
    // A replayed failure changes nothing more.
    const before = await snapshot(prisma);
    expect(await markPaymentFailed(prisma, { orderId: order.id, reason: "card_declined" })).toMatchObject({
      outcome: "released",
      releasedUnits: 0,
    });
    expect(await snapshot(prisma)).toEqual(before);

    expect(await markOrderPaid(prisma, payment(order, { providerRef: `try2_${order.id}` }))).toMatchObject({
      outcome: "paid",
    });
    expect(await stock(prisma, variantId)).toEqual({ onHand: [1, 0], reserved: [0, 0], activeReservedSum: 0 });
  });

  it("a failure after success changes nothing", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [3, 0] }] });
    const order = await orderFor(store.variantIds[0]!);
    await markOrderPaid(prisma, payment(order));
    const before = await snapshot(prisma);
    expect(
      await markPaymentFailed(prisma, {
        orderId: order.id,
        reason: "late failure",
        provider: "TEST",
        providerRef: `pay_${order.id}`,
      }),
    ).toEqual({
      outcome: "ignored",
      orderId: order.id,
      reason: "not_pending",
      status: "PAID",
    });
    expect(await snapshot(prisma)).toEqual(before);
  });

  it("a failure racing a success never un-pays the order nor loses stock", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1000, stock: [4, 0] }] });
    const [variantId] = store.variantIds as [string];
    const order = await orderFor(variantId, 2);
    const [paid] = await Promise.all([
      markOrderPaid(prisma, payment(order)),
      markPaymentFailed(prisma, {
        orderId: order.id,
        reason: "card_declined",
        provider: "TEST",
        providerRef: `other_${order.id}`,
      }),
    ]);
    // Whichever ran first, the payment wins: directly, or by re-reserving the released units.
    expect(paid.outcome).toBe("paid");
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PAID",
      paymentStatus: "PAID",
    });
    expect(await stock(prisma, variantId)).toEqual({ onHand: [2, 0], reserved: [0, 0], activeReservedSum: 0 });
  });
});
