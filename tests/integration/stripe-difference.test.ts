// A dearer exchange's difference paid through Stripe (lib/payments/stripe-difference.ts, docs/returns.md), against
// the local stand-in for api.stripe.com and a real PostgreSQL: the Checkout Session request as Stripe documents
// it (https://docs.stripe.com/api/checkout/sessions/create), the signed `checkout.session.completed` webhook
// confirming the exchange once however often it is delivered, money that arrives twice or after the hold was
// released refunded in full through Stripe's refunds API, once, without touching the order's own balance, and
// an expired session leaving the hold to the sweep.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { fulfilOrder } from "@/lib/orders/fulfilment";
import type { OrderActor } from "@/lib/orders/admin-common";
import { requestReturn } from "@/lib/orders/returns-request";
import { approveReturn } from "@/lib/orders/returns-review";
import { receiveReturnLine, refundReturn, returnRefundDueCents } from "@/lib/orders/returns-complete";
import { releaseUnpaidExchanges } from "@/lib/orders/returns-difference";
import { claimProcessBatch } from "@/lib/outbox";
import { activePaymentProvider } from "@/lib/payments/provider";
import { paymentOutboxHandlers } from "@/lib/payments/refund-required";
import { stripePaymentProvider } from "@/lib/payments/stripe";
import { STRIPE_API_VERSION } from "@/lib/payments/stripe-client";
import { POST } from "@/app/api/webhooks/stripe/route";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createStore, placeOrderFor, snapshot, type Store } from "../helpers/checkout-fixture";
import {
  paidSession,
  signedWebhookRequest,
  startStripeStandIn,
  stripeEvent,
  type StripeStandIn,
} from "../helpers/stripe-stand-in";

const SECRET_KEY = "sk_test_stand_in_key";
const WEBHOOK_SECRET = "whsec_test_secret_for_the_difference_suite";

let db: TestDatabase;
let prisma: Db;
let standIn: StripeStandIn;
let staff: OrderActor;
let store: Store;
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase("stripe_difference");
  prisma = db.prisma;
  standIn = await startStripeStandIn();
  Object.assign(process.env, standIn.env, {
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    DATABASE_URL: db.url,
  });
  // The route uses the app's shared client, created from DATABASE_URL on first use.
  delete (globalThis as { __prisma?: unknown }).__prisma;
  const user = await prisma.user.create({
    data: { email: `staff-${randomUUID()}@example.com`, role: "STAFF" },
    select: { id: true, role: true },
  });
  staff = { id: user.id, role: user.role };
  store = await createStore(prisma, { variants: [{ priceCents: 2500, stock: [100, 0] }] });
});
afterAll(async () => {
  const shared = (globalThis as { __prisma?: Db }).__prisma;
  await shared?.$disconnect();
  delete (globalThis as { __prisma?: unknown }).__prisma;
  process.env = savedEnv;
  await standIn?.close();
  await db?.drop();
});

