// Stripe against a local stand-in for api.stripe.com and a real PostgreSQL: the Checkout Session
// request, the webhook route (called through its exported POST with SDK-signed payloads) and refunds.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { releaseExpiredReservations } from "@/lib/inventory/release";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { claimProcessBatch } from "@/lib/outbox";
import { activePaymentProvider } from "@/lib/payments/provider";
import { paymentOutboxHandlers } from "@/lib/payments/refund-required";
import { stripePaymentProvider } from "@/lib/payments/stripe";
import { STRIPE_API_VERSION } from "@/lib/payments/stripe-client";
import { getOrderForAdmin } from "@/lib/orders/admin-queries";
import {
  isRefundStuck,
  listStuckRefunds,
  reconcilePendingRefunds,
  REFUND_STUCK_AFTER_MINUTES,
} from "@/lib/payments/refund-reconcile";
import { POST } from "@/app/api/webhooks/stripe/route";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createStore, placeOrderFor, snapshot } from "../helpers/checkout-fixture";
import {
  paidSession,
  signedWebhookRequest,
  startStripeStandIn,
  stripeEvent,
  type StandInSession,
  type StripeStandIn,
} from "../helpers/stripe-stand-in";

const SECRET_KEY = "sk_test_stand_in_key";
const WEBHOOK_SECRET = "whsec_test_secret_for_the_suite";
const URLS = {
  successUrl: "http://localhost:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}",
  cancelUrl: "http://localhost:3000/cart",
};

let db: TestDatabase;
let prisma: Db;
let standIn: StripeStandIn;
let variantIds: string[];
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase("stripe_payments");
  prisma = db.prisma;
  standIn = await startStripeStandIn();
  Object.assign(process.env, standIn.env, {
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    DATABASE_URL: db.url,
  });
  // The route uses the app's shared client, created from DATABASE_URL on first use.
  delete (globalThis as { __prisma?: unknown }).__prisma;
  ({ variantIds } = await createStore(prisma, {
    variants: [
      { priceCents: 2500, stock: [100, 0] },
      { priceCents: 1999, stock: [100, 0] },
    ],
  }));
  await prisma.coupon.create({ data: { code: "TENOFF", type: "PERCENTAGE", value: 1000 } });
});
afterAll(async () => {
  const shared = (globalThis as { __prisma?: Db }).__prisma;
  await shared?.$disconnect();
  delete (globalThis as { __prisma?: unknown }).__prisma;
  process.env = savedEnv;
  await standIn?.close();
  await db?.drop();
});

async function orderWithSession(couponCode?: string) {
  const { order } = await placeOrderFor(
    prisma,
    [
      { variantId: variantIds[0]!, quantity: 2 },
      { variantId: variantIds[1]!, quantity: 1 },
    ],
    couponCode ? { couponCode } : {},
  );
  const started = await stripePaymentProvider.startPayment(prisma, order.id, URLS);
  const payment = await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } });
  const session = standIn.sessions.get(payment.providerRef!)!;
  return { order, started, payment, session };
}

