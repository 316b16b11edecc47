// The seller's order actions against a real PostgreSQL: fulfilment (partial, full, over-fulfil, forged
// lines, double submits, the shipping email), delivery, fraud review, cancellation (unpaid and paid:
// stock and refunds), refunds (partial, full, over-refund, the staff limit, concurrent submits), the
// admin list and detail queries, and Stripe: refunds against the API stand-in and refund webhooks.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { placeOrder } from "@/lib/checkout/place-order";
import { emailHandlers, renderEmailEvent } from "@/lib/email/outbox-handlers";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { getOrderForShopper } from "@/lib/orders/lookup";
import { fulfilOrder, markDelivered } from "@/lib/orders/fulfilment";
import { cancelOrder } from "@/lib/orders/cancel";
import { refundOrder, staffRefundLimitCents } from "@/lib/orders/refund-order";
import { resolveFraudReview } from "@/lib/orders/fraud-review";
import { getOrderForAdmin, listOrders, parseOrderListParams } from "@/lib/orders/admin-queries";
import type { OrderActor } from "@/lib/orders/admin-common";
import { claimProcessBatch } from "@/lib/outbox";
import { paymentOutboxHandlers } from "@/lib/payments/refund-required";
import { payWithTestCard } from "@/lib/checkout/test-card-payment";
import { testPaymentProvider } from "@/lib/payments/test-provider";
import { stripePaymentProvider } from "@/lib/payments/stripe";
import { POST } from "@/app/api/webhooks/stripe/route";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createCart, createStore, checkoutInput, type Store } from "../helpers/checkout-fixture";
import {
  paidSession,
  signedWebhookRequest,
  startStripeStandIn,
  stripeEvent,
  type StripeStandIn,
} from "../helpers/stripe-stand-in";

let db: TestDatabase;
let prisma: Db;
let admin: OrderActor;
let staff: OrderActor;
let customer: OrderActor;
let store: Store;
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase("admin_orders");
  prisma = db.prisma;
  delete process.env.SMTP_URL;
  delete process.env.STAFF_REFUND_LIMIT_CENTS;
  const make = async (role: "ADMIN" | "STAFF" | "CUSTOMER") => {
    const user = await prisma.user.create({
      data: { email: `${role.toLowerCase()}-${randomUUID()}@example.com`, role },
      select: { id: true, role: true },
    });
    return { id: user.id, role: user.role };
  };
  admin = await make("ADMIN");
  staff = await make("STAFF");
  customer = await make("CUSTOMER");
  // Variant 0: 25.00, variant 1: 10.00, variant 2: 80.00 (for orders above the staff limit), plenty of stock.
  store = await createStore(prisma, {
    variants: [
      { priceCents: 2500, stock: [50, 50] },
      { priceCents: 1000, stock: [50, 50] },
      { priceCents: 8000, stock: [50, 50] },
    ],
  });
});
afterAll(async () => {
  process.env = savedEnv;
  await db?.drop();
});

const key = (kind = "test") => `${kind}:${randomUUID()}`;

async function pendingOrder(lines: { variant: number; quantity: number }[]) {
  const cartId = await createCart(
    prisma,
    lines.map((line) => ({ variantId: store.variantIds[line.variant]!, quantity: line.quantity })),
  );
  const { order } = await placeOrder(
    prisma,
    checkoutInput(cartId, { email: `shopper-${randomUUID().slice(0, 8)}@example.com` }),
  );
  return order;
}

/** An order paid through the test provider (its Payment is a TEST payment that refunds for real). */
async function paidOrder(
  lines: { variant: number; quantity: number }[] = [
    { variant: 0, quantity: 3 },
    { variant: 1, quantity: 1 },
  ],
) {
  const order = await pendingOrder(lines);
  const paid = await markOrderPaid(prisma, {
    orderId: order.id,
    provider: "TEST",
    providerRef: `testpay_${order.id}`,
    amountCents: order.totalCents,
    currency: order.currency,
  });
  expect(paid.outcome).toBe("paid");
  return prisma.order.findUniqueOrThrow({
    where: { id: order.id },
    include: { lines: { orderBy: { createdAt: "asc" } } },
  });
}

async function levels(variant: number) {
  const rows = await prisma.inventoryLevel.findMany({
    where: { variantId: store.variantIds[variant]! },
    orderBy: { location: { priority: "asc" } },
  });
  return rows.map((row) => ({ onHand: row.onHand, reserved: row.reserved }));
}

/** Everything an order action can write, to prove a refused one wrote nothing. */
async function snapshot() {
  const [
    orders,
    lines,
    shipments,
    shipmentLines,
    events,
    outbox,
    audit,
    refunds,
    payments,
    levelRows,
    reservations,
    adjustments,
  ] = await Promise.all([
    prisma.order.findMany({
      select: { id: true, status: true, paymentStatus: true, refundedCents: true, fraudReview: true },
      orderBy: { id: "asc" },
    }),
    prisma.orderLine.findMany({ select: { id: true, fulfilledQuantity: true }, orderBy: { id: "asc" } }),
    prisma.shipment.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
    prisma.shipmentLine.count(),
    prisma.orderEvent.count(),
    prisma.outboxEvent.count(),
    prisma.auditLog.count(),
    prisma.refund.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
    prisma.payment.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
    prisma.inventoryLevel.findMany({ select: { id: true, onHand: true, reserved: true }, orderBy: { id: "asc" } }),
    prisma.reservation.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
    prisma.inventoryAdjustment.count(),
  ]);
  return {
    orders,
    lines,
    shipments,
    shipmentLines,
    events,
    outbox,
    audit,
    refunds,
    payments,
    levelRows,
    reservations,
    adjustments,
  };
}

/** A staff member of their own (the daily refund limit counts per member). */
async function newStaff(): Promise<OrderActor> {
  const user = await prisma.user.create({
    data: { email: `staff-${randomUUID()}@example.com`, role: "STAFF" },
    select: { id: true, role: true },
  });
  return { id: user.id, role: user.role };
}

async function expectRefused(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  return error as UserError;
}

function ship(order: { id: string }, lines: { orderLineId: string; quantity: number }[], requestKey = key("fulfil")) {
  return { orderId: order.id, carrier: "UPS", trackingNumber: "1Z999AA10123456784", lines, requestKey };
}