async function deliver(type: string, object: Record<string, unknown>, eventId?: string) {
  const event = stripeEvent(type, object, eventId);
  const response = await POST(signedWebhookRequest(event, { secret: WEBHOOK_SECRET }));
  return { event, status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function level(variantId: string) {
  const found = await prisma.inventoryLevel.findUniqueOrThrow({
    where: { variantId_locationId: { variantId, locationId: store.locationIds[0] } },
  });
  return { onHand: found.onHand, reserved: found.reserved };
}

/** The stand-in's session for a recorded payment. */
async function sessionOf(paymentId: string) {
  const payment = await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
  return { payment, session: standIn.sessions.get(payment.providerRef!)! };
}

/** The outbox worker's payment handlers (the refund of money that must go back). */
async function runPaymentOutbox() {
  return claimProcessBatch(prisma, paymentOutboxHandlers(prisma));
}

/**
 * An order of one unit of variant 0 paid through Stripe's webhook, shipped, with a return of it for the
 * dearer option, approved at `approvedAt` (held 15 minutes).
 */
async function approvedDearerReturn(approvedAt = new Date()) {
  // Each test its own dearer option (30.00) of product 0 (25.00), so its stock moves are its own.
  const dear = await prisma.variant.create({
    data: { productId: store.productIds[0]!, sku: `DEAR-${randomUUID().slice(0, 8)}`, title: "XXL", priceCents: 3000 },
  });
  await prisma.inventoryLevel.create({ data: { variantId: dear.id, locationId: store.locationIds[0], onHand: 50 } });
  const dearVariantId = dear.id;
  const { order } = await placeOrderFor(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]);
  const started = await stripePaymentProvider.startPayment(prisma, order.id, {
    successUrl: "http://localhost:3000/orders/x",
    cancelUrl: "http://localhost:3000/cart",
  });
  const { session } = await sessionOf(started.paymentId);
  const paid = paidSession(session);
  standIn.registerPaymentIntent(paid.payment_intent!, paid.amount_total, paid.currency);
  expect((await deliver("checkout.session.completed", paid)).body).toMatchObject({ outcome: "paid" });
  const line = await prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
  await fulfilOrder(prisma, staff, {
    orderId: order.id,
    carrier: "UPS",
    trackingNumber: "1Z999AA10123456784",
    lines: [{ orderLineId: line.id, quantity: 1 }],
    requestKey: `ship:${randomUUID()}`,
  });
  const { returnId } = await requestReturn(
    prisma,
    { userId: null },
    {
      orderId: order.id,
      lines: [{ orderLineId: line.id, quantity: 1, exchangeVariantId: dearVariantId }],
      reason: "wrong_size",
      requestKey: `return:${randomUUID()}`,
    },
  );
  await approveReturn(prisma, staff, { returnId }, { now: approvedAt, exchangeHoldMinutes: 15 });
  const request = await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } });
  expect(request.differenceCents).toBeGreaterThan(0);
  const urls = {
    successUrl: `http://localhost:3000/orders/${order.id}`,
    cancelUrl: `http://localhost:3000/orders/${order.id}`,
  };
  return {
    order,
    line,
    returnId,
    dearVariantId,
    differenceCents: request.differenceCents,
    urls,
    orderPaymentIntent: paid.payment_intent!,
  };
}

describe("the difference's Checkout Session", () => {
  it("is sent to Stripe as documented: one payment-mode line of the difference, tied to the return", async () => {
    expect(activePaymentProvider()?.id).toBe("STRIPE");
    const { order, returnId, dearVariantId, differenceCents, urls } = await approvedDearerReturn();
    const before = standIn.requests.length;
    const startedAt = Math.floor(Date.now() / 1000);
    const started = await activePaymentProvider()!.startDifferencePayment(prisma, returnId, urls);

    const [request, ...others] = standIn.requests.slice(before);
    expect(others).toEqual([]);
    expect(request).toMatchObject({
      method: "POST",
      path: "/v1/checkout/sessions",
      stripeVersion: STRIPE_API_VERSION,
      authorization: `Bearer ${SECRET_KEY}`,
    });
    const body = request!.body;
    const expiresAt = Number(body.expires_at);
    // Stripe accepts expires_at from 30 minutes to 24 hours after creation.
    expect(expiresAt).toBeGreaterThanOrEqual(startedAt + 30 * 60);
    expect(expiresAt).toBeLessThanOrEqual(startedAt + 24 * 3600);
    expect(body).toEqual({
      mode: "payment",
      // Amounts in the currency's smallest unit, the currency in lower case, as Stripe documents them.
      line_items: [
        {
          quantity: "1",
          price_data: {
            currency: "usd",
            unit_amount: String(differenceCents),
            product_data: { name: `Exchange difference, order #${order.number}` },
          },
        },
      ],
      customer_email: order.email,
      client_reference_id: order.id,
      metadata: { orderId: order.id, orderNumber: String(order.number), returnId },
      payment_intent_data: {
        metadata: { orderId: order.id, orderNumber: String(order.number), returnId },
        description: `Exchange difference, order #${order.number}`,
      },
      expires_at: String(expiresAt),
      success_url: urls.successUrl,
      cancel_url: urls.cancelUrl,
    });
    expect(request!.idempotencyKey).toBe(`return-difference:${returnId}:1:${expiresAt * 1000}`);

    const { payment, session } = await sessionOf(started.paymentId);
    expect(session).toMatchObject({ amount_total: differenceCents, currency: "usd", status: "open" });
    expect(started.redirectUrl).toBe(session.url);
    expect(payment).toMatchObject({
      orderId: order.id,
      returnId,
      provider: "STRIPE",
      status: "PENDING",
      providerRef: session.id,
      amountCents: differenceCents,
      currency: "USD",
    });
    expect(payment.expiresAt!.getTime()).toBe(expiresAt * 1000);
    // The hold lasts as long as Stripe's page can take the payment.
    const request2 = await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } });
    expect(request2.differenceDueBy!.getTime()).toBe(expiresAt * 1000);
    const holds = await prisma.reservation.findMany({ where: { orderId: order.id, status: "ACTIVE" } });
    expect(holds.map((hold) => [hold.variantId, hold.expiresAt.getTime()])).toEqual([
      [dearVariantId, expiresAt * 1000],
    ]);

    // A second click reuses the open session: one retrieve, no second session.
    const again = await activePaymentProvider()!.startDifferencePayment(prisma, returnId, urls);
    expect(again).toEqual(started);
    expect(standIn.requests.slice(before + 1).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      `GET /v1/checkout/sessions/${session.id}`,
    ]);
    expect(await prisma.payment.count({ where: { returnId } })).toBe(1);
  });

  it("two clicks at once open one session (the same idempotency key, one payment row)", async () => {
    const { returnId, urls } = await approvedDearerReturn();
    const before = standIn.requests.length;
    const [first, second] = await Promise.all([
      stripePaymentProvider.startDifferencePayment(prisma, returnId, urls),
      stripePaymentProvider.startDifferencePayment(prisma, returnId, urls),
    ]);
    expect(second).toEqual(first);
    const creates = standIn.requests.slice(before).filter((entry) => entry.path === "/v1/checkout/sessions");
    expect(new Set(creates.map((entry) => entry.idempotencyKey)).size).toBe(1);
    expect(await prisma.payment.count({ where: { returnId } })).toBe(1);
  });
  it("a session closing within the clock margin is not reused: the next click opens a fresh one, as checkout's", async () => {
    const { returnId, urls } = await approvedDearerReturn();
    const first = await stripePaymentProvider.startDifferencePayment(prisma, returnId, urls);
    // Stripe's page still takes payments for 30 seconds by our clock: too close to its end to send anyone there.
    await prisma.payment.update({ where: { id: first.paymentId }, data: { expiresAt: new Date(Date.now() + 30_000) } });
    const before = standIn.requests.length;
    const second = await stripePaymentProvider.startDifferencePayment(prisma, returnId, urls);
    expect(second.paymentId).not.toBe(first.paymentId);
    expect(standIn.requests.slice(before).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      "POST /v1/checkout/sessions",
    ]);
    expect(await prisma.payment.count({ where: { returnId } })).toBe(2);
  });
});