async function deliver(type: string, object: Record<string, unknown>, eventId?: string) {
  const event = stripeEvent(type, object, eventId);
  const response = await POST(signedWebhookRequest(event, { secret: WEBHOOK_SECRET }));
  return { event, status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function stockOf(variantId: string) {
  return prisma.inventoryLevel.findFirstOrThrow({
    where: { variantId },
    orderBy: { location: { priority: "asc" } },
    select: { onHand: true, reserved: true },
  });
}

describe("Checkout Session", () => {
  it("is the active provider with a secret key and sends the order to Stripe exactly", async () => {
    expect(activePaymentProvider()?.id).toBe("STRIPE");
    const before = standIn.requests.length;
    const startedAt = Math.floor(Date.now() / 1000);
    const { order, started, payment, session } = await orderWithSession("TENOFF");
    expect(order.discountCents).toBeGreaterThan(0);

    const [request, ...others] = standIn.requests.slice(before);
    expect(others).toEqual([]);
    expect(request).toMatchObject({
      method: "POST",
      path: "/v1/checkout/sessions",
      stripeVersion: STRIPE_API_VERSION,
      authorization: `Bearer ${SECRET_KEY}`,
    });
    const body = request!.body;
    expect(body.mode).toBe("payment");
    const items = body.line_items as {
      quantity: string;
      price_data: { currency: string; unit_amount: string; product_data: { name: string } };
    }[];
    expect(items.every((item) => item.price_data.currency === "usd")).toBe(true);
    expect(items.reduce((sum, item) => sum + Number(item.price_data.unit_amount) * Number(item.quantity), 0)).toBe(
      order.totalCents,
    );
    expect(items.map((item) => item.price_data.product_data.name).sort()).toEqual([
      "Shipping (Standard)",
      "Tax",
      "Tee 0 – M",
      "Tee 1 – M",
    ]);
    expect(body.customer_email).toBe(order.email);
    expect(body.client_reference_id).toBe(order.id);
    expect(body.metadata).toEqual({ orderId: order.id, orderNumber: String(order.number) });
    expect((body.payment_intent_data as { metadata: unknown }).metadata).toEqual({
      orderId: order.id,
      orderNumber: String(order.number),
    });
    expect(body.success_url).toBe(URLS.successUrl);
    expect(body.cancel_url).toBe(URLS.cancelUrl);

    const expiresAt = Number(body.expires_at);
    expect(expiresAt).toBeGreaterThanOrEqual(startedAt + 30 * 60);
    expect(expiresAt).toBeLessThanOrEqual(startedAt + 24 * 3600);
    expect(request!.idempotencyKey).toBe(`checkout-session:${order.id}:1:${expiresAt}`);
    // The reservations now expire exactly with the session.
    const reservations = await prisma.reservation.findMany({ where: { orderId: order.id } });
    expect(reservations.length).toBe(2);
    for (const reservation of reservations) {
      expect(reservation.status).toBe("ACTIVE");
      expect(reservation.expiresAt.getTime()).toBe(expiresAt * 1000);
    }
    expect(payment).toMatchObject({
      provider: "STRIPE",
      status: "PENDING",
      providerRef: session.id,
      amountCents: order.totalCents,
      currency: "USD",
    });
    expect(payment.expiresAt!.getTime()).toBe(expiresAt * 1000);
    expect(started.redirectUrl).toBe(session.url);

    // Starting again reuses the open session (one retrieve, no second session).
    const again = await stripePaymentProvider.startPayment(prisma, order.id, URLS);
    expect(again).toEqual(started);
    expect(standIn.requests.slice(before + 1).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      `GET /v1/checkout/sessions/${session.id}`,
    ]);
  });

  it("refuses to start a payment for an order whose stock is no longer held", async () => {
    const { order } = await placeOrderFor(prisma, [{ variantId: variantIds[0]!, quantity: 1 }]);
    await prisma.reservation.updateMany({
      where: { orderId: order.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const before = standIn.requests.length;
    await expect(stripePaymentProvider.startPayment(prisma, order.id, URLS)).rejects.toMatchObject({
      code: "reservation_expired",
    });
    expect(standIn.requests.length).toBe(before);
  });
});

describe("webhook route", () => {
  it("pays the order once on checkout.session.completed; a replay does nothing", async () => {
    const { order, session } = await orderWithSession();
    const before = await stockOf(variantIds[0]!);
    const paid = paidSession(session);
    const first = await deliver("checkout.session.completed", paid);
    expect(first).toMatchObject({ status: 200, body: { received: true, outcome: "paid" } });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PAID",
      paymentStatus: "PAID",
    });
    expect(await prisma.payment.findFirstOrThrow({ where: { providerRef: session.id } })).toMatchObject({
      status: "SUCCEEDED",
      paymentIntentRef: paid.payment_intent,
    });
    expect(await stockOf(variantIds[0]!)).toEqual({ onHand: before.onHand - 2, reserved: before.reserved - 2 });

    const state = await snapshot(prisma);
    const replay = await POST(signedWebhookRequest(first.event, { secret: WEBHOOK_SECRET }));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, outcome: "duplicate" });
    expect(await snapshot(prisma)).toEqual(state);
    expect(await prisma.webhookEvent.findFirstOrThrow({ where: { eventId: first.event.id } })).toMatchObject({
      status: "PROCESSED",
      attempts: 1,
      type: "checkout.session.completed",
    });
  });

  it("reads the card of the charge from Stripe for the risk score before paying; a later event reads nothing", async () => {
    const { order, session } = await orderWithSession();
    const paid = paidSession(session);
    const intentId = paid.payment_intent!;
    standIn.registerPaymentIntent(intentId, paid.amount_total, paid.currency, {
      fingerprint: "fp_stand_in_1",
      country: "DE",
    });
    const before = standIn.requests.length;
    expect(await deliver("checkout.session.completed", paid)).toMatchObject({ status: 200, body: { outcome: "paid" } });
    const reads = standIn.requests.slice(before);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ method: "GET", path: `/v1/payment_intents/${intentId}` });
    expect(Object.entries(reads[0]!.body)).toContainEqual([expect.stringMatching(/^expand\[\d*\]$/), "latest_charge"]);
    expect(await prisma.payment.findFirstOrThrow({ where: { orderId: order.id, status: "SUCCEEDED" } })).toMatchObject({
      cardFingerprint: "fp_stand_in_1",
    });

    // Another event for the same, now paid, session (a new event id, so it is dispatched): no API call.
    const again = standIn.requests.length;
    expect((await deliver("checkout.session.async_payment_succeeded", paid)).status).toBe(200);
    expect(standIn.requests.slice(again)).toEqual([]);
  });

  it("confirms the payment without the card when Stripe cannot give the charge", async () => {
    const { order, session } = await orderWithSession();
    const paid = paidSession(session); // a PaymentIntent the stand-in does not know: 404
    const before = standIn.requests.length;
    expect(await deliver("checkout.session.completed", paid)).toMatchObject({ status: 200, body: { outcome: "paid" } });
    expect(standIn.requests.slice(before).map((request) => request.path)).toEqual([
      `/v1/payment_intents/${paid.payment_intent}`,
    ]);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
    expect(await prisma.payment.findFirstOrThrow({ where: { orderId: order.id, status: "SUCCEEDED" } })).toMatchObject({
      cardFingerprint: null,
    });
  });

  it("5 concurrent deliveries of the same event commit the stock once", async () => {
    const { order, session } = await orderWithSession();
    const before = await Promise.all(variantIds.map(stockOf));
    const event = stripeEvent("checkout.session.completed", paidSession(session));
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => POST(signedWebhookRequest(event, { secret: WEBHOOK_SECRET }))),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const outcomes = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { outcome: string }).outcome),
    );
    // One delivery pays. Each other one either finds the event already processed ("duplicate") or, arriving
    // while the first is still processing it, runs it again and finds the order paid ("already_paid").
    expect(outcomes.filter((outcome) => outcome === "paid")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome !== "paid").sort()).toEqual(
      outcomes.filter((outcome) => outcome === "already_paid" || outcome === "duplicate").sort(),
    );
    expect(await prisma.webhookEvent.findFirstOrThrow({ where: { eventId: event.id } })).toMatchObject({
      status: "PROCESSED",
      // The first delivery and every one that ran it again; the duplicates did not count an attempt.
      attempts: outcomes.filter((outcome) => outcome !== "duplicate").length,
    });
    expect(
      await prisma.inventoryAdjustment.findMany({
        where: { orderId: order.id },
        select: { variantId: true, delta: true, reason: true },
        orderBy: { delta: "asc" },
      }),
    ).toEqual([
      { variantId: variantIds[0], delta: -2, reason: "SALE" },
      { variantId: variantIds[1], delta: -1, reason: "SALE" },
    ]);
    const after = await Promise.all(variantIds.map(stockOf));
    expect(after).toEqual([
      { onHand: before[0]!.onHand - 2, reserved: before[0]!.reserved - 2 },
      { onHand: before[1]!.onHand - 1, reserved: before[1]!.reserved - 1 },
    ]);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
    expect(await prisma.webhookEvent.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("a missing, bad or stale signature gets 400 and changes nothing; an oversize body gets 413", async () => {
    const { session } = await orderWithSession();
    const event = stripeEvent("checkout.session.completed", paidSession(session));
    const state = await snapshot(prisma);
    const webhookEvents = await prisma.webhookEvent.count();
    const attempts = [
      signedWebhookRequest(event, { secret: WEBHOOK_SECRET, omitSignature: true }),
      signedWebhookRequest(event, { secret: "whsec_someone_else" }),
      signedWebhookRequest(event, { secret: WEBHOOK_SECRET, signature: "0".repeat(64) }),
      signedWebhookRequest(event, { secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 600 }),
    ];
    for (const request of attempts) {
      const response = await POST(request);
      expect(response.status).toBe(400);
      expect(await response.json()).toHaveProperty("error");
    }
    // A signed body whose content was altered afterwards.
    const signed = signedWebhookRequest(event, { secret: WEBHOOK_SECRET });
    const tampered = new Request(signed.url, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify({ ...event, data: { object: { ...event.data.object, amount_total: 1 } } }),
    });
    expect((await POST(tampered)).status).toBe(400);
    const huge = signedWebhookRequest({ ...event, padding: "x".repeat(1024 * 1024) }, { secret: WEBHOOK_SECRET });
    expect((await POST(huge)).status).toBe(413);
    expect(await snapshot(prisma)).toEqual(state);
    expect(await prisma.webhookEvent.count()).toBe(webhookEvents);
  });

  it("an oversize body without Content-Length (chunked) gets 413 once the cap is passed, and changes nothing", async () => {
    const { session } = await orderWithSession();
    const event = stripeEvent("checkout.session.completed", paidSession(session));
    const signed = signedWebhookRequest({ ...event, padding: "x".repeat(1024 * 1024) }, { secret: WEBHOOK_SECRET });
    const state = await snapshot(prisma);
    let sent = 0;
    const piece = new TextEncoder().encode("x".repeat(64 * 1024));
    // 16 MB with no declared length: the route must stop reading at the cap, not read it all first.
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 16 * 1024 * 1024) return controller.close();
        sent += piece.byteLength;
        controller.enqueue(piece);
      },
    });
    const chunked = new Request(signed.url, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signed.headers.get("stripe-signature")! },
      body: endless,
      duplex: "half",
    } as RequestInit);
    expect(chunked.headers.get("content-length")).toBeNull();
    const response = await POST(chunked);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "Payload too large." });
    expect(sent).toBeLessThan(2 * 1024 * 1024);
    expect(await snapshot(prisma)).toEqual(state);
  });

  it("answers 503 (not 500) when no webhook secret is configured, and changes nothing", async () => {
    const { session } = await orderWithSession();
    const event = stripeEvent("checkout.session.completed", paidSession(session));
    const state = await snapshot(prisma);
    const webhookEvents = await prisma.webhookEvent.count();
    delete process.env.STRIPE_WEBHOOK_SECRET;
    try {
      const response = await POST(signedWebhookRequest(event, { secret: WEBHOOK_SECRET }));
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: "Webhook endpoint is not configured." });
    } finally {
      process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
    }
    expect(await snapshot(prisma)).toEqual(state);
    expect(await prisma.webhookEvent.count()).toBe(webhookEvents);
  });

  it("a failure or expiry that arrives after the success changes nothing", async () => {
    const { order, session } = await orderWithSession();
    await deliver("checkout.session.completed", paidSession(session));
    const state = await snapshot(prisma);
    expect(
      await deliver("checkout.session.async_payment_failed", {
        ...session,
        status: "complete",
        payment_status: "unpaid",
      }),
    ).toMatchObject({ status: 200 });
    expect(await deliver("checkout.session.expired", { ...session, status: "expired" })).toMatchObject({ status: 200 });
    expect(await snapshot(prisma)).toEqual(state);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PAID",
      paymentStatus: "PAID",
    });
  });

  it("checkout.session.expired releases the stock at once", async () => {
    const before = await Promise.all(variantIds.map(stockOf));
    const { order, session, payment } = await orderWithSession();
    const result = await deliver("checkout.session.expired", { ...session, status: "expired", url: null });
    expect(result).toMatchObject({ status: 200, body: { outcome: "released" } });
    expect(await Promise.all(variantIds.map(stockOf))).toEqual(before);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PENDING_PAYMENT",
      paymentStatus: "FAILED",
    });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "EXPIRED",
      failureReason: "checkout_session_expired",
    });
    expect(
      (await prisma.reservation.findMany({ where: { orderId: order.id } })).every(
        (reservation) => reservation.status === "RELEASED",
      ),
    ).toBe(true);
  });

  // A payment Stripe took for another amount or currency than the order's: refused, and its money goes back.
  async function refusedTwice(overrides: Partial<StandInSession>, reason: "amount_mismatch" | "currency_mismatch") {
    const { order, session, payment } = await orderWithSession();
    const before = await Promise.all(variantIds.map(stockOf));
    const paid = paidSession(session, overrides);
    standIn.registerPaymentIntent(paid.payment_intent!, paid.amount_total, paid.currency);
    const result = await deliver("checkout.session.completed", paid);
    expect(result).toMatchObject({ status: 200, body: { outcome: "needs_refund" } });
    // The payment records what Stripe took, flagged for refund; the order, its stock and balance stay as they were.
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "SUCCEEDED",
      amountCents: paid.amount_total,
      currency: paid.currency.toUpperCase(),
      autoRefundReason: reason,
    });
    const unchanged = { status: "PENDING_PAYMENT", paymentStatus: "PENDING", refundedCents: 0, paidAt: null };
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject(unchanged);
    expect(await Promise.all(variantIds.map(stockOf))).toEqual(before);
    expect(await prisma.inventoryAdjustment.count({ where: { orderId: order.id } })).toBe(0);

    const sent = standIn.requests.length;
    const refunds = () => standIn.requests.slice(sent).filter((entry) => entry.path === "/v1/refunds");
    expect(await claimProcessBatch(prisma, paymentOutboxHandlers(prisma))).toMatchObject({ done: 1, retrying: 0 });
    expect(refunds()).toHaveLength(1);
    expect(refunds()[0]).toMatchObject({
      method: "POST",
      idempotencyKey: `auto-refund:${payment.id}`,
      body: { payment_intent: paid.payment_intent, amount: String(paid.amount_total) },
    });
    expect(
      await prisma.refund.findMany({ where: { orderId: order.id }, select: { status: true, amountCents: true } }),
    ).toEqual([{ status: "SUCCEEDED", amountCents: paid.amount_total }]);
    // Outside the order's balance: still unpaid, nothing counted as refunded.
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject(unchanged);

    // The replayed event, and the same payment under another event id, refund nothing more.
    const replay = await POST(signedWebhookRequest(result.event, { secret: WEBHOOK_SECRET }));
    expect(await replay.json()).toMatchObject({ outcome: "duplicate" });
    expect((await deliver("checkout.session.completed", paid)).body).toMatchObject({ outcome: "needs_refund" });
    await claimProcessBatch(prisma, paymentOutboxHandlers(prisma));
    expect(refunds()).toHaveLength(1);
    expect(await prisma.refund.count({ where: { orderId: order.id } })).toBe(1);

    // The seller sees it on the order page, once; the shopper's timeline says the money goes back.
    const admin = await getOrderForAdmin(prisma, order.id);
    expect(admin!.refusedPaymentAlerts).toHaveLength(1);
    expect(
      await prisma.orderEvent.count({ where: { orderId: order.id, type: "payment_refund_required", public: true } }),
    ).toBe(1);
    // The shopper can still pay the right amount.
    const again = await stripePaymentProvider.startPayment(prisma, order.id, URLS);
    expect(again.paymentId).not.toBe(payment.id);
    const right = paidSession(
      standIn.sessions.get((await prisma.payment.findUniqueOrThrow({ where: { id: again.paymentId } })).providerRef!)!,
    );
    expect((await deliver("checkout.session.completed", right)).body).toMatchObject({ outcome: "paid" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PAID",
      refundedCents: 0,
    });
    return admin!.refusedPaymentAlerts[0]!.message;
  }

  it("a payment for another amount than the order's is refused and refunded in full once, the order left unpaid", async () => {
    const order = (await orderWithSession()).order;
    const alert = await refusedTwice({ amount_total: order.totalCents - 1 }, "amount_mismatch");
    expect(alert).toMatch(/^Payment refused and refunded: amount did not match\./);
  });

  it("a payment in another currency than the order's is refused and refunded in full once", async () => {
    const alert = await refusedTwice({ currency: "eur" }, "currency_mismatch");
    expect(alert).toMatch(/^Payment refused and refunded: currency did not match\./);
  });

  it("a session started for one order but confirming another is refunded through its own order's payment", async () => {
    const first = await orderWithSession();
    const { order: other } = await orderWithSession();
    const paid = paidSession(first.session, { metadata: { ...first.session.metadata, orderId: other.id } });
    standIn.registerPaymentIntent(paid.payment_intent!, paid.amount_total, paid.currency);
    const result = await deliver("checkout.session.completed", paid);
    expect(result.body).toMatchObject({ outcome: "needs_refund" });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: first.payment.id } })).toMatchObject({
      status: "SUCCEEDED",
      autoRefundReason: "payment_of_another_order",
    });
    const sent = standIn.requests.length;
    await claimProcessBatch(prisma, paymentOutboxHandlers(prisma));
    await deliver("checkout.session.completed", paid);
    await claimProcessBatch(prisma, paymentOutboxHandlers(prisma));
    expect(standIn.requests.slice(sent).filter((entry) => entry.path === "/v1/refunds")).toHaveLength(1);
    for (const order of [first.order, other]) {
      expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
        status: "PENDING_PAYMENT",
        refundedCents: 0,
      });
      expect((await getOrderForAdmin(prisma, order.id))!.refusedPaymentAlerts).toHaveLength(1);
    }
  });

  it("a mismatching confirmation of a payment that already paid its order changes nothing and refunds nothing", async () => {
    const { order, session } = await orderWithSession();
    const paid = paidSession(session);
    expect((await deliver("checkout.session.completed", paid)).body).toMatchObject({ outcome: "paid" });
    const sent = standIn.requests.length;
    const result = await deliver("checkout.session.completed", { ...paid, amount_total: order.totalCents + 5 });
    expect(result.body).toMatchObject({ outcome: "rejected_amount_mismatch" });
    await claimProcessBatch(prisma, paymentOutboxHandlers(prisma));
    expect(standIn.requests.slice(sent).filter((entry) => entry.path === "/v1/refunds")).toHaveLength(0);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, type: "payment_rejected" } })).toBe(1);
  });

  it("a payment after the reservation expired and the stock sold is refunded automatically, once", async () => {
    const [scarce] = (await createStore(prisma, { variants: [{ priceCents: 4000, stock: [1, 0] }] })).variantIds;
    const { order: late } = await placeOrderFor(prisma, [{ variantId: scarce!, quantity: 1 }]);
    const started = await stripePaymentProvider.startPayment(prisma, late.id, URLS);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } });
    // The reservation lapses and is swept; another shopper buys the last unit.
    await prisma.reservation.updateMany({
      where: { orderId: late.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await releaseExpiredReservations(prisma);
    const { order: winner } = await placeOrderFor(prisma, [{ variantId: scarce!, quantity: 1 }]);
    await markOrderPaid(prisma, {
      orderId: winner.id,
      provider: "TEST",
      providerRef: `testpay_${randomUUID()}`,
      amountCents: winner.totalCents,
      currency: "USD",
    });

    const paid = paidSession(standIn.sessions.get(payment.providerRef!)!);
    const result = await deliver("checkout.session.completed", paid);
    expect(result).toMatchObject({ status: 200, body: { outcome: "needs_refund" } });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({
      status: "CANCELLED",
      paymentStatus: "PAID",
    });
    expect(await stockOf(scarce!)).toEqual({ onHand: 0, reserved: 0 });

    // The outbox worker runs the refund handler.
    const before = standIn.requests.length;
    const batch = await claimProcessBatch(prisma, paymentOutboxHandlers(prisma));
    expect(batch).toMatchObject({ done: 1, retrying: 0 });
    const refundRequests = standIn.requests.slice(before).filter((entry) => entry.path === "/v1/refunds");
    expect(refundRequests).toHaveLength(1);
    expect(refundRequests[0]).toMatchObject({
      method: "POST",
      idempotencyKey: `auto-refund:${payment.id}`,
      body: { payment_intent: paid.payment_intent, amount: String(late.totalCents) },
    });
    expect(await prisma.refund.findFirstOrThrow({ where: { orderId: late.id } })).toMatchObject({
      status: "SUCCEEDED",
      amountCents: late.totalCents,
      requestKey: `auto-refund:${payment.id}`,
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({
      status: "CANCELLED",
      paymentStatus: "REFUNDED",
      refundedCents: late.totalCents,
    });

    // A replayed webhook and another worker pass neither refund again nor call Stripe.
    await POST(signedWebhookRequest(result.event, { secret: WEBHOOK_SECRET }));
    const rerun = await deliver("checkout.session.completed", paid);
    expect(rerun.body).toMatchObject({ outcome: "needs_refund" });
    await claimProcessBatch(prisma, paymentOutboxHandlers(prisma));
    expect(standIn.requests.slice(before).filter((entry) => entry.path === "/v1/refunds")).toHaveLength(1);
    expect(await prisma.refund.count({ where: { orderId: late.id } })).toBe(1);
  });

  it("a webhook racing a confirmation of the same order yields one paid order", async () => {
    for (let round = 0; round < 3; round++) {
      const { order, session } = await orderWithSession();
      const paid = paidSession(session);
      const input = {
        orderId: order.id,
        provider: "STRIPE" as const,
        providerRef: session.id,
        amountCents: order.totalCents,
        currency: "USD",
        paymentIntentRef: paid.payment_intent,
      };
      const [direct, hook] = await Promise.all([
        markOrderPaid(prisma, input),
        deliver("checkout.session.completed", paid),
      ]);
      expect([direct.outcome, hook.body.outcome].sort()).toEqual(["already_paid", "paid"]);
      expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
      expect(await prisma.inventoryAdjustment.count({ where: { orderId: order.id } })).toBe(2);
      expect(await prisma.payment.count({ where: { orderId: order.id, status: "SUCCEEDED" } })).toBe(1);
    }
  });

  it("payment_intent.payment_failed is recorded but keeps the stock held for a retry in the session", async () => {
    const { order } = await orderWithSession();
    const before = await Promise.all(variantIds.map(stockOf));
    const intent = {
      id: `pi_test_${randomUUID()}`,
      object: "payment_intent",
      metadata: { orderId: order.id, orderNumber: String(order.number) },
      last_payment_error: {
        code: "card_declined",
        decline_code: "generic_decline",
        message: "Your card was declined.",
      },
    };
    const result = await deliver("payment_intent.payment_failed", intent);
    expect(result).toMatchObject({ status: 200, body: { outcome: "attempt_recorded" } });
    expect(await Promise.all(variantIds.map(stockOf))).toEqual(before);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PENDING_PAYMENT",
      paymentStatus: "PENDING",
    });
    expect(
      await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id, type: "payment_attempt_failed" } }),
    ).toMatchObject({
      public: false,
      data: { code: "card_declined", declineCode: "generic_decline" },
    });
  });

  it("a delayed payment method is recorded as processing, then paid when it clears", async () => {
    const { order, session } = await orderWithSession();
    const submitted = {
      ...session,
      status: "complete",
      payment_status: "unpaid",
      payment_intent: `pi_test_${randomUUID()}`,
    } satisfies StandInSession;
    const pending = await deliver("checkout.session.completed", submitted);
    expect(pending.body).toMatchObject({ outcome: "async_payment_pending" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PENDING_PAYMENT",
    });
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, type: "payment_processing" } })).toBe(1);
    const cleared = await deliver("checkout.session.async_payment_succeeded", { ...submitted, payment_status: "paid" });
    expect(cleared.body).toMatchObject({ outcome: "paid" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
  });

  it("acknowledges other event types without recording them, and answers 500 when processing fails", async () => {
    const count = await prisma.webhookEvent.count();
    expect(await deliver("customer.created", { id: "cus_123", object: "customer" })).toMatchObject({
      status: 200,
      body: { outcome: "ignored_type" },
    });
    expect(await prisma.webhookEvent.count()).toBe(count);

    const { order, session } = await orderWithSession();
    const broken = await deliver("checkout.session.completed", paidSession(session, { amount_total: -5 }));
    expect(broken).toMatchObject({ status: 500, body: { error: "Processing failed; Stripe will retry." } });
    expect(await prisma.webhookEvent.findFirstOrThrow({ where: { eventId: broken.event.id } })).toMatchObject({
      status: "FAILED",
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PENDING_PAYMENT",
    });
  });
});