describe("fulfilment", () => {
  it("ships part of an order, then the rest: statuses, shipments, timeline, audit, one email each, no stock change", async () => {
    const order = await paidOrder();
    const [tees, caps] = order.lines as [(typeof order.lines)[number], (typeof order.lines)[number]];
    const stockAfterPayment = [await levels(0), await levels(1)];

    const first = await fulfilOrder(prisma, staff, ship(order, [{ orderLineId: tees.id, quantity: 2 }]));
    expect(first).toMatchObject({ outcome: "shipped", status: "PARTIALLY_FULFILLED" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PARTIALLY_FULFILLED",
    });
    expect(await prisma.orderLine.findUniqueOrThrow({ where: { id: tees.id } })).toMatchObject({
      fulfilledQuantity: 2,
    });
    const shipment = await prisma.shipment.findUniqueOrThrow({
      where: { id: first.shipmentId },
      include: { lines: true },
    });
    expect(shipment).toMatchObject({
      orderId: order.id,
      carrier: "UPS",
      trackingNumber: "1Z999AA10123456784",
      trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
      status: "SHIPPED",
    });
    expect(shipment.lines.map((line) => ({ orderLineId: line.orderLineId, quantity: line.quantity }))).toEqual([
      { orderLineId: tees.id, quantity: 2 },
    ]);
    const event = await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id, type: "shipped" } });
    expect(event).toMatchObject({
      public: true,
      actorId: staff.id,
      message: "Shipped with UPS, tracking 1Z999AA10123456784 (2 of 4 items).",
    });
    expect(
      await prisma.auditLog.findMany({
        where: { entityType: "Order", entityId: order.id },
        select: { action: true, actorId: true },
      }),
    ).toEqual([{ action: "order.fulfil", actorId: staff.id }]);
    expect(
      await prisma.outboxEvent.findMany({
        where: { aggregateId: order.id, topic: "email.order_shipped" },
        select: { dedupeKey: true, payload: true },
      }),
    ).toEqual([
      {
        dedupeKey: `order-shipped:${first.shipmentId}`,
        payload: { orderId: order.id, shipmentId: first.shipmentId, email: order.email },
      },
    ]);

    const second = await fulfilOrder(
      prisma,
      admin,
      ship(order, [
        { orderLineId: tees.id, quantity: 1 },
        { orderLineId: caps.id, quantity: 1 },
      ]),
    );
    expect(second).toMatchObject({ outcome: "shipped", status: "FULFILLED" });
    expect(
      await prisma.orderLine.findMany({
        where: { orderId: order.id },
        select: { quantity: true, fulfilledQuantity: true },
        orderBy: { createdAt: "asc" },
      }),
    ).toEqual([
      { quantity: 3, fulfilledQuantity: 3 },
      { quantity: 1, fulfilledQuantity: 1 },
    ]);
    expect(await prisma.shipment.count({ where: { orderId: order.id } })).toBe(2);
    expect(await prisma.outboxEvent.count({ where: { aggregateId: order.id, topic: "email.order_shipped" } })).toBe(2);
    // markOrderPaid already took the units out of stock: shipping moves no counter.
    expect([await levels(0), await levels(1)]).toEqual(stockAfterPayment);
    expect(await prisma.inventoryAdjustment.count({ where: { orderId: order.id } })).toBe(2); // the two SALE rows

    // The shopper's order page (and so the guest lookup) shows it shipped with carrier and tracking.
    const shopper = await getOrderForShopper(prisma, order.id);
    expect(shopper?.status).toBe("FULFILLED");
    expect(
      shopper?.shipments.map((entry) => ({
        carrier: entry.carrier,
        trackingNumber: entry.trackingNumber,
        items: entry.lines.map((line) => line.quantity),
      })),
    ).toEqual([
      { carrier: "UPS", trackingNumber: "1Z999AA10123456784", items: [2] },
      { carrier: "UPS", trackingNumber: "1Z999AA10123456784", items: expect.arrayContaining([1, 1]) },
    ]);
    expect(shopper?.events.filter((entry) => entry.type === "shipped")).toHaveLength(2);

    // Nothing more to ship.
    await expectRefused(
      fulfilOrder(prisma, staff, ship(order, [{ orderLineId: caps.id, quantity: 1 }])),
      "order_not_fulfillable",
    );
  });

  it("sends the shipping email through the outbox, once per shipment", async () => {
    const order = await paidOrder([{ variant: 1, quantity: 2 }]);
    const line = order.lines[0]!;
    const result = await fulfilOrder(prisma, staff, {
      ...ship(order, [{ orderLineId: line.id, quantity: 1 }]),
      carrier: "Royal Mail",
      trackingUrl: "https://track.example/RM123",
    });
    const event = await prisma.outboxEvent.findFirstOrThrow({
      where: { dedupeKey: `order-shipped:${result.shipmentId}` },
    });
    const email = await renderEmailEvent(prisma, event.topic, event.payload);
    expect(email).toMatchObject({ to: order.email });
    expect(email!.subject).toContain(`part of your order #${order.number} has shipped`);
    expect(email!.text).toContain("Carrier: Royal Mail");
    expect(email!.text).toContain("Tracking number: 1Z999AA10123456784");
    expect(email!.text).toContain("Track it: https://track.example/RM123");
    expect(email!.text).toContain("- Tee 1 (M) x 1");

    const processed = await claimProcessBatch(prisma, emailHandlers(prisma));
    expect(processed.claimed).toBeGreaterThanOrEqual(1);
    expect(await prisma.outboxEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "DONE" });
  });

  it("refuses to ship more than is left, and writes nothing", async () => {
    const order = await paidOrder([{ variant: 0, quantity: 2 }]);
    const line = order.lines[0]!;
    const before = await snapshot();
    const error = await expectRefused(
      fulfilOrder(prisma, staff, ship(order, [{ orderLineId: line.id, quantity: 3 }])),
      "over_fulfil",
    );
    expect(error.message).toBe("Only 2 of “Tee 0” are left to ship.");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a forged line of another order, alone or beside a valid line, and writes nothing", async () => {
    const order = await paidOrder([{ variant: 0, quantity: 1 }]);
    const other = await paidOrder([{ variant: 1, quantity: 1 }]);
    const before = await snapshot();
    await expectRefused(
      fulfilOrder(prisma, staff, ship(order, [{ orderLineId: other.lines[0]!.id, quantity: 1 }])),
      "line_not_in_order",
    );
    await expectRefused(
      fulfilOrder(
        prisma,
        staff,
        ship(order, [
          { orderLineId: order.lines[0]!.id, quantity: 1 },
          { orderLineId: other.lines[0]!.id, quantity: 1 },
        ]),
      ),
      "line_not_in_order",
    );
    await expectRefused(
      fulfilOrder(prisma, staff, ship({ id: "no-such-order" }, [{ orderLineId: order.lines[0]!.id, quantity: 1 }])),
      "order_not_found",
    );
    expect(await snapshot()).toEqual(before);
  });

  it("refuses bad input with field messages, non-staff actors, and unpaid orders", async () => {
    const order = await paidOrder([{ variant: 0, quantity: 1 }]);
    const line = order.lines[0]!;
    const before = await snapshot();
    const bad = await expectRefused(
      fulfilOrder(prisma, staff, {
        ...ship(order, [{ orderLineId: line.id, quantity: 0 }]),
        trackingNumber: "<script>",
      }),
      "invalid_input",
    );
    expect(bad.details?.fieldErrors).toMatchObject({
      trackingNumber: "A tracking number contains only letters, digits, spaces and dashes.",
      "lines.0.quantity": "Ship at least one unit of each selected item.",
    });
    await expectRefused(
      fulfilOrder(prisma, staff, { ...ship(order, [{ orderLineId: line.id, quantity: 1 }]), requestKey: "short" }),
      "invalid_input",
    );
    await expectRefused(
      fulfilOrder(prisma, staff, {
        ...ship(order, [{ orderLineId: line.id, quantity: 1 }]),
        trackingUrl: "javascript:alert(1)",
      }),
      "invalid_input",
    );
    await expectRefused(
      fulfilOrder(prisma, customer, ship(order, [{ orderLineId: line.id, quantity: 1 }])),
      "forbidden",
    );
    expect(await snapshot()).toEqual(before);

    const unpaid = await pendingOrder([{ variant: 0, quantity: 1 }]);
    const placed = await snapshot();
    const error = await expectRefused(
      fulfilOrder(prisma, staff, ship(unpaid, [{ orderLineId: unpaid.lines[0]!.id, quantity: 1 }])),
      "order_not_fulfillable",
    );
    expect(error.message).toBe("This order is not paid yet, so it cannot ship.");
    expect(await snapshot()).toEqual(placed);
  });

  it("a double submit (same request key), even 5 at once, makes one shipment and one email", async () => {
    const order = await paidOrder([{ variant: 0, quantity: 2 }]);
    const input = ship(order, [{ orderLineId: order.lines[0]!.id, quantity: 1 }]);
    const results = await Promise.all(Array.from({ length: 5 }, () => fulfilOrder(prisma, staff, input)));
    expect(results.filter((result) => result.outcome === "shipped")).toHaveLength(1);
    expect(new Set(results.map((result) => result.shipmentId)).size).toBe(1);
    expect(await fulfilOrder(prisma, staff, input)).toMatchObject({
      outcome: "replayed",
      shipmentId: results[0]!.shipmentId,
    });
    expect(await prisma.shipment.count({ where: { orderId: order.id } })).toBe(1);
    expect(await prisma.orderLine.findUniqueOrThrow({ where: { id: order.lines[0]!.id } })).toMatchObject({
      fulfilledQuantity: 1,
    });
    expect(await prisma.outboxEvent.count({ where: { aggregateId: order.id, topic: "email.order_shipped" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { entityId: order.id, action: "order.fulfil" } })).toBe(1);

    // The same key on another order is a copied form, not a retry.
    const other = await paidOrder([{ variant: 0, quantity: 1 }]);
    await expectRefused(
      fulfilOrder(prisma, staff, {
        ...input,
        orderId: other.id,
        lines: [{ orderLineId: other.lines[0]!.id, quantity: 1 }],
      }),
      "request_key_reused",
    );
  });

  it("concurrent shipments of the same units (different keys) never ship a unit twice", async () => {
    const order = await paidOrder([{ variant: 0, quantity: 3 }]);
    const line = order.lines[0]!;
    const attempts = await Promise.allSettled(
      Array.from({ length: 4 }, () => fulfilOrder(prisma, staff, ship(order, [{ orderLineId: line.id, quantity: 2 }]))),
    );
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
    for (const attempt of attempts) {
      if (attempt.status === "rejected") expect(attempt.reason).toMatchObject({ code: "over_fulfil" });
    }
    expect(await prisma.orderLine.findUniqueOrThrow({ where: { id: line.id } })).toMatchObject({
      fulfilledQuantity: 2,
    });
  });
});

