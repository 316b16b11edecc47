// Unpaid orders are cancelled after the grace period, their stock released, and a late payment for one is
// refunded rather than kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { placeOrder } from "@/lib/checkout/place-order";
import { cancelAbandonedOrders } from "@/lib/orders/abandoned";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { markPaymentFailed } from "@/lib/orders/payment-failed";
import { orderListWhere } from "@/lib/orders/admin-queries";
import { displayOrderStatus } from "@/lib/orders/display-status";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, stock } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
beforeAll(async () => {
  db = await createTestDatabase("abandoned");
  prisma = db.prisma;
});
afterAll(async () => {
  await db?.drop();
});

async function ageOrder(orderId: string, hours: number) {
  await prisma.order.update({ where: { id: orderId }, data: { createdAt: new Date(Date.now() - hours * 3_600_000) } });
}

describe("cancelAbandonedOrders", () => {
  it("cancels unpaid orders past the grace period, releases their stock, and leaves recent and paid ones alone", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 2000, stock: [10, 0] }] });
    const [variant] = store.variantIds as [string];
    const place = async () =>
      (await placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId: variant, quantity: 2 }])))).order;

    const abandoned = await place(); // reservation still held
    const declined = await place();
    await markPaymentFailed(prisma, { orderId: declined.id, reason: "card_declined" });
    const recent = await place();
    const paid = await place();
    await markOrderPaid(prisma, {
      orderId: paid.id,
      provider: "TEST",
      providerRef: `pay_${paid.id}`,
      amountCents: paid.totalCents,
      currency: paid.currency,
    });
    for (const order of [abandoned, declined, paid]) await ageOrder(order.id, 30);
    await ageOrder(recent.id, 2);
    expect((await stock(prisma, variant)).reserved[0]).toBe(4); // abandoned + recent

    expect(await cancelAbandonedOrders(prisma, { olderThanHours: 24 })).toBe(2);
    const statuses = Object.fromEntries(
      (await prisma.order.findMany({ where: { id: { in: [abandoned.id, declined.id, recent.id, paid.id] } } })).map(
        (order) => [order.id, order.status],
      ),
    );
    expect(statuses).toEqual({
      [abandoned.id]: "CANCELLED",
      [declined.id]: "PAYMENT_FAILED",
      [recent.id]: "PENDING_PAYMENT",
      [paid.id]: "PAID",
    });
    // The abandoned order's hold is released; the recent one keeps its units.
    expect((await stock(prisma, variant)).reserved[0]).toBe(2);
    const event = await prisma.orderEvent.findFirstOrThrow({
      where: { orderId: abandoned.id, type: "cancelled_unpaid" },
    });
    expect(event.message).toContain("Nothing was charged");
    // Idempotent: a second sweep finds nothing.
    expect(await cancelAbandonedOrders(prisma, { olderThanHours: 24 })).toBe(0);
  });

  it("closes a declined order as PAYMENT_FAILED once its payment window is over, and says so", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1800, stock: [4, 0] }] });
    const [variant] = store.variantIds as [string];
    const { order } = await placeOrder(
      prisma,
      checkoutInput(await createCart(prisma, [{ variantId: variant, quantity: 2 }])),
    );
    await markPaymentFailed(prisma, {
      orderId: order.id,
      reason: "card_declined",
      provider: "TEST",
      providerRef: `fail_${order.id}`,
    });
    // Declined: stock released at once, and the order already shows "Payment failed" (shopper and admin).
    expect((await stock(prisma, variant)).reserved[0]).toBe(0);
    const failed = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect([failed.status, failed.paymentStatus]).toEqual(["PENDING_PAYMENT", "FAILED"]);
    expect(displayOrderStatus(failed.status, failed.paymentStatus)).toBe("PAYMENT_FAILED");
    const listed = async (status: "PAYMENT_FAILED" | "PENDING_PAYMENT") =>
      (await prisma.order.findMany({ where: { AND: [orderListWhere({ status, page: 1 }), { id: order.id }] } })).length;
    expect([await listed("PAYMENT_FAILED"), await listed("PENDING_PAYMENT")]).toEqual([1, 0]);

    // Inside its payment window (a Stripe session can still retry the card) the worker leaves it open.
    expect(await cancelAbandonedOrders(prisma, { olderThanHours: 24 })).toBe(0);
    // Once every reservation it was placed with has expired, no payment can still succeed: closed.
    await prisma.reservation.updateMany({
      where: { orderId: order.id },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    expect(await cancelAbandonedOrders(prisma, { olderThanHours: 24 })).toBe(1);
    const closed = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect([closed.status, closed.paymentStatus]).toEqual(["PAYMENT_FAILED", "FAILED"]);
    expect(closed.cancelledAt).not.toBeNull();
    expect([await listed("PAYMENT_FAILED"), await listed("PENDING_PAYMENT")]).toEqual([1, 0]);
    const event = await prisma.orderEvent.findFirstOrThrow({
      where: { orderId: order.id, type: "closed_payment_failed" },
    });
    expect(event.message).toContain("went back on sale");
    expect((await stock(prisma, variant)).onHand[0]).toBe(4);
    expect(await cancelAbandonedOrders(prisma, { olderThanHours: 24 })).toBe(0);

    // A payment that still arrives is refunded and the order stays closed as PAYMENT_FAILED.
    const late = await markOrderPaid(prisma, {
      orderId: order.id,
      provider: "TEST",
      providerRef: `late_${order.id}`,
      amountCents: order.totalCents,
      currency: order.currency,
    });
    expect(late.outcome).toBe("needs_refund");
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PAYMENT_FAILED");
  });

  it("a payment that still arrives for a cancelled order is refunded, not kept", async () => {
    const store = await createStore(prisma, { variants: [{ priceCents: 1500, stock: [3, 0] }] });
    const [variant] = store.variantIds as [string];
    const { order } = await placeOrder(
      prisma,
      checkoutInput(await createCart(prisma, [{ variantId: variant, quantity: 1 }])),
    );
    await ageOrder(order.id, 48);
    expect(await cancelAbandonedOrders(prisma, { olderThanHours: 24 })).toBe(1);
    const late = await markOrderPaid(prisma, {
      orderId: order.id,
      provider: "TEST",
      providerRef: `late_${order.id}`,
      amountCents: order.totalCents,
      currency: order.currency,
    });
    expect(late.outcome).toBe("needs_refund");
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CANCELLED");
    expect((await stock(prisma, variant)).onHand[0]).toBe(3);
  });
});
