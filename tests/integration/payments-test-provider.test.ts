// The built-in test payment provider against a real PostgreSQL: each documented test card, invalid input
// that writes nothing, and refunds of test payments (including the outbox handler's automatic refund).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { activePaymentProvider, paymentProviderFor } from "@/lib/payments/provider";
import { handleRefundRequired } from "@/lib/payments/refund-required";
import { payWithTestCard, retrieveTestPayment, TEST_CARDS } from "@/lib/checkout/test-card-payment";
import { testPaymentProvider } from "@/lib/payments/test-provider";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createStore, placeOrderFor, snapshot } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let variantIds: string[];
beforeAll(async () => {
  db = await createTestDatabase("payments_test_provider");
  prisma = db.prisma;
  ({ variantIds } = await createStore(prisma, {
    variants: [
      { priceCents: 2500, stock: [50, 0] },
      { priceCents: 1999, stock: [50, 0] },
    ],
  }));
});
afterAll(async () => {
  await db?.drop();
});

async function orderWithPayment() {
  const placed = await placeOrderFor(prisma, [
    { variantId: variantIds[0]!, quantity: 2 },
    { variantId: variantIds[1]!, quantity: 1 },
  ]);
  const started = await testPaymentProvider.startPayment(prisma, placed.order.id, {
    successUrl: "/s",
    cancelUrl: "/c",
  });
  return { ...placed, ...started };
}

/** Stock of the store's variants, in variantIds order. */
async function levels() {
  return Promise.all(
    variantIds.map((variantId) =>
      prisma.inventoryLevel.findFirstOrThrow({
        where: { variantId },
        orderBy: { location: { priority: "asc" } },
        select: { variantId: true, onHand: true, reserved: true },
      }),
    ),
  );
}

describe("provider selection", () => {
  it("uses Stripe with a key; without one, the test provider in demo mode and none in production mode", () => {
    expect(activePaymentProvider({ STORE_MODE: "demo" })?.id).toBe("TEST");
    expect(activePaymentProvider({ STORE_MODE: "demo", STRIPE_SECRET_KEY: "  " })?.id).toBe("TEST");
    expect(activePaymentProvider({ STORE_MODE: "demo", STRIPE_SECRET_KEY: "sk_test_123" })?.id).toBe("STRIPE");
    expect(activePaymentProvider({ STORE_MODE: "production", STRIPE_SECRET_KEY: "sk_test_123" })?.id).toBe("STRIPE");
    expect(activePaymentProvider({ STORE_MODE: "production" })).toBeNull();
    expect(activePaymentProvider({})).toBeNull();
    expect(paymentProviderFor("TEST").id).toBe("TEST");
  });

  it("documents the three test cards", () => {
    expect(TEST_CARDS.map((card) => [card.number, card.outcome])).toEqual([
      ["4242 4242 4242 4242", "succeeded"],
      ["4000 0027 6000 0016", "succeeded"],
      ["4000 0000 0000 9235", "elevated_risk"],
      ["4000 0000 0000 0002", "card_declined"],
      ["4000 0000 0000 9995", "insufficient_funds"],
    ]);
  });
});

describe("startPayment", () => {
  it("creates a pending TEST payment expiring with the reservation and reuses it on reload", async () => {
    const { order, paymentId, redirectUrl } = await orderWithPayment();
    // The page carries the success URL onward, as Stripe's success_url (here "/s").
    expect(redirectUrl).toBe(`/checkout/pay/${paymentId}?return=%2Fs`);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment).toMatchObject({
      orderId: order.id,
      provider: "TEST",
      status: "PENDING",
      amountCents: order.totalCents,
      currency: "USD",
    });
    expect(payment.providerRef).toMatch(/^testpay_[0-9a-f]{24}$/);
    const reservations = await prisma.reservation.findMany({ where: { orderId: order.id } });
    expect(reservations.length).toBeGreaterThan(0);
    for (const reservation of reservations) expect(payment.expiresAt).toEqual(reservation.expiresAt);

    const again = await testPaymentProvider.startPayment(prisma, order.id, { successUrl: "/s", cancelUrl: "/c" });
    expect(again.paymentId).toBe(paymentId);
    expect(await prisma.payment.count({ where: { orderId: order.id } })).toBe(1);
    expect(await retrieveTestPayment(prisma, paymentId)).toMatchObject({
      id: paymentId,
      status: "PENDING",
      amountCents: order.totalCents,
      order: { id: order.id, number: order.number },
    });
  });

  it("refuses an unknown order", async () => {
    await expect(
      testPaymentProvider.startPayment(prisma, "nope", { successUrl: "/s", cancelUrl: "/c" }),
    ).rejects.toMatchObject({ code: "order_not_found" });
  });
});