describe("delivery and fraud review", () => {
  it("marks shipments delivered, the order DELIVERED when all arrived, idempotently; refuses another order's shipment", async () => {
    const order = await paidOrder([{ variant: 0, quantity: 2 }]);
    const line = order.lines[0]!;
    const one = await fulfilOrder(prisma, staff, ship(order, [{ orderLineId: line.id, quantity: 1 }]));
    const two = await fulfilOrder(prisma, staff, ship(order, [{ orderLineId: line.id, quantity: 1 }]));
    const other = await paidOrder([{ variant: 1, quantity: 1 }]);
    const otherShipment = await fulfilOrder(
      prisma,
      staff,
      ship(other, [{ orderLineId: other.lines[0]!.id, quantity: 1 }]),
    );

    const before = await snapshot();
    await expectRefused(
      markDelivered(prisma, staff, { orderId: order.id, shipmentId: otherShipment.shipmentId }),
      "shipment_not_in_order",
    );
    expect(await snapshot()).toEqual(before);

    expect(await markDelivered(prisma, staff, { orderId: order.id, shipmentId: one.shipmentId })).toMatchObject({
      outcome: "delivered",
      status: "FULFILLED",
    });
    expect(await markDelivered(prisma, staff, { orderId: order.id, shipmentId: one.shipmentId })).toMatchObject({
      outcome: "already_delivered",
    });
    expect(await markDelivered(prisma, staff, { orderId: order.id })).toMatchObject({
      outcome: "delivered",
      deliveredShipments: 1,
      status: "DELIVERED",
    });
    expect(await prisma.shipment.findUniqueOrThrow({ where: { id: two.shipmentId } })).toMatchObject({
      status: "DELIVERED",
      deliveredAt: expect.any(Date),
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "DELIVERED" });
    const replay = await snapshot();
    expect(await markDelivered(prisma, staff, { orderId: order.id })).toMatchObject({
      outcome: "already_delivered",
      status: "DELIVERED",
    });
    expect(await snapshot()).toEqual(replay);
    expect(await prisma.auditLog.count({ where: { entityId: order.id, action: "order.deliver" } })).toBe(2);
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, type: "delivered", public: true } })).toBe(2);
  });

  it("a held order cannot ship until its review is resolved; resolving is audited and idempotent", async () => {
    const order = await paidOrder([{ variant: 1, quantity: 1 }]);
    await prisma.order.update({ where: { id: order.id }, data: { fraudReview: true } });
    await expectRefused(
      fulfilOrder(prisma, staff, ship(order, [{ orderLineId: order.lines[0]!.id, quantity: 1 }])),
      "fraud_review",
    );
    await expectRefused(resolveFraudReview(prisma, staff, { orderId: order.id, note: "" }), "invalid_input");

    expect(
      await resolveFraudReview(prisma, staff, { orderId: order.id, note: "Address and card verified by phone" }),
    ).toEqual({ outcome: "resolved" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ fraudReview: false });
    expect(
      await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id, type: "fraud_review_resolved" } }),
    ).toMatchObject({
      public: false,
      message: "Fraud review resolved: Address and card verified by phone",
    });
    const before = await snapshot();
    expect(await resolveFraudReview(prisma, staff, { orderId: order.id, note: "again" })).toEqual({
      outcome: "not_held",
    });
    expect(await snapshot()).toEqual(before);
    expect(await prisma.auditLog.count({ where: { entityId: order.id, action: "order.fraud_review.resolve" } })).toBe(
      1,
    );
    expect(
      await fulfilOrder(prisma, staff, ship(order, [{ orderLineId: order.lines[0]!.id, quantity: 1 }])),
    ).toMatchObject({ outcome: "shipped" });
  });
});