describe("checkout.session.completed for the difference", () => {
  it("paid inside the hold but delivered after its end (before the sweep): the exchange is paid, not refunded", async () => {
    const { order, returnId, dearVariantId, urls } = await approvedDearerReturn();
    const started = await stripePaymentProvider.startDifferencePayment(prisma, returnId, urls);
    const { session } = await sessionOf(started.paymentId);
    const before = await level(dearVariantId);
    // The hold ended a moment ago and the sweep has not run yet; Stripe took the payment a minute before.
    const dueBy = new Date(Date.now() - 5_000);
    await prisma.returnRequest.update({ where: { id: returnId }, data: { differenceDueBy: dueBy } });
    const paid = paidSession(session);
    const event = stripeEvent("checkout.session.completed", paid);
    event.created = Math.floor(dueBy.getTime() / 1000) - 60;

    const response = await POST(signedWebhookRequest(event, { secret: WEBHOOK_SECRET }));
    expect(await response.json()).toMatchObject({ outcome: "paid" });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } })).toMatchObject({
      status: "SUCCEEDED",
      autoRefundReason: null,
    });
    expect((await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).differencePaidAt).not.toBeNull();
    expect(await prisma.outboxEvent.count({ where: { topic: "payment.refund_required", aggregateId: order.id } })).toBe(
      0,
    );
    expect(await level(dearVariantId)).toEqual({ onHand: before.onHand - 1, reserved: before.reserved - 1 });
  });

  it("confirms the exchange exactly once, however often and concurrently it is delivered", async () => {
    const { order, returnId, dearVariantId, differenceCents, urls } = await approvedDearerReturn();
    const started = await stripePaymentProvider.startDifferencePayment(prisma, returnId, urls);
    const { session } = await sessionOf(started.paymentId);
    const before = await level(dearVariantId);
    const paid = paidSession(session);
    const event = stripeEvent("checkout.session.completed", paid);

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => POST(signedWebhookRequest(event, { secret: WEBHOOK_SECRET }))),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const outcomes = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { outcome: string }).outcome),
    );
    expect(outcomes.filter((outcome) => outcome === "paid")).toHaveLength(1);
    expect(
      outcomes.filter((outcome) => outcome !== "paid").every((o) => o === "already_paid" || o === "duplicate"),
    ).toBe(true);

    const confirmed = async () => ({
      payment: await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } }),
      request: await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } }),
      order: await prisma.order.findUniqueOrThrow({ where: { id: order.id } }),
      sales: await prisma.inventoryAdjustment.count({
        where: { orderId: order.id, variantId: dearVariantId, reason: "SALE" },
      }),
      events: await prisma.orderEvent.count({ where: { orderId: order.id, type: "return_difference_paid" } }),
      emails: await prisma.outboxEvent.count({ where: { dedupeKey: `return-update:${returnId}:difference_paid` } }),
      refundsDue: await prisma.outboxEvent.count({
        where: { topic: "payment.refund_required", aggregateId: order.id },
      }),
    });
    const once = await confirmed();
    expect(once.payment).toMatchObject({
      status: "SUCCEEDED",
      paymentIntentRef: paid.payment_intent,
      amountCents: differenceCents,
      autoRefundReason: null,
    });
    expect(once.request.differencePaidAt).not.toBeNull();
    expect(once.order).toMatchObject({ status: "PARTIALLY_FULFILLED", paymentStatus: "PAID", refundedCents: 0 });
    expect(once).toMatchObject({ sales: 1, events: 1, emails: 1, refundsDue: 0 });
    expect(await level(dearVariantId)).toEqual({ onHand: before.onHand - 1, reserved: before.reserved - 1 });

    // Stripe delivers the same event again later: answered as a duplicate, nothing changes.
    const state = await snapshot(prisma);
    const replay = await POST(signedWebhookRequest(event, { secret: WEBHOOK_SECRET }));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, outcome: "duplicate" });
    // Another event about the same paid session (a new event id, so it is dispatched): already paid.
    expect((await deliver("checkout.session.async_payment_succeeded", paid)).body).toMatchObject({
      outcome: "already_paid",
    });
    expect(await snapshot(prisma)).toEqual(state);
    expect(await confirmed()).toEqual(once);
    // The paid difference is no longer payable.
    await expect(stripePaymentProvider.startDifferencePayment(prisma, returnId, urls)).rejects.toMatchObject({
      code: "already_paid",
    });
  });

  it("a second session of the same difference that also got paid is refunded in full through Stripe, once", async () => {
    const { order, returnId, differenceCents, urls } = await approvedDearerReturn();
    const first = await stripePaymentProvider.startDifferencePayment(prisma, returnId, urls);
    // Our clock says the first session is over while Stripe's page still takes the payment (clock skew), so
    // the shopper's next click opens a second session and both get paid.
    await prisma.payment.update({ where: { id: first.paymentId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const second = await stripePaymentProvider.startDifferencePayment(prisma, returnId, urls);
    expect(second.paymentId).not.toBe(first.paymentId);
    const a = paidSession((await sessionOf(first.paymentId)).session);
    const b = paidSession((await sessionOf(second.paymentId)).session);
    standIn.registerPaymentIntent(a.payment_intent!, a.amount_total, a.currency);
    standIn.registerPaymentIntent(b.payment_intent!, b.amount_total, b.currency);

    expect((await deliver("checkout.session.completed", b)).body).toMatchObject({ outcome: "paid" });
    const late = await deliver("checkout.session.completed", a);
    expect(late.body).toMatchObject({ outcome: "needs_refund" });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: first.paymentId } })).toMatchObject({
      status: "SUCCEEDED",
      autoRefundReason: "duplicate_payment",
    });

    const before = standIn.requests.length;
    expect(await runPaymentOutbox()).toMatchObject({ done: 1, retrying: 0 });
    const refunds = standIn.requests.slice(before).filter((entry) => entry.path === "/v1/refunds");
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      method: "POST",
      idempotencyKey: `auto-refund:${first.paymentId}`,
      body: { payment_intent: a.payment_intent, amount: String(differenceCents), reason: "duplicate" },
    });
    expect(
      await prisma.refund.findMany({ where: { orderId: order.id }, select: { paymentId: true, status: true } }),
    ).toEqual([{ paymentId: first.paymentId, status: "SUCCEEDED" }]);
    // Money the order never counted: its own balance is untouched, the exchange stays paid.
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 0,
      paymentStatus: "PAID",
      status: "PARTIALLY_FULFILLED",
    });
    expect((await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).differencePaidAt).not.toBeNull();

    // A replayed webhook and another worker pass refund nothing more.
    await POST(signedWebhookRequest(late.event, { secret: WEBHOOK_SECRET }));
    await runPaymentOutbox();
    expect(standIn.requests.slice(before).filter((entry) => entry.path === "/v1/refunds")).toHaveLength(1);
    expect(await prisma.refund.count({ where: { orderId: order.id } })).toBe(1);
  });
});