describe("payWithTestCard", () => {
  it("4242 4242 4242 4242 pays the order once and commits its stock", async () => {
    const before = await levels();
    const { order, paymentId, cartId } = await orderWithPayment();
    const result = await payWithTestCard(prisma, { paymentId, cardNumber: "4242 4242 4242 4242" });
    expect(result).toEqual({ ok: true, orderId: order.id, message: "Payment received. Thank you!" });
    const paid = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(paid).toMatchObject({ status: "PAID", paymentStatus: "PAID" });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "SUCCEEDED" });
    const after = await levels();
    expect(after.map((level) => level.onHand)).toEqual(
      before.map((level, index) => level.onHand - (index === 0 ? 2 : 1)),
    );
    expect(after.map((level) => level.reserved)).toEqual(before.map((level) => level.reserved));
    expect(await prisma.cartLine.count({ where: { cartId } })).toBe(0);

    const state = await snapshot(prisma);
    const replay = await payWithTestCard(prisma, { paymentId, cardNumber: "4242424242424242" });
    expect(replay).toMatchObject({ ok: false, error: "already_paid", message: "This order has already been paid." });
    expect(await snapshot(prisma)).toEqual(state);
    await expect(
      testPaymentProvider.startPayment(prisma, order.id, { successUrl: "/s", cancelUrl: "/c" }),
    ).rejects.toMatchObject({ code: "order_already_paid" });
  });

  it("4000 0000 0000 9235 pays the order and holds it for a fraud review, as a Stripe Radar review would", async () => {
    const { order, paymentId } = await orderWithPayment();
    const result = await payWithTestCard(prisma, { paymentId, cardNumber: "4000000000009235" });
    // The shopper sees a normal confirmation; the seller sees the hold.
    expect(result).toEqual({ ok: true, orderId: order.id, message: "Payment received. Thank you!" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PAID",
      paymentStatus: "PAID",
      fraudReview: true,
    });
    const opened = await prisma.orderEvent.findMany({ where: { orderId: order.id, type: "fraud_review_opened" } });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ public: false });
    expect(opened[0]!.message).toContain("cannot ship until the review is resolved");
    expect(await prisma.reservation.count({ where: { orderId: order.id, status: "COMMITTED" } })).toBe(2);
    // One transaction wrote the payment, the hold and the order row: a crash can never leave the order
    // paid but unheld (xmin is the id of the transaction that wrote each row version).
    const writers = await prisma.$queryRaw<{ kind: string; xid: string }[]>`
      SELECT 'order' AS kind, xmin::text AS xid FROM "Order" WHERE id = ${order.id}
      UNION ALL SELECT type, xmin::text FROM "OrderEvent" WHERE "orderId" = ${order.id} AND type IN ('paid', 'fraud_review_opened')
      UNION ALL SELECT 'payment', xmin::text FROM "Payment" WHERE id = ${paymentId}`;
    expect(writers.map((row) => row.kind).sort()).toEqual(["fraud_review_opened", "order", "paid", "payment"]);
    expect(new Set(writers.map((row) => row.xid)).size).toBe(1);

    const state = await snapshot(prisma);
    expect(await payWithTestCard(prisma, { paymentId, cardNumber: "4000 0000 0000 9235" })).toMatchObject({
      ok: false,
      error: "already_paid",
    });
    expect(await snapshot(prisma)).toEqual(state);
  });

  it.each([
    ["4000 0000 0000 0002", "card_declined", "Your card was declined."],
    ["4000 0000 0000 9995", "insufficient_funds", "Your card has insufficient funds."],
    [
      "5555 5555 5555 4444",
      "unsupported_test_card",
      "Your card was declined: this is not one of the supported test cards.",
    ],
  ])("%s is declined (%s): stock released at once, cart kept", async (cardNumber, error, message) => {
    const before = await levels();
    const { order, paymentId, cartId } = await orderWithPayment();
    const result = await payWithTestCard(prisma, { paymentId, cardNumber });
    expect(result).toMatchObject({ ok: false, error, orderId: order.id });
    expect(result.message).toContain(message);
    expect(result.message).toContain("Nothing was charged");
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PENDING_PAYMENT",
      paymentStatus: "FAILED",
    });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
      status: "FAILED",
      failureReason: error,
    });
    expect(
      (await prisma.reservation.findMany({ where: { orderId: order.id } })).every(
        (reservation) => reservation.status === "RELEASED",
      ),
    ).toBe(true);
    expect(await levels()).toEqual(before);
    expect(await prisma.cartLine.count({ where: { cartId } })).toBe(2);

    // The payment is closed, and the order can no longer start a payment: the shopper checks out again.
    const state = await snapshot(prisma);
    expect(await payWithTestCard(prisma, { paymentId, cardNumber: "4242 4242 4242 4242" })).toMatchObject({
      ok: false,
      error: "payment_closed",
    });
    await expect(
      testPaymentProvider.startPayment(prisma, order.id, { successUrl: "/s", cancelUrl: "/c" }),
    ).rejects.toMatchObject({ code: "reservation_expired" });
    expect(await snapshot(prisma)).toEqual(state);
  });

  it.each([
    ["letters", "4242 4242 abcd 4242", "A card number may contain only digits and spaces."],
    ["dashes", "4242-4242-4242-4242", "A card number may contain only digits and spaces."],
    ["too short", "4242 4242", "A card number has 12 to 19 digits."],
    ["too long", "4242 4242 4242 4242 4242", "A card number has 12 to 19 digits."],
    ["failed Luhn check", "4242 4242 4242 4241", "That card number is not valid: check it for typos."],
    ["empty", "   ", "Enter a card number."],
  ])("invalid card number (%s) gets a clear message and writes nothing", async (_label, cardNumber, message) => {
    const { paymentId } = await orderWithPayment();
    const state = await snapshot(prisma);
    const result = await payWithTestCard(prisma, { paymentId, cardNumber });
    expect(result).toEqual({ ok: false, error: "invalid_input", message, fieldErrors: { cardNumber: message } });
    expect(await snapshot(prisma)).toEqual(state);
  });

  it("an unknown payment id or a non-string input writes nothing", async () => {
    await orderWithPayment();
    const state = await snapshot(prisma);
    expect(await payWithTestCard(prisma, { paymentId: "pay_unknown", cardNumber: "4242 4242 4242 4242" })).toEqual({
      ok: false,
      error: "payment_not_found",
      message: "This payment link is invalid.",
    });
    expect(
      await payWithTestCard(prisma, { paymentId: "x", cardNumber: 4242424242424242 as unknown as string }),
    ).toMatchObject({
      ok: false,
      error: "invalid_input",
      message: "Enter a card number.",
    });
    expect(await snapshot(prisma)).toEqual(state);
  });

  it("an expired payment page is refused and writes nothing", async () => {
    const { paymentId } = await orderWithPayment();
    const state = await snapshot(prisma);
    const later = new Date(Date.now() + 2 * 60 * 60_000);
    const result = await payWithTestCard(prisma, { paymentId, cardNumber: "4242 4242 4242 4242" }, { now: later });
    expect(result).toMatchObject({ ok: false, error: "payment_expired" });
    expect(await snapshot(prisma)).toEqual(state);
  });
});