describe("cancellation", () => {
  it("an unpaid order: reservations released, open payment closed, email queued; a second cancel changes nothing", async () => {
    const before = await levels(0);
    const order = await pendingOrder([{ variant: 0, quantity: 4 }]);
    const started = await testPaymentProvider.startPayment(prisma, order.id, { successUrl: "/s", cancelUrl: "/c" });
    expect((await levels(0)).reduce((sum, level) => sum + level.reserved, 0)).toBe(
      before.reduce((sum, level) => sum + level.reserved, 0) + 4,
    );

    const result = await cancelOrder(prisma, staff, {
      orderId: order.id,
      reason: "Customer called to cancel",
      requestKey: key("cancel"),
    });
    expect(result).toEqual({ outcome: "cancelled", restockedUnits: 4, refund: null });
    expect(await levels(0)).toEqual(before);
    expect(await prisma.reservation.findMany({ where: { orderId: order.id }, select: { status: true } })).toEqual(
      expect.arrayContaining([{ status: "RELEASED" }]),
    );
    expect(await prisma.reservation.count({ where: { orderId: order.id, status: { not: "RELEASED" } } })).toBe(0);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "CANCELLED",
      cancelledAt: expect.any(Date),
    });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } })).toMatchObject({
      status: "CANCELLED",
    });
    expect(
      await prisma.outboxEvent.findFirstOrThrow({ where: { dedupeKey: `order-cancelled:${order.id}` } }),
    ).toMatchObject({ topic: "email.order_cancelled" });
    expect(
      await prisma.auditLog.findFirstOrThrow({ where: { entityId: order.id, action: "order.cancel" } }),
    ).toMatchObject({
      actorId: staff.id,
      data: expect.objectContaining({ reason: "Customer called to cancel", previousStatus: "PENDING_PAYMENT" }),
    });
    const email = await renderEmailEvent(prisma, "email.order_cancelled", { orderId: order.id });
    expect(email?.text).toContain("This order was cancelled before it was paid. Nothing was charged.");
    // The test card form no longer takes the payment.
    expect(
      await payWithTestCard(prisma, { paymentId: started.paymentId, cardNumber: "4242 4242 4242 4242" }),
    ).toMatchObject({ ok: false, error: "payment_closed" });

    const state = await snapshot();
    expect(
      await cancelOrder(prisma, staff, {
        orderId: order.id,
        reason: "Customer called to cancel",
        requestKey: key("cancel"),
      }),
    ).toMatchObject({ outcome: "already_cancelled" });
    expect(await snapshot()).toEqual(state);
  });

  it("a paid order: stock back where it came from, refunded in full through the test provider, once", async () => {
    const before = await levels(1);
    const order = await paidOrder([{ variant: 1, quantity: 3 }]);
    expect(await levels(1)).not.toEqual(before);

    const result = await cancelOrder(prisma, admin, {
      orderId: order.id,
      reason: "Out of stock at the warehouse",
      requestKey: key("cancel"),
    });
    expect(result).toMatchObject({
      outcome: "cancelled",
      restockedUnits: 3,
      refund: { amountCents: order.totalCents, currency: "USD", status: "SUCCEEDED" },
    });
    expect(await levels(1)).toEqual(before);
    expect(
      await prisma.inventoryAdjustment.findMany({
        where: { orderId: order.id },
        select: { delta: true, reason: true, actorId: true },
        orderBy: { delta: "asc" },
      }),
    ).toEqual([
      { delta: -3, reason: "SALE", actorId: null },
      { delta: 3, reason: "RETURN", actorId: admin.id },
    ]);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "CANCELLED",
      paymentStatus: "REFUNDED",
      refundedCents: order.totalCents,
    });
    const refunds = await prisma.refund.findMany({ where: { orderId: order.id } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      status: "SUCCEEDED",
      amountCents: order.totalCents,
      createdById: admin.id,
      providerRef: expect.stringMatching(/^testre_/),
    });
    const shopper = await getOrderForShopper(prisma, order.id);
    expect(shopper?.events.map((event) => event.type)).toEqual(expect.arrayContaining(["cancelled", "refunded"]));
    expect(shopper?.events.some((event) => event.type === "cancel_reason")).toBe(false);

    // The outbox safety net, run later, finds the refund done: no second refund.
    await prisma.outboxEvent.updateMany({
      where: { topic: "payment.refund_required", aggregateId: order.id },
      data: { availableAt: new Date(Date.now() - 1000) },
    });
    await claimProcessBatch(prisma, paymentOutboxHandlers(prisma));
    expect(await prisma.refund.count({ where: { orderId: order.id } })).toBe(1);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: order.totalCents,
    });
    // A late replay of the payment confirmation refunds nothing more either.
    expect(
      await markOrderPaid(prisma, {
        orderId: order.id,
        provider: "TEST",
        providerRef: `testpay_${order.id}`,
        amountCents: order.totalCents,
        currency: "USD",
      }),
    ).toMatchObject({
      outcome: "needs_refund",
    });
    await claimProcessBatch(prisma, paymentOutboxHandlers(prisma));
    expect(await prisma.refund.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("returning the last units queues the product's search document", async () => {
    const scarce = await createStore(prisma, { variants: [{ priceCents: 1500, stock: [1, 0] }] });
    const cartId = await createCart(prisma, [{ variantId: scarce.variantIds[0]!, quantity: 1 }]);
    const { order } = await placeOrder(prisma, checkoutInput(cartId));
    await markOrderPaid(prisma, {
      orderId: order.id,
      provider: "TEST",
      providerRef: `testpay_${order.id}`,
      amountCents: order.totalCents,
      currency: order.currency,
    });
    await prisma.outboxEvent.deleteMany({
      where: { topic: "search.product.upsert", aggregateId: scarce.productIds[0]! },
    });
    await cancelOrder(prisma, admin, {
      orderId: order.id,
      reason: "Damaged in the warehouse",
      requestKey: key("cancel"),
    });
    expect(
      await prisma.outboxEvent.count({ where: { topic: "search.product.upsert", aggregateId: scarce.productIds[0]! } }),
    ).toBe(1);
  });

  it("refuses to cancel once anything shipped, and writes nothing", async () => {
    const order = await paidOrder([{ variant: 0, quantity: 2 }]);
    await fulfilOrder(prisma, staff, ship(order, [{ orderLineId: order.lines[0]!.id, quantity: 1 }]));
    const before = await snapshot();
    const error = await expectRefused(
      cancelOrder(prisma, admin, { orderId: order.id, reason: "Changed mind", requestKey: key("cancel") }),
      "order_shipped",
    );
    expect(error.message).toContain("Refund it instead");
    await expectRefused(
      cancelOrder(prisma, admin, { orderId: order.id, reason: "", requestKey: key("cancel") }),
      "invalid_input",
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe("refunds", () => {
  it("a partial refund, then the rest: counters, statuses, timeline and audit", async () => {
    const order = await paidOrder();
    const first = await refundOrder(prisma, staff, {
      orderId: order.id,
      amountCents: 1234,
      reason: "requested_by_customer",
      note: "Late delivery",
      requestKey: key("refund"),
    });
    expect(first).toMatchObject({ outcome: "refunded", amountCents: 1234, currency: "USD" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PAID",
      paymentStatus: "PARTIALLY_REFUNDED",
      refundedCents: 1234,
    });
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: first.refundId } })).toMatchObject({
      status: "SUCCEEDED",
      reason: "requested_by_customer: Late delivery",
      createdById: staff.id,
    });
    expect(await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id, type: "refunded" } })).toMatchObject({
      public: true,
      message: "$12.34 was refunded to your original payment method.",
    });
    expect(
      await prisma.auditLog.findFirstOrThrow({ where: { entityId: order.id, action: "order.refund" } }),
    ).toMatchObject({
      actorId: staff.id,
      data: expect.objectContaining({ amountCents: 1234, refundId: first.refundId }),
    });

    const detail = await getOrderForAdmin(prisma, order.id);
    expect(detail?.refundableCents).toBe(order.totalCents - 1234);
    const rest = order.totalCents - 1234;
    const second = await refundOrder(prisma, admin, {
      orderId: order.id,
      amountCents: rest,
      reason: "other",
      requestKey: key("refund"),
    });
    expect(second.outcome).toBe("refunded");
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "REFUNDED",
      paymentStatus: "REFUNDED",
      refundedCents: order.totalCents,
    });
    await expectRefused(
      refundOrder(prisma, admin, { orderId: order.id, amountCents: 1, reason: "other", requestKey: key("refund") }),
      "refund_exceeds_refundable",
    );
  });

  it("refuses more than what is left, an unpaid order and bad input, writing nothing", async () => {
    const order = await paidOrder([{ variant: 1, quantity: 2 }]);
    await refundOrder(prisma, admin, {
      orderId: order.id,
      amountCents: 500,
      reason: "requested_by_customer",
      requestKey: key("refund"),
    });
    const before = await snapshot();
    const error = await expectRefused(
      refundOrder(prisma, admin, {
        orderId: order.id,
        amountCents: order.totalCents - 499,
        reason: "requested_by_customer",
        requestKey: key("refund"),
      }),
      "refund_exceeds_refundable",
    );
    expect(error.message).toBe(
      `At most $${((order.totalCents - 500) / 100).toFixed(2)} can still be refunded on this order.`,
    );
    const unpaid = await pendingOrder([{ variant: 1, quantity: 1 }]);
    const afterPlacing = await snapshot();
    await expectRefused(
      refundOrder(prisma, admin, { orderId: unpaid.id, amountCents: 100, reason: "other", requestKey: key("refund") }),
      "order_not_paid",
    );
    await expectRefused(
      refundOrder(prisma, admin, { orderId: order.id, amountCents: 0, reason: "other", requestKey: key("refund") }),
      "invalid_input",
    );
    await expectRefused(
      refundOrder(prisma, admin, { orderId: order.id, amountCents: 12.5, reason: "other", requestKey: key("refund") }),
      "invalid_input",
    );
    await expectRefused(
      refundOrder(prisma, admin, {
        orderId: order.id,
        amountCents: 100,
        reason: "because" as "other",
        requestKey: key("refund"),
      }),
      "invalid_input",
    );
    await expectRefused(
      refundOrder(prisma, customer, {
        orderId: order.id,
        amountCents: 100,
        reason: "other",
        requestKey: key("refund"),
      }),
      "forbidden",
    );
    expect(await snapshot()).toEqual(afterPlacing);
    expect(before.refunds).toEqual(afterPlacing.refunds);
  });

  it("staff may refund up to STAFF_REFUND_LIMIT_CENTS on one order (default 100.00), admins any amount; refusals are audited", async () => {
    expect(staffRefundLimitCents({})).toBe(10_000);
    expect(staffRefundLimitCents({ STAFF_REFUND_LIMIT_CENTS: "2500" })).toBe(2500);
    expect(staffRefundLimitCents({ STAFF_REFUND_LIMIT_CENTS: "12.50" })).toBe(10_000);
    // Its own staff member: the daily limit counts each member's refunds.
    const clerk = await newStaff();

    const order = await paidOrder([{ variant: 2, quantity: 4 }]); // 320.00 + tax
    const before = await snapshot();
    const refused = await expectRefused(
      refundOrder(prisma, clerk, {
        orderId: order.id,
        amountCents: 10_001,
        reason: "other",
        requestKey: key("refund"),
      }),
      "refund_limit",
    );
    expect(refused.message).toBe("Staff can refund at most $100.00 on one order. Ask an admin to refund $100.01.");
    // Cancelling a paid order refunds it, so the same limit applies.
    await expectRefused(
      cancelOrder(prisma, clerk, { orderId: order.id, reason: "Customer request", requestKey: key("cancel") }),
      "refund_limit",
    );
    // Nothing written but the two refusals' audit entries.
    expect(await snapshot()).toEqual({ ...before, audit: before.audit + 2 });
    expect(
      await prisma.auditLog.findMany({
        where: { entityId: order.id, action: "order.refund.refused" },
        select: { actorId: true, data: true },
        orderBy: { createdAt: "asc" },
      }),
    ).toMatchObject([
      { actorId: clerk.id, data: { via: "refund", limit: "per_order", amountCents: 10_001, limitCents: 10_000 } },
      { actorId: clerk.id, data: { via: "cancel", limit: "per_order", limitCents: 10_000 } },
    ]);

    expect(
      (
        await refundOrder(prisma, clerk, {
          orderId: order.id,
          amountCents: 10_000,
          reason: "other",
          requestKey: key("refund"),
        })
      ).outcome,
    ).toBe("refunded");
    expect(
      (
        await refundOrder(prisma, admin, {
          orderId: order.id,
          amountCents: 20_000,
          reason: "other",
          requestKey: key("refund"),
        })
      ).outcome,
    ).toBe("refunded");
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 30_000,
      paymentStatus: "PARTIALLY_REFUNDED",
    });

    process.env.STAFF_REFUND_LIMIT_CENTS = "500";
    try {
      const small = await paidOrder();
      const another = await newStaff();
      await expectRefused(
        refundOrder(prisma, another, {
          orderId: small.id,
          amountCents: 501,
          reason: "other",
          requestKey: key("refund"),
        }),
        "refund_limit",
      );
      expect(
        (
          await refundOrder(prisma, another, {
            orderId: small.id,
            amountCents: 500,
            reason: "other",
            requestKey: key("refund"),
          })
        ).outcome,
      ).toBe("refunded");
    } finally {
      delete process.env.STAFF_REFUND_LIMIT_CENTS;
    }
  });

  it("the same refund submitted 5 times at once is one refund; different ones never exceed the payment", async () => {
    const order = await paidOrder();
    const input = {
      orderId: order.id,
      amountCents: 2000,
      reason: "requested_by_customer" as const,
      requestKey: key("refund"),
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => refundOrder(prisma, staff, input)));
    expect(new Set(results.map((result) => result.refundId)).size).toBe(1);
    expect(await prisma.refund.count({ where: { orderId: order.id } })).toBe(1);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ refundedCents: 2000 });
    expect(await prisma.auditLog.count({ where: { entityId: order.id, action: "order.refund" } })).toBe(1);
    // A replay after the fact is recognised; the same key with another amount is refused.
    expect(await refundOrder(prisma, staff, input)).toMatchObject({
      outcome: "replayed",
      refundId: results[0]!.refundId,
    });
    await expectRefused(refundOrder(prisma, staff, { ...input, amountCents: 2001 }), "request_key_reused");

    const left = order.totalCents - 2000;
    const share = Math.ceil(left * 0.6);
    const racing = await Promise.allSettled([
      refundOrder(prisma, admin, { orderId: order.id, amountCents: share, reason: "other", requestKey: key("refund") }),
      refundOrder(prisma, admin, { orderId: order.id, amountCents: share, reason: "other", requestKey: key("refund") }),
    ]);
    expect(racing.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
    expect(racing.find((attempt) => attempt.status === "rejected")).toMatchObject({
      reason: { code: "refund_exceeds_refundable" },
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 2000 + share,
    });
  });
});