describe("Stripe refunds", () => {
  it("sends one refund per request key, with that key as Stripe's idempotency key", async () => {
    const { order, session } = await orderWithSession();
    const paid = paidSession(session);
    await deliver("checkout.session.completed", paid);
    const payment = await prisma.payment.findFirstOrThrow({ where: { providerRef: session.id } });
    const before = standIn.requests.length;
    const request = {
      paymentId: payment.id,
      amountCents: 500,
      requestKey: `admin-refund:${randomUUID()}`,
      reason: "requested_by_customer",
    };
    const first = await stripePaymentProvider.refund(prisma, request);
    const second = await stripePaymentProvider.refund(prisma, request);
    expect(first).toMatchObject({ status: "SUCCEEDED", amountCents: 500, replayed: false });
    expect(first.providerRef).toMatch(/^re_test_/);
    expect(second).toEqual({ ...first, replayed: true });
    const sent = standIn.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      path: "/v1/refunds",
      idempotencyKey: request.requestKey,
      body: {
        payment_intent: paid.payment_intent,
        amount: "500",
        metadata: { orderId: order.id, paymentId: payment.id },
      },
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 500,
      paymentStatus: "PARTIALLY_REFUNDED",
    });
  });

  it("a refund whose request never reached Stripe is retried with the same key and counted once", async () => {
    const { order, session } = await orderWithSession();
    await deliver("checkout.session.completed", paidSession(session));
    const payment = await prisma.payment.findFirstOrThrow({ where: { providerRef: session.id } });
    const request = {
      paymentId: payment.id,
      amountCents: order.totalCents,
      requestKey: `admin-refund:${randomUUID()}`,
      reason: "requested_by_customer",
    };
    // The connection drops three times: the SDK's first try and its two automatic retries.
    standIn.failNext("/v1/refunds", "network", 3);
    await expect(stripePaymentProvider.refund(prisma, request)).rejects.toThrow();
    expect(await prisma.refund.findUniqueOrThrow({ where: { requestKey: request.requestKey } })).toMatchObject({
      status: "PENDING",
      providerRef: null,
    });
    const retried = await stripePaymentProvider.refund(prisma, request);
    expect(retried).toMatchObject({ status: "SUCCEEDED", replayed: false });
    const sent = standIn.requests.filter(
      (entry) => entry.path === "/v1/refunds" && entry.idempotencyKey === request.requestKey,
    );
    expect(sent).toHaveLength(4);
    expect(
      [...standIn.refunds.values()].filter((refund) => refund.payment_intent === payment.paymentIntentRef),
    ).toHaveLength(1);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: order.totalCents,
      paymentStatus: "REFUNDED",
    });
  });

  it("a 500 is saved under the refund's key: the next attempt looks for the refund, then uses a fresh key, and refunds once", async () => {
    const { order, session } = await orderWithSession();
    await deliver("checkout.session.completed", paidSession(session));
    const payment = await prisma.payment.findFirstOrThrow({ where: { providerRef: session.id } });
    const request = {
      paymentId: payment.id,
      amountCents: 700,
      requestKey: `admin-refund:${randomUUID()}`,
      reason: "requested_by_customer",
    };
    standIn.failNext("/v1/refunds", 500, 1);
    await expect(stripePaymentProvider.refund(prisma, request)).rejects.toThrow(/server error/);
    const sentWithKey = () =>
      standIn.requests.filter((entry) => entry.path === "/v1/refunds" && entry.idempotencyKey === request.requestKey);
    // Three attempts (the SDK retries a 500 twice); the first ran and its 500 is replayed to the others.
    expect(sentWithKey()).toHaveLength(3);
    expect(await prisma.refund.findUniqueOrThrow({ where: { requestKey: request.requestKey } })).toMatchObject({
      status: "PENDING",
      providerRef: null,
      keyGeneration: 1,
      lastError: expect.stringContaining("server error"),
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 0,
      paymentStatus: "PAID",
    });

    // The worker, past the grace period: no refund of ours at Stripe, so the request goes under key #retry-1.
    const before = standIn.requests.length;
    const pass = await reconcilePendingRefunds(prisma, { now: minutesFromNow(3) });
    expect(pass.succeeded).toBeGreaterThanOrEqual(1);
    const sent = standIn.requests
      .slice(before)
      .filter((entry) => entry.body.payment_intent === payment.paymentIntentRef)
      .map((entry) => `${entry.method} ${entry.path} ${entry.idempotencyKey}`);
    expect(sent).toEqual(["GET /v1/refunds null", `POST /v1/refunds ${request.requestKey}#retry-1`]);
    expect(
      [...standIn.refunds.values()].filter((refund) => refund.payment_intent === payment.paymentIntentRef),
    ).toHaveLength(1);
    expect(await prisma.refund.findUniqueOrThrow({ where: { requestKey: request.requestKey } })).toMatchObject({
      status: "SUCCEEDED",
      providerRef: expect.stringMatching(/^re_test_/),
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 700,
      paymentStatus: "PARTIALLY_REFUNDED",
    });
    // Another pass, or the seller's retry of the same form: nothing more at Stripe.
    const after = standIn.requests.length;
    await reconcilePendingRefunds(prisma, { now: minutesFromNow(10) });
    expect(await stripePaymentProvider.refund(prisma, request)).toMatchObject({ status: "SUCCEEDED", replayed: true });
    expect(
      standIn.requests.slice(after).filter((entry) => entry.body.payment_intent === payment.paymentIntentRef),
    ).toEqual([]);
  });

  it("a 500 whose request did make the refund at Stripe is found by its metadata, not made twice", async () => {
    const { order, session } = await orderWithSession();
    await deliver("checkout.session.completed", paidSession(session));
    const payment = await prisma.payment.findFirstOrThrow({ where: { providerRef: session.id } });
    const request = {
      paymentId: payment.id,
      amountCents: order.totalCents,
      requestKey: `admin-refund:${randomUUID()}`,
      reason: "requested_by_customer",
    };
    standIn.failNext("/v1/refunds", 500, 1);
    await expect(stripePaymentProvider.refund(prisma, request)).rejects.toThrow(/server error/);
    const refund = await prisma.refund.findUniqueOrThrow({ where: { requestKey: request.requestKey } });
    // Stripe's side of the incident: the refund was made after all (as its engineers reconcile a 500).
    standIn.refunds.set("re_test_made_after_500", {
      id: "re_test_made_after_500",
      object: "refund",
      amount: order.totalCents,
      currency: "usd",
      created: Math.floor(Date.now() / 1000),
      payment_intent: payment.paymentIntentRef!,
      charge: null,
      reason: "requested_by_customer",
      metadata: { orderId: order.id, paymentId: payment.id, refundId: refund.id },
      status: "succeeded",
    });
    const before = standIn.requests.length;
    await reconcilePendingRefunds(prisma, { now: minutesFromNow(3) });
    expect(
      standIn.requests
        .slice(before)
        .filter((entry) => entry.method === "POST" && entry.body.payment_intent === payment.paymentIntentRef),
    ).toEqual([]);
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: refund.id } })).toMatchObject({
      status: "SUCCEEDED",
      providerRef: "re_test_made_after_500",
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: order.totalCents,
      paymentStatus: "REFUNDED",
    });
  });

  it("concurrent workers reconcile a pending refund once", async () => {
    const { order, session } = await orderWithSession();
    await deliver("checkout.session.completed", paidSession(session));
    const payment = await prisma.payment.findFirstOrThrow({ where: { providerRef: session.id } });
    const request = {
      paymentId: payment.id,
      amountCents: 900,
      requestKey: `admin-refund:${randomUUID()}`,
      reason: "requested_by_customer",
    };
    standIn.failNext("/v1/refunds", "network", 3);
    await expect(stripePaymentProvider.refund(prisma, request)).rejects.toThrow();
    const before = standIn.requests.length;
    const passes = await Promise.all(
      [1, 2, 3, 4].map(() => reconcilePendingRefunds(prisma, { now: minutesFromNow(3) })),
    );
    expect(passes.reduce((sum, pass) => sum + pass.succeeded, 0)).toBeGreaterThanOrEqual(1);
    const sent = standIn.requests
      .slice(before)
      .filter((entry) => entry.path === "/v1/refunds" && entry.idempotencyKey === request.requestKey);
    expect(sent).toHaveLength(1);
    expect(
      [...standIn.refunds.values()].filter((refund) => refund.payment_intent === payment.paymentIntentRef),
    ).toHaveLength(1);
    const row = await prisma.refund.findUniqueOrThrow({ where: { requestKey: request.requestKey } });
    expect(row).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ refundedCents: 900 });
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, type: "refunded" } })).toBe(1);
  });

  it("a refund Stripe finally fails is marked FAILED from its answer and shown as such; the amount is refundable again", async () => {
    const { order, session } = await orderWithSession();
    await deliver("checkout.session.completed", paidSession(session));
    const payment = await prisma.payment.findFirstOrThrow({ where: { providerRef: session.id } });
    const request = {
      paymentId: payment.id,
      amountCents: 400,
      requestKey: `admin-refund:${randomUUID()}`,
      reason: "requested_by_customer",
    };
    standIn.failNext("/v1/refunds", 500, 1);
    await expect(stripePaymentProvider.refund(prisma, request)).rejects.toThrow(/server error/);
    // Stuck for the seller while it has no final answer.
    const stuckAt = minutesFromNow(REFUND_STUCK_AFTER_MINUTES + 1);
    const stuck = await listStuckRefunds(prisma, stuckAt, 1000);
    const mine = stuck.find((entry) => entry.orderId === order.id);
    expect(mine).toMatchObject({
      amountCents: 400,
      orderNumber: order.number,
      lastError: expect.stringContaining("server error"),
    });
    const row = await prisma.refund.findUniqueOrThrow({ where: { requestKey: request.requestKey } });
    expect(isRefundStuck(row, stuckAt)).toBe(true);
    expect(isRefundStuck(row, new Date())).toBe(false);

    // Stripe accepts the fresh key's request but the refund fails (e.g. the card was closed).
    standIn.setRefundStatus("failed");
    try {
      await reconcilePendingRefunds(prisma, { now: minutesFromNow(3) });
    } finally {
      standIn.setRefundStatus("succeeded");
    }
    const detail = await getOrderForAdmin(prisma, order.id);
    expect(detail?.refunds.map((refund) => refund.status)).toEqual(["FAILED"]);
    expect(detail?.refundableCents).toBe(order.totalCents);
    expect(isRefundStuck(detail!.refunds[0]!, stuckAt)).toBe(false);
    expect(await prisma.orderEvent.findFirst({ where: { orderId: order.id, type: "refund_failed" } })).toMatchObject({
      public: false,
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 0,
      paymentStatus: "PAID",
    });
    expect((await listStuckRefunds(prisma, stuckAt, 1000)).some((entry) => entry.orderId === order.id)).toBe(false);
  });

  it("a refund Stripe accepted as pending is settled from Stripe's later answer", async () => {
    const { order, session } = await orderWithSession();
    await deliver("checkout.session.completed", paidSession(session));
    const payment = await prisma.payment.findFirstOrThrow({ where: { providerRef: session.id } });
    const request = {
      paymentId: payment.id,
      amountCents: 300,
      requestKey: `admin-refund:${randomUUID()}`,
      reason: "requested_by_customer",
    };
    standIn.setRefundStatus("pending");
    let first;
    try {
      first = await stripePaymentProvider.refund(prisma, request);
    } finally {
      standIn.setRefundStatus("succeeded");
    }
    expect(first).toMatchObject({ status: "PENDING", providerRef: expect.stringMatching(/^re_test_/) });
    // Still pending at Stripe: the pass leaves it pending and backs off.
    await reconcilePendingRefunds(prisma, { now: minutesFromNow(3) });
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: first.refundId } })).toMatchObject({
      status: "PENDING",
      attempts: 1,
    });
    standIn.settleRefund(first.providerRef!, "succeeded");
    await reconcilePendingRefunds(prisma, { now: minutesFromNow(60) });
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: first.refundId } })).toMatchObject({
      status: "SUCCEEDED",
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ refundedCents: 300 });
  });
});