describe("a difference paid with another amount than the one asked", () => {
  it("pays nothing and is refunded in full through Stripe once: the exchange stays held, the order's balance alone", async () => {
    const { order, returnId, dearVariantId, differenceCents, urls } = await approvedDearerReturn();
    const started = await stripePaymentProvider.startDifferencePayment(prisma, returnId, urls);
    const { session } = await sessionOf(started.paymentId);
    const taken = differenceCents - 100;
    const paid = paidSession(session, { amount_total: taken });
    standIn.registerPaymentIntent(paid.payment_intent!, taken, paid.currency);
    const held = await level(dearVariantId);

    const confirmed = await deliver("checkout.session.completed", paid);
    expect(confirmed).toMatchObject({ status: 200, body: { outcome: "needs_refund" } });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } })).toMatchObject({
      status: "SUCCEEDED",
      amountCents: taken,
      autoRefundReason: "amount_mismatch",
    });
    // Nothing paid: the exchange is still set aside for the right amount, nothing sold.
    expect(await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).toMatchObject({
      differencePaidAt: null,
      differenceCents,
    });
    expect(await level(dearVariantId)).toEqual(held);

    const sent = standIn.requests.length;
    expect(await runPaymentOutbox()).toMatchObject({ done: 1, retrying: 0 });
    const refunds = () => standIn.requests.slice(sent).filter((entry) => entry.path === "/v1/refunds");
    expect(refunds()).toHaveLength(1);
    expect(refunds()[0]).toMatchObject({
      method: "POST",
      idempotencyKey: `auto-refund:${started.paymentId}`,
      body: { payment_intent: paid.payment_intent, amount: String(taken) },
    });
    expect(
      await prisma.refund.findMany({
        where: { paymentId: started.paymentId },
        select: { status: true, amountCents: true, reason: true },
      }),
    ).toEqual([{ status: "SUCCEEDED", amountCents: taken, reason: "amount_mismatch" }]);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 0,
      paymentStatus: "PAID",
    });

    // A replay, and the same payment under another event id, refund nothing more; the latter answers as the
    // first did. The shopper can still pay the right amount.
    const replay = await POST(signedWebhookRequest(confirmed.event, { secret: WEBHOOK_SECRET }));
    expect(await replay.json()).toMatchObject({ outcome: "duplicate" });
    expect((await deliver("checkout.session.completed", paid)).body).toMatchObject({ outcome: "needs_refund" });
    await runPaymentOutbox();
    expect(refunds()).toHaveLength(1);
    const again = await stripePaymentProvider.startDifferencePayment(prisma, returnId, urls);
    expect(again.paymentId).not.toBe(started.paymentId);
  });
});