describe("admin queries", () => {
  it("lists with filters and pagination; the detail has lines, payments, refunds, shipments, timeline and audit trail", async () => {
    const email = `filter-${randomUUID().slice(0, 8)}@example.com`;
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[1]!, quantity: 1 }]);
    const { order } = await placeOrder(prisma, checkoutInput(cartId, { email }));
    await markOrderPaid(prisma, {
      orderId: order.id,
      provider: "TEST",
      providerRef: `testpay_${order.id}`,
      amountCents: order.totalCents,
      currency: order.currency,
    });
    await fulfilOrder(prisma, staff, ship(order, [{ orderLineId: order.lines[0]!.id, quantity: 1 }]));

    const byEmail = await listOrders(prisma, parseOrderListParams({ q: email.toUpperCase() }).filters);
    expect(byEmail.orders.map((row) => row.id)).toEqual([order.id]);
    expect(
      (await listOrders(prisma, parseOrderListParams({ q: `#${order.number}` }).filters)).orders.map((row) => row.id),
    ).toEqual([order.id]);
    expect((await listOrders(prisma, parseOrderListParams({ q: "99999999999" }).filters)).total).toBe(0);
    const fulfilled = await listOrders(
      prisma,
      parseOrderListParams({ status: "FULFILLED", paymentStatus: "PAID" }).filters,
    );
    expect(fulfilled.orders.every((row) => row.status === "FULFILLED" && row.paymentStatus === "PAID")).toBe(true);
    expect(fulfilled.orders.some((row) => row.id === order.id)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listOrders(prisma, parseOrderListParams({ q: email, from: today, to: today }).filters)).total).toBe(
      1,
    );
    expect((await listOrders(prisma, parseOrderListParams({ q: email, to: "2000-01-01" }).filters)).total).toBe(0);

    const lenient = parseOrderListParams({ status: "SHIPPED", from: "2026-02-30", page: "-3", q: "x".repeat(300) });
    expect(lenient.filters).toEqual({ page: 1 });
    expect(lenient.ignored).toEqual(["status", "from date", "search", "page"]);

    const all = await listOrders(prisma, { page: 1 });
    expect(all.orders.length).toBeLessThanOrEqual(25);
    const pages = all.pageCount;
    expect((await listOrders(prisma, { page: 10_000 })).page).toBe(pages);

    const detail = await getOrderForAdmin(prisma, order.id);
    expect(detail).toMatchObject({ id: order.id, email, status: "FULFILLED", refundableCents: order.totalCents });
    expect(detail!.lines[0]).toMatchObject({ quantity: 1, fulfilledQuantity: 1, remainingQuantity: 0 });
    expect(detail!.payments).toHaveLength(1);
    expect(detail!.shipments[0]!.lines[0]!.orderLine.title).toBe("Tee 1");
    expect(detail!.events.map((event) => event.type)).toEqual(["placed", "paid", "shipped"]);
    expect(detail!.audit.map((entry) => [entry.action, entry.actor?.email])).toEqual([
      ["order.fulfil", expect.stringContaining("staff-")],
    ]);
    expect(await getOrderForAdmin(prisma, "'; drop table")).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Stripe