describe("test refunds", () => {
  it("refunds once per request key and counts the refund on the order", async () => {
    const { order, paymentId } = await orderWithPayment();
    await payWithTestCard(prisma, { paymentId, cardNumber: "4242 4242 4242 4242" });
    const request = {
      paymentId,
      amountCents: 1000,
      requestKey: `admin:${randomUUID()}`,
      reason: "requested_by_customer",
    };
    const first = await testPaymentProvider.refund(prisma, request);
    expect(first).toMatchObject({ status: "SUCCEEDED", amountCents: 1000, currency: "USD", replayed: false });
    expect(first.providerRef).toMatch(/^testre_[0-9a-f]{24}$/);
    const again = await testPaymentProvider.refund(prisma, request);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await prisma.refund.count({ where: { orderId: order.id } })).toBe(1);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 1000,
      paymentStatus: "PARTIALLY_REFUNDED",
      status: "PAID",
    });

    const tooMuch = testPaymentProvider.refund(prisma, {
      ...request,
      requestKey: `admin:${randomUUID()}`,
      amountCents: order.totalCents,
    });
    await expect(tooMuch).rejects.toBeInstanceOf(UserError);
    await expect(tooMuch).rejects.toMatchObject({ code: "refund_exceeds_payment" });

    await testPaymentProvider.refund(prisma, {
      ...request,
      requestKey: `admin:${randomUUID()}`,
      amountCents: order.totalCents - 1000,
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: order.totalCents,
      paymentStatus: "REFUNDED",
    });
    const events = await prisma.orderEvent.findMany({ where: { orderId: order.id, type: "refunded" } });
    expect(events).toHaveLength(2);
  });

  it("a payment that arrives after its stock sold is refunded automatically through the outbox event", async () => {
    const [scarce] = (await createStore(prisma, { variants: [{ priceCents: 4000, stock: [1, 0] }] })).variantIds;
    const first = await placeOrderFor(prisma, [{ variantId: scarce!, quantity: 1 }]);
    const started = await testPaymentProvider.startPayment(prisma, first.order.id, {
      successUrl: "/s",
      cancelUrl: "/c",
    });
    // The reservation lapses, the sweep releases it and another shopper buys the last unit.
    await prisma.reservation.updateMany({
      where: { orderId: first.order.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const second = await placeOrderFor(prisma, [{ variantId: scarce!, quantity: 1 }]);
    expect(second.order.status).toBe("PENDING_PAYMENT");

    const result = await payWithTestCard(
      prisma,
      { paymentId: started.paymentId, cardNumber: "4242 4242 4242 4242" },
      { now: new Date(Date.now() - 60_000) },
    );
    expect(result).toMatchObject({ ok: false, error: "refund_pending", orderId: first.order.id });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: first.order.id } })).toMatchObject({
      status: "CANCELLED",
      paymentStatus: "PAID",
    });
    const event = await prisma.outboxEvent.findFirstOrThrow({
      where: { topic: "payment.refund_required", aggregateId: first.order.id },
    });

    const refund = await handleRefundRequired(prisma, event.payload);
    expect(refund).toMatchObject({ status: "SUCCEEDED", amountCents: first.order.totalCents, replayed: false });
    // A replayed outbox event is the same refund.
    expect(await handleRefundRequired(prisma, event.payload)).toMatchObject({
      refundId: refund.refundId,
      replayed: true,
    });
    expect(await prisma.refund.count({ where: { orderId: first.order.id } })).toBe(1);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: first.order.id } })).toMatchObject({
      status: "CANCELLED",
      paymentStatus: "REFUNDED",
      refundedCents: first.order.totalCents,
    });
  });

  it("a test payment page for another amount than the order's total is refused and refunded in full, the order left unpaid", async () => {
    const { order, paymentId } = await orderWithPayment();
    // The page asks (and the card takes) what its payment says, as Stripe charges its session's amount.
    const taken = order.totalCents + 300;
    await prisma.payment.update({ where: { id: paymentId }, data: { amountCents: taken } });
    const before = await levels();

    const result = await payWithTestCard(prisma, { paymentId, cardNumber: "4242 4242 4242 4242" });
    expect(result).toMatchObject({ ok: false, error: "refund_pending", orderId: order.id });
    expect((result as { message: string }).message).toMatch(/did not match this order's total/);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
      status: "SUCCEEDED",
      amountCents: taken,
      autoRefundReason: "amount_mismatch",
    });
    const unchanged = { status: "PENDING_PAYMENT", paymentStatus: "PENDING", refundedCents: 0 };
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject(unchanged);
    expect(await levels()).toEqual(before);

    const events = await prisma.outboxEvent.findMany({
      where: { topic: "payment.refund_required", aggregateId: order.id },
    });
    expect(events).toHaveLength(1);
    expect(await handleRefundRequired(prisma, events[0]!.payload)).toMatchObject({
      status: "SUCCEEDED",
      amountCents: taken,
    });
    // Paying the same page again is refused as already paid: one refund, and the order is still unpaid.
    expect(await payWithTestCard(prisma, { paymentId, cardNumber: "4242 4242 4242 4242" })).toMatchObject({
      ok: false,
      error: "already_paid",
    });
    expect(await prisma.refund.count({ where: { orderId: order.id } })).toBe(1);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject(unchanged);
  });
});