describe("an unpaid difference", () => {
  it("an expired session leaves the hold to the sweep, which releases it at the hold's end", async () => {
    const { order, returnId, dearVariantId, urls } = await approvedDearerReturn();
    const before = await level(dearVariantId);
    const started = await stripePaymentProvider.startDifferencePayment(prisma, returnId, urls);
    const { session } = await sessionOf(started.paymentId);
    const dueBy = (await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).differenceDueBy!;

    session.status = "expired";
    session.url = null;
    expect((await deliver("checkout.session.expired", session)).body).toMatchObject({
      outcome: "difference_session_closed",
    });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } })).toMatchObject({
      status: "EXPIRED",
      failureReason: "checkout_session_expired",
    });
    // Still held for the return until its own deadline: nothing released, the order untouched.
    expect(await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).toMatchObject({
      differenceDueBy: dueBy,
      differencePaidAt: null,
    });
    expect(await prisma.reservation.count({ where: { orderId: order.id, status: "ACTIVE" } })).toBe(1);
    expect(await level(dearVariantId)).toEqual(before);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("FULFILLED");

    // The sweep releases it at the hold's end, once.
    // (The sweep is store-wide: other tests' holds may end at the same minute, so this return is checked.)
    const awaiting = async () =>
      (await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).differenceDueBy !== null;
    await releaseUnpaidExchanges(prisma, new Date(dueBy.getTime() - 1000));
    expect(await awaiting()).toBe(true);
    expect(await releaseUnpaidExchanges(prisma, dueBy)).toBeGreaterThanOrEqual(1);
    expect(await awaiting()).toBe(false);
    expect(await releaseUnpaidExchanges(prisma, dueBy)).toBe(0);
    expect(await level(dearVariantId)).toEqual({ onHand: before.onHand, reserved: before.reserved - 1 });
    expect(await prisma.reservation.count({ where: { orderId: order.id, status: "ACTIVE" } })).toBe(0);
    expect(await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).toMatchObject({
      differenceCents: 0,
      differenceDueBy: null,
    });
  });

  it("paid after the sweep released it: refunded in full through Stripe once, nothing sold, the order's balance untouched", async () => {
    const approvedAt = new Date();
    const { order, line, returnId, dearVariantId, differenceCents, urls, orderPaymentIntent } =
      await approvedDearerReturn(approvedAt);
    const before = await level(dearVariantId);
    const started = await stripePaymentProvider.startDifferencePayment(prisma, returnId, urls);
    const { session } = await sessionOf(started.paymentId);
    const dueBy = (await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).differenceDueBy!;
    await releaseUnpaidExchanges(prisma, dueBy);
    expect((await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).differenceDueBy).toBeNull();

    // Stripe's page took the payment anyway (its confirmation is late).
    const paid = paidSession(session);
    standIn.registerPaymentIntent(paid.payment_intent!, paid.amount_total, paid.currency);
    const late = await deliver("checkout.session.completed", paid);
    expect(late.body).toMatchObject({ outcome: "needs_refund" });
    expect(await level(dearVariantId)).toEqual({ onHand: before.onHand, reserved: before.reserved - 1 });
    expect(
      await prisma.inventoryAdjustment.count({
        where: { orderId: order.id, variantId: dearVariantId, reason: "SALE" },
      }),
    ).toBe(0);
    expect((await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).differencePaidAt).toBeNull();

    const sent = standIn.requests.length;
    expect(await runPaymentOutbox()).toMatchObject({ done: 1, retrying: 0 });
    const refunds = standIn.requests.slice(sent).filter((entry) => entry.path === "/v1/refunds");
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      idempotencyKey: `auto-refund:${started.paymentId}`,
      body: { payment_intent: paid.payment_intent, amount: String(differenceCents) },
    });
    // The late money is not the order's: its refund leaves the order's balance alone.
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 0,
      paymentStatus: "PAID",
      status: "FULFILLED",
    });
    await POST(signedWebhookRequest(late.event, { secret: WEBHOOK_SECRET }));
    await runPaymentOutbox();
    expect(standIn.requests.slice(sent).filter((entry) => entry.path === "/v1/refunds")).toHaveLength(1);

    // The return goes on as a plain return: its credit is refunded from the order's own payment.
    const returnLine = await prisma.returnLine.findFirstOrThrow({ where: { returnId } });
    await receiveReturnLine(prisma, staff, {
      returnId,
      returnLineId: returnLine.id,
      locationId: store.locationIds[0],
      condition: "RESELLABLE",
    });
    const fellBack = await prisma.returnRequest.findUniqueOrThrow({
      where: { id: returnId },
      include: { lines: true },
    });
    expect(returnRefundDueCents(fellBack.lines)).toBe(line.totalCents);
    const refunded = await refundReturn(prisma, staff, { returnId });
    expect(refunded).toMatchObject({ outcome: "refunded", amountCents: line.totalCents });
    const returnRefund = standIn.requests
      .slice(sent)
      .filter((entry) => entry.path === "/v1/refunds")
      .at(-1);
    expect(returnRefund?.body).toMatchObject({ payment_intent: orderPaymentIntent, amount: String(line.totalCents) });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: line.totalCents,
      paymentStatus: "PARTIALLY_REFUNDED",
    });
  });
});