describe("Radar reviews", () => {
  /** A Review object as Stripe sends it in review.opened (fields per the API reference). */
  function radarReview(paymentIntent: string) {
    return {
      id: `prv_${randomUUID().replaceAll("-", "").slice(0, 24)}`,
      object: "review",
      billing_zip: null,
      charge: `ch_${randomUUID().replaceAll("-", "").slice(0, 24)}`,
      closed_reason: null,
      created: Math.floor(Date.now() / 1000),
      ip_address: "203.0.113.7",
      ip_address_location: null,
      livemode: false,
      open: true,
      opened_reason: "rule",
      payment_intent: paymentIntent,
      reason: "rule",
      session: null,
    };
  }

  it("review.opened holds the paid order from shipping, once; one that arrives before the payment is retried", async () => {
    const { order, session } = await orderWithSession();
    const intent = `pi_${randomUUID().replaceAll("-", "").slice(0, 24)}`;
    const review = radarReview(intent);

    // Stripe does not order deliveries: the review can come before the session completes.
    const early = await deliver("review.opened", review);
    expect(early.status).toBe(500);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ fraudReview: false });

    expect((await deliver("checkout.session.completed", paidSession(session, { payment_intent: intent }))).status).toBe(
      200,
    );
    const retried = await deliver("review.opened", review, early.event.id);
    expect(retried).toMatchObject({ status: 200, body: { outcome: "review_held" } });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PAID",
      fraudReview: true,
    });
    const opened = await prisma.orderEvent.findMany({ where: { orderId: order.id, type: "fraud_review_opened" } });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ public: false });
    expect(opened[0]!.message).toContain("Stripe Radar opened a review of this payment (rule).");

    // The same review delivered as a new event (Stripe may resend) changes nothing more.
    const state = await snapshot(prisma);
    expect((await deliver("review.opened", review)).body).toMatchObject({ outcome: "review_already_reported" });
    expect(await snapshot(prisma)).toEqual(state);
  });

  it("review.closed as approved releases the hold, once; closed as fraud keeps it for the seller", async () => {
    const approvedCase = await orderWithSession();
    const approvedIntent = `pi_${randomUUID().replaceAll("-", "").slice(0, 24)}`;
    await deliver("checkout.session.completed", paidSession(approvedCase.session, { payment_intent: approvedIntent }));
    const approved = radarReview(approvedIntent);
    await deliver("review.opened", approved);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: approvedCase.order.id } })).toMatchObject({
      fraudReview: true,
    });
    const closed = { ...approved, open: false, closed_reason: "approved" };
    expect((await deliver("review.closed", closed)).body).toMatchObject({ outcome: "review_released" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: approvedCase.order.id } })).toMatchObject({
      fraudReview: false,
    });
    const note = await prisma.orderEvent.findFirstOrThrow({
      where: { orderId: approvedCase.order.id, type: "fraud_review_closed" },
    });
    expect(note).toMatchObject({ public: false });
    expect(note.message).toContain("The hold is released");
    // Resent: nothing more; and a resent review.opened does not hold it again.
    expect((await deliver("review.closed", closed)).body).toMatchObject({ outcome: "review_already_reported" });
    expect((await deliver("review.opened", approved)).body).toMatchObject({ outcome: "review_already_reported" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: approvedCase.order.id } })).toMatchObject({
      fraudReview: false,
    });

    const fraudCase = await orderWithSession();
    const fraudIntent = `pi_${randomUUID().replaceAll("-", "").slice(0, 24)}`;
    await deliver("checkout.session.completed", paidSession(fraudCase.session, { payment_intent: fraudIntent }));
    const fraud = radarReview(fraudIntent);
    await deliver("review.opened", fraud);
    expect(
      (await deliver("review.closed", { ...fraud, open: false, closed_reason: "refunded_as_fraud" })).body,
    ).toMatchObject({ outcome: "review_recorded" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: fraudCase.order.id } })).toMatchObject({
      fraudReview: true,
    });
    const kept = await prisma.orderEvent.findFirstOrThrow({
      where: { orderId: fraudCase.order.id, type: "fraud_review_closed" },
    });
    expect(kept.message).toContain("(refunded as fraud). The order stays held");
  });

  it("a review of a payment whose order was cancelled is recorded for the seller without a hold", async () => {
    const { order, session } = await orderWithSession();
    const intent = `pi_${randomUUID().replaceAll("-", "").slice(0, 24)}`;
    await deliver("checkout.session.completed", paidSession(session, { payment_intent: intent }));
    await prisma.order.update({ where: { id: order.id }, data: { status: "CANCELLED" } });
    expect((await deliver("review.opened", radarReview(intent))).body).toMatchObject({
      outcome: "review_not_holdable",
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ fraudReview: false });
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, type: "fraud_review_opened" } })).toBe(1);
  });
});