const WEBHOOK_SECRET = "whsec_admin_orders_suite";

describe("Stripe refunds and refund webhooks", () => {
  let standIn: StripeStandIn;
  const URLS = { successUrl: "http://localhost:3000/checkout/success", cancelUrl: "http://localhost:3000/cart" };

  beforeAll(async () => {
    standIn = await startStripeStandIn();
    Object.assign(process.env, standIn.env, {
      STRIPE_SECRET_KEY: "sk_test_admin_orders",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      DATABASE_URL: db.url,
    });
    // The webhook route uses the app's shared client, created from DATABASE_URL on first use.
    delete (globalThis as { __prisma?: unknown }).__prisma;
  });
  afterAll(async () => {
    const shared = (globalThis as { __prisma?: Db }).__prisma;
    await shared?.$disconnect();
    delete (globalThis as { __prisma?: unknown }).__prisma;
    for (const name of [
      "STRIPE_API_HOST",
      "STRIPE_API_PORT",
      "STRIPE_API_PROTOCOL",
      "STRIPE_SECRET_KEY",
      "STRIPE_WEBHOOK_SECRET",
      "DATABASE_URL",
    ]) {
      if (savedEnv[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnv[name];
    }
    await standIn?.close();
  });

  async function deliver(type: string, object: Record<string, unknown>, eventId?: string) {
    const event = stripeEvent(type, object, eventId);
    const response = await POST(signedWebhookRequest(event, { secret: WEBHOOK_SECRET }));
    return { event, status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** An order paid through a Stripe Checkout Session (confirmed by the signed webhook). */
  async function stripeOrder(lines = [{ variant: 0, quantity: 2 }]) {
    const order = await pendingOrder(lines);
    const started = await stripePaymentProvider.startPayment(prisma, order.id, URLS);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } });
    const paid = paidSession(standIn.sessions.get(payment.providerRef!)!);
    expect(await deliver("checkout.session.completed", paid)).toMatchObject({ status: 200, body: { outcome: "paid" } });
    standIn.registerPaymentIntent(paid.payment_intent!, order.totalCents);
    return { order, payment, intent: paid.payment_intent! };
  }

  it("a partial refund calls Stripe's refunds API exactly as documented, once per request key", async () => {
    const { order, payment, intent } = await stripeOrder();
    const before = standIn.requests.length;
    const requestKey = key("refund");
    const result = await refundOrder(prisma, admin, {
      orderId: order.id,
      amountCents: 1234,
      reason: "requested_by_customer",
      note: "Scuffed box",
      requestKey,
    });
    expect(result).toMatchObject({ outcome: "refunded", amountCents: 1234 });
    const sent = standIn.requests.slice(before).filter((request) => request.path === "/v1/refunds");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: "POST",
      idempotencyKey: requestKey,
      authorization: "Bearer sk_test_admin_orders",
    });
    expect(sent[0]!.body).toEqual({
      payment_intent: intent,
      amount: "1234",
      reason: "requested_by_customer",
      metadata: {
        orderId: order.id,
        paymentId: payment.id,
        refundId: result.refundId,
        reason: "requested_by_customer: Scuffed box",
      },
    });
    const refund = await prisma.refund.findUniqueOrThrow({ where: { id: result.refundId } });
    expect(refund).toMatchObject({ status: "SUCCEEDED", providerRef: expect.stringMatching(/^re_test_/) });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 1234,
      paymentStatus: "PARTIALLY_REFUNDED",
    });

    // Submitting the same form again neither calls Stripe nor refunds twice.
    expect(
      await refundOrder(prisma, admin, {
        orderId: order.id,
        amountCents: 1234,
        reason: "requested_by_customer",
        note: "Scuffed box",
        requestKey,
      }),
    ).toMatchObject({ outcome: "replayed" });
    expect(standIn.requests.slice(before).filter((request) => request.path === "/v1/refunds")).toHaveLength(1);

    // The documented refund.updated for that refund (succeeded) changes nothing more.
    const stripeRefund = standIn.refunds.get(refund.providerRef!)!;
    expect(await deliver("refund.updated", stripeRefund)).toMatchObject({
      status: 200,
      body: { outcome: "refund_unchanged" },
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ refundedCents: 1234 });
  });

  it("a pending refund is settled by refund.updated, once, however often it is delivered", async () => {
    const { order } = await stripeOrder();
    standIn.setRefundStatus("pending");
    let result;
    try {
      result = await refundOrder(prisma, admin, {
        orderId: order.id,
        amountCents: 2000,
        reason: "requested_by_customer",
        requestKey: key("refund"),
      });
    } finally {
      standIn.setRefundStatus("succeeded");
    }
    expect(result.outcome).toBe("pending");
    const refund = await prisma.refund.findUniqueOrThrow({ where: { id: result.refundId } });
    expect(refund).toMatchObject({ status: "PENDING", providerRef: expect.stringMatching(/^re_test_/) });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 0,
      paymentStatus: "PAID",
    });
    // Pending refunds count against what is refundable.
    expect((await getOrderForAdmin(prisma, order.id))!.refundableCents).toBe(order.totalCents - 2000);

    const succeeded = standIn.settleRefund(refund.providerRef!, "succeeded");
    const first = await deliver("refund.updated", succeeded);
    expect(first).toMatchObject({ status: 200, body: { outcome: "refund_succeeded" } });
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: refund.id } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 2000,
      paymentStatus: "PARTIALLY_REFUNDED",
    });

    // The same event again (Stripe's retry) is a duplicate; another event with the same news changes nothing.
    const replay = await POST(signedWebhookRequest(first.event, { secret: WEBHOOK_SECRET }));
    expect(await replay.json()).toEqual({ received: true, outcome: "duplicate" });
    expect(await deliver("refund.updated", succeeded)).toMatchObject({ body: { outcome: "refund_unchanged" } });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ refundedCents: 2000 });
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, type: "refunded" } })).toBe(1);
    expect(await prisma.webhookEvent.findFirstOrThrow({ where: { eventId: first.event.id } })).toMatchObject({
      status: "PROCESSED",
      type: "refund.updated",
    });
  });

  it("refund.failed after success gives the amount back to refundable, restores statuses and tells the seller", async () => {
    const { order } = await stripeOrder([{ variant: 1, quantity: 1 }]);
    const full = await refundOrder(prisma, admin, {
      orderId: order.id,
      amountCents: order.totalCents,
      reason: "fraudulent",
      requestKey: key("refund"),
    });
    expect(full.outcome).toBe("refunded");
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "REFUNDED",
      paymentStatus: "REFUNDED",
    });
    const refund = await prisma.refund.findUniqueOrThrow({ where: { id: full.refundId } });
    expect(standIn.requests.filter((request) => request.path === "/v1/refunds").at(-1)!.body).toMatchObject({
      reason: "fraudulent",
    });

    const failed = standIn.settleRefund(refund.providerRef!, "failed", "expired_or_canceled_card");
    expect(await deliver("refund.failed", failed)).toMatchObject({ status: 200, body: { outcome: "refund_reversed" } });
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: refund.id } })).toMatchObject({ status: "FAILED" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PAID",
      paymentStatus: "PAID",
      refundedCents: 0,
    });
    expect(
      await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id, type: "refund_failed" } }),
    ).toMatchObject({
      public: false,
      message: expect.stringContaining("expired or canceled card"),
    });
    expect((await getOrderForAdmin(prisma, order.id))!.refundableCents).toBe(order.totalCents);
    // A stale "succeeded" report after the failure does not revive it.
    expect(await deliver("refund.updated", { ...failed, status: "succeeded" })).toMatchObject({
      body: { outcome: "refund_unchanged" },
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ refundedCents: 0 });
  });

  it("a pending refund that fails (refund.failed) is recorded and can be refunded again", async () => {
    const { order } = await stripeOrder([{ variant: 1, quantity: 1 }]);
    standIn.setRefundStatus("pending");
    let pending;
    try {
      pending = await refundOrder(prisma, admin, {
        orderId: order.id,
        amountCents: 700,
        reason: "requested_by_customer",
        requestKey: key("refund"),
      });
    } finally {
      standIn.setRefundStatus("succeeded");
    }
    const refund = await prisma.refund.findUniqueOrThrow({ where: { id: pending.refundId } });
    expect(
      await deliver("refund.failed", standIn.settleRefund(refund.providerRef!, "failed", "lost_or_stolen_card")),
    ).toMatchObject({
      body: { outcome: "refund_failed" },
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 0,
      paymentStatus: "PAID",
    });
    expect((await getOrderForAdmin(prisma, order.id))!.refundableCents).toBe(order.totalCents);
    expect(
      (
        await refundOrder(prisma, admin, {
          orderId: order.id,
          amountCents: order.totalCents,
          reason: "other",
          requestKey: key("refund"),
        })
      ).outcome,
    ).toBe("refunded");
  });

  it("a refund Stripe refuses outright (more than the charge has left) fails at once and frees the amount", async () => {
    const { order, intent } = await stripeOrder([{ variant: 1, quantity: 1 }]);
    // Someone refunded most of it in the Stripe dashboard and that webhook has not arrived yet.
    standIn.registerPaymentIntent(intent, 100);
    const result = await refundOrder(prisma, admin, {
      orderId: order.id,
      amountCents: 500,
      reason: "requested_by_customer",
      requestKey: key("refund"),
    });
    expect(result.outcome).toBe("failed");
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: result.refundId } })).toMatchObject({
      status: "FAILED",
      providerRef: null,
    });
    expect(
      await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id, type: "refund_failed" } }),
    ).toMatchObject({
      message: expect.stringContaining("amount too large"),
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 0,
      paymentStatus: "PAID",
    });
    expect((await getOrderForAdmin(prisma, order.id))!.refundableCents).toBe(order.totalCents);
    // The outbox safety net does not try it again.
    const before = standIn.requests.length;
    await prisma.outboxEvent.updateMany({
      where: { topic: "payment.refund_required", aggregateId: order.id },
      data: { availableAt: new Date(Date.now() - 1000) },
    });
    await claimProcessBatch(prisma, paymentOutboxHandlers(prisma));
    expect(standIn.requests.length).toBe(before);
  });

  it("a refund made in the Stripe dashboard (refund.created) is recorded on the order", async () => {
    const { order, intent } = await stripeOrder([{ variant: 1, quantity: 1 }]);
    const external = {
      id: `re_dash_${randomUUID().slice(0, 8)}`,
      object: "refund",
      amount: 300,
      currency: "usd",
      payment_intent: intent,
      status: "succeeded",
      metadata: {},
      reason: "requested_by_customer",
    };
    expect(await deliver("refund.created", external)).toMatchObject({
      body: { outcome: "refund_recorded_external_succeeded" },
    });
    expect(await prisma.refund.findUniqueOrThrow({ where: { providerRef: external.id } })).toMatchObject({
      orderId: order.id,
      amountCents: 300,
      status: "SUCCEEDED",
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: 300,
      paymentStatus: "PARTIALLY_REFUNDED",
    });
    expect(await deliver("refund.updated", external)).toMatchObject({ body: { outcome: "refund_unchanged" } });
    // A refund of a PaymentIntent that is not ours is acknowledged and ignored.
    expect(
      await deliver("refund.created", { ...external, id: "re_someone_else", payment_intent: "pi_unknown" }),
    ).toMatchObject({ status: 200, body: { outcome: "ignored_unknown_refund" } });
  });

  it("cancelling a paid Stripe order refunds it through Stripe; cancelling an unpaid one expires its Checkout Session", async () => {
    const { order, intent } = await stripeOrder([{ variant: 0, quantity: 1 }]);
    const before = standIn.requests.length;
    const cancelled = await cancelOrder(prisma, admin, {
      orderId: order.id,
      reason: "Customer request",
      requestKey: key("cancel"),
    });
    expect(cancelled.refund).toMatchObject({ amountCents: order.totalCents, status: "SUCCEEDED" });
    const refundRequest = standIn.requests.slice(before).find((request) => request.path === "/v1/refunds")!;
    expect(refundRequest.body).toMatchObject({ payment_intent: intent, amount: String(order.totalCents) });
    expect(refundRequest.body).not.toHaveProperty("reason");

    const unpaid = await pendingOrder([{ variant: 0, quantity: 1 }]);
    const started = await stripePaymentProvider.startPayment(prisma, unpaid.id, URLS);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } });
    await cancelOrder(prisma, staff, { orderId: unpaid.id, reason: "Duplicate order", requestKey: key("cancel") });
    expect(
      standIn.requests.some(
        (request) =>
          request.method === "POST" && request.path === `/v1/checkout/sessions/${payment.providerRef}/expire`,
      ),
    ).toBe(true);
    expect(standIn.sessions.get(payment.providerRef!)!.status).toBe("expired");
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "CANCELLED",
    });
    // The outbox safety net, run later, finds the session closed and is done.
    await prisma.outboxEvent.updateMany({
      where: { topic: "payment.cancel_required", aggregateId: unpaid.id },
      data: { availableAt: new Date(Date.now() - 1000) },
    });
    const processed = await claimProcessBatch(prisma, paymentOutboxHandlers(prisma));
    expect(processed.dead + processed.retrying).toBe(0);
    expect(
      await prisma.outboxEvent.findFirstOrThrow({
        where: { topic: "payment.cancel_required", aggregateId: unpaid.id },
      }),
    ).toMatchObject({ status: "DONE" });
  });

  it("the stand-in refuses refund requests Stripe would refuse", async () => {
    const { checkRefundRequest } = await import("../helpers/stripe-stand-in");
    expect(checkRefundRequest({ payment_intent: "pi_1", amount: "100" }, null)).toMatchObject({ status: 400 });
    expect(checkRefundRequest({ payment_intent: "pi_1", amount: "1.5" }, "k")).toMatchObject({ status: 400 });
    expect(checkRefundRequest({ payment_intent: "pi_1", amount: "100", reason: "changed_mind" }, "k")).toMatchObject({
      status: 400,
    });
    expect(checkRefundRequest({ payment_intent: "pi_1", amount: "100", orderId: "x" }, "k")).toMatchObject({
      status: 400,
    });
    expect(
      checkRefundRequest({ payment_intent: "pi_1", amount: "100", metadata: { ["k".repeat(41)]: "v" } }, "k"),
    ).toMatchObject({ status: 400 });
    expect(
      checkRefundRequest({ payment_intent: "pi_1", amount: "100", reason: "duplicate", metadata: { a: "b" } }, "k"),
    ).toBeNull();
  });
});
