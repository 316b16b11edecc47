// A dearer exchange against a real PostgreSQL (lib/orders/returns-difference.ts, docs/returns.md): the
// shopper asks for an option that costs more, approval holds it (guarded reservation expiring like an
// unpaid checkout's), the difference is paid through the store's payment provider (the test provider
// here) and confirmed once however often the confirmation is replayed, then the exchange ships; unpaid at
// the hold's end the units go back on sale and the return is refunded instead; an option that sold out
// meanwhile refuses approval and writes nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { placeOrder } from "@/lib/checkout/place-order";
import { payWithTestCard } from "@/lib/checkout/test-card-payment";
import { renderEmailEvent } from "@/lib/email/outbox-handlers";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { fulfilOrder } from "@/lib/orders/fulfilment";
import type { OrderActor } from "@/lib/orders/admin-common";
import { requestReturn } from "@/lib/orders/returns-request";
import { approveReturn } from "@/lib/orders/returns-review";
import { receiveReturnLine, returnRefundDueCents, shipReturnExchange } from "@/lib/orders/returns-complete";
import { markExchangeDifferencePaid, releaseUnpaidExchanges } from "@/lib/orders/returns-difference";
import { testPaymentProvider } from "@/lib/payments/test-provider";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createCart, createStore, checkoutInput, type Store } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let staff: OrderActor;
let store: Store;
/** Dearer options of product 0 (priced 25.00): plenty of one, a single unit of the other. */
const options = { dear: "", scarce: "" };
const savedEnv = { ...process.env };
const guest = { userId: null };
const urls = { successUrl: "http://store.test/orders/x", cancelUrl: "http://store.test/orders/x" };

beforeAll(async () => {
  db = await createTestDatabase("returns_difference");
  prisma = db.prisma;
  process.env.STORE_MODE = "demo";
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.SMTP_URL;
  const user = await prisma.user.create({
    data: { email: `staff-${randomUUID()}@example.com`, role: "STAFF" },
    select: { id: true, role: true },
  });
  staff = { id: user.id, role: user.role };
  store = await createStore(prisma, { variants: [{ priceCents: 2500, stock: [50, 50] }] });
  const option = async (title: string, priceCents: number, onHand: number) => {
    const variant = await prisma.variant.create({
      data: { productId: store.productIds[0]!, sku: `OPT-${randomUUID().slice(0, 8)}`, title, priceCents },
    });
    await prisma.inventoryLevel.create({ data: { variantId: variant.id, locationId: store.locationIds[0], onHand } });
    return variant.id;
  };
  options.dear = await option("XXL", 3000, 20);
  options.scarce = await option("XXXL", 3000, 1);
});
afterAll(async () => {
  process.env = savedEnv;
  await db?.drop();
});

const key = (kind = "test") => `${kind}:${randomUUID()}`;

/** A paid order of one unit of variant 0, shipped, with a return of it for `exchangeVariantId`. */
async function dearerReturn(exchangeVariantId: string) {
  const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]);
  const { order } = await placeOrder(prisma, checkoutInput(cartId));
  const paid = await markOrderPaid(prisma, {
    orderId: order.id,
    provider: "TEST",
    providerRef: `testpay_${order.id}`,
    amountCents: order.totalCents,
    currency: order.currency,
  });
  expect(paid.outcome).toBe("paid");
  const line = await prisma.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
  await fulfilOrder(prisma, staff, {
    orderId: order.id,
    carrier: "UPS",
    trackingNumber: "1Z999AA10123456784",
    lines: [{ orderLineId: line.id, quantity: 1 }],
    requestKey: key("ship"),
  });
  const requested = await requestReturn(prisma, guest, {
    orderId: order.id,
    lines: [{ orderLineId: line.id, quantity: 1, exchangeVariantId }],
    reason: "wrong_size",
    requestKey: key("return"),
  });
  return { order, line, returnId: requested.returnId };
}

async function level(variantId: string) {
  const found = await prisma.inventoryLevel.findUniqueOrThrow({
    where: { variantId_locationId: { variantId, locationId: store.locationIds[0] } },
  });
  return { onHand: found.onHand, reserved: found.reserved };
}

async function expectRefused(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
}

async function receive(returnId: string) {
  const line = await prisma.returnLine.findFirstOrThrow({ where: { returnId } });
  await receiveReturnLine(prisma, staff, {
    returnId,
    returnLineId: line.id,
    locationId: store.locationIds[0],
    condition: "RESELLABLE",
  });
}

describe("a dearer exchange", () => {
  it("is held when approved, paid once however often the payment is confirmed, then ships", async () => {
    const { order, line, returnId } = await dearerReturn(options.dear);
    // The credit scaled by the price ratio (the line's discount and tax carry over); the rest is due.
    const credit = line.totalCents;
    const cost = Math.floor((credit * 3000) / 2500);
    const request = await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId }, include: { lines: true } });
    expect(request.lines[0]).toMatchObject({ creditCents: credit, exchangeCents: cost });
    expect(request.differenceCents).toBe(cost - credit);
    expect(returnRefundDueCents(request.lines)).toBe(0);

    const before = await level(options.dear);
    const now = new Date();
    await approveReturn(prisma, staff, { returnId }, { now, exchangeHoldMinutes: 15 });
    const approved = await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } });
    expect(approved.differenceDueBy?.getTime()).toBe(now.getTime() + 15 * 60_000);
    // Held, not sold: the order stays as it was until the difference is paid.
    expect(await level(options.dear)).toEqual({ onHand: before.onHand, reserved: before.reserved + 1 });
    const hold = await prisma.reservation.findFirstOrThrow({ where: { orderId: order.id, variantId: options.dear } });
    expect(hold).toMatchObject({ status: "ACTIVE", expiresAt: approved.differenceDueBy });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("FULFILLED");

    await receive(returnId);
    await expectRefused(
      shipReturnExchange(prisma, staff, {
        returnId,
        carrier: "UPS",
        trackingNumber: "1Z999AA10123456785",
        requestKey: key("x"),
      }),
      "difference_unpaid",
    );

    // Two clicks on "Pay the difference" open one payment, of the difference, in the order's currency.
    const first = await testPaymentProvider.startDifferencePayment(prisma, returnId, urls);
    const second = await testPaymentProvider.startDifferencePayment(prisma, returnId, urls);
    expect(second.paymentId).toBe(first.paymentId);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: first.paymentId } });
    expect(payment).toMatchObject({
      returnId,
      amountCents: cost - credit,
      currency: order.currency,
      status: "PENDING",
    });

    // The test card, then the same confirmation five times at once (a replayed webhook): paid once.
    const paid = await payWithTestCard(prisma, { paymentId: payment.id, cardNumber: "4242 4242 4242 4242" });
    expect(paid.ok).toBe(true);
    const confirm = () =>
      markExchangeDifferencePaid(prisma, {
        provider: "TEST",
        providerRef: payment.providerRef!,
        amountCents: payment.amountCents,
        currency: payment.currency,
      });
    const replays = await Promise.all([confirm(), confirm(), confirm(), confirm(), confirm()]);
    expect(replays.map((result) => result.outcome)).toEqual(Array(5).fill("already_paid"));
    expect((await payWithTestCard(prisma, { paymentId: payment.id, cardNumber: "4242 4242 4242 4242" })).ok).toBe(
      false,
    );

    expect(await prisma.payment.count({ where: { returnId, status: "SUCCEEDED" } })).toBe(1);
    expect(await prisma.payment.count({ where: { returnId, autoRefundReason: { not: null } } })).toBe(0);
    expect(
      await prisma.inventoryAdjustment.count({ where: { orderId: order.id, variantId: options.dear, reason: "SALE" } }),
    ).toBe(1);
    expect(await level(options.dear)).toEqual({ onHand: before.onHand - 1, reserved: before.reserved });
    const settled = await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } });
    expect(settled.differencePaidAt).not.toBeNull();
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PARTIALLY_FULFILLED");
    const emails = await prisma.outboxEvent.findMany({
      where: { dedupeKey: `return-update:${returnId}:difference_paid` },
    });
    expect(emails).toHaveLength(1);
    const email = await renderEmailEvent(prisma, emails[0]!.topic, emails[0]!.payload);
    expect(email?.text).toContain("We received your payment");

    // Another payment of the same difference (a second session paid) is refunded in full, not kept.
    const extra = await prisma.payment.create({
      data: {
        orderId: order.id,
        returnId,
        provider: "TEST",
        providerRef: `testpay_${randomUUID()}`,
        amountCents: payment.amountCents,
        currency: payment.currency,
      },
    });
    const duplicate = await markExchangeDifferencePaid(prisma, {
      provider: "TEST",
      providerRef: extra.providerRef!,
      amountCents: extra.amountCents,
      currency: extra.currency,
    });
    expect(duplicate.outcome).toBe("needs_refund");
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: extra.id } })).autoRefundReason).toBe(
      "duplicate_payment",
    );

    const shipped = await shipReturnExchange(prisma, staff, {
      returnId,
      carrier: "UPS",
      trackingNumber: "1Z999AA10123456785",
      requestKey: key("exchange"),
    });
    expect(shipped.status).toBe("COMPLETED");
  });

  it("unpaid when its hold ends, the units go back on sale and the return is refunded instead", async () => {
    const { order, line, returnId } = await dearerReturn(options.dear);
    const before = await level(options.dear);
    const now = new Date();
    await approveReturn(prisma, staff, { returnId }, { now, exchangeHoldMinutes: 15 });
    const started = await testPaymentProvider.startDifferencePayment(prisma, returnId, urls);
    expect(await level(options.dear)).toEqual({ onHand: before.onHand, reserved: before.reserved + 1 });

    expect(await releaseUnpaidExchanges(prisma, new Date(now.getTime() + 14 * 60_000))).toBe(0);
    expect(await releaseUnpaidExchanges(prisma, new Date(now.getTime() + 15 * 60_000))).toBe(1);
    expect(await releaseUnpaidExchanges(prisma, new Date(now.getTime() + 16 * 60_000))).toBe(0);

    expect(await level(options.dear)).toEqual(before);
    expect(await prisma.reservation.count({ where: { orderId: order.id, status: "ACTIVE" } })).toBe(0);
    expect(await prisma.orderLine.count({ where: { orderId: order.id } })).toBe(1);
    const fellBack = await prisma.returnRequest.findUniqueOrThrow({
      where: { id: returnId },
      include: { lines: true },
    });
    expect(fellBack).toMatchObject({ status: "APPROVED", differenceCents: 0, differenceDueBy: null });
    expect(fellBack.lines[0]).toMatchObject({ exchangeVariantId: null, exchangeCents: 0, exchangeOrderLineId: null });
    expect(returnRefundDueCents(fellBack.lines)).toBe(line.totalCents);
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } })).status).toBe("EXPIRED");
    await expectRefused(testPaymentProvider.startDifferencePayment(prisma, returnId, urls), "difference_closed");
    expect(
      await prisma.outboxEvent.count({ where: { dedupeKey: `return-update:${returnId}:exchange_released` } }),
    ).toBe(1);

    // A payment that still arrives for the released exchange is refunded in full, and sells nothing.
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } });
    const late = await markExchangeDifferencePaid(prisma, {
      provider: "TEST",
      providerRef: payment.providerRef!,
      amountCents: payment.amountCents,
      currency: payment.currency,
    });
    expect(late.outcome).toBe("needs_refund");
    expect(await prisma.outboxEvent.count({ where: { dedupeKey: { contains: payment.id } } })).toBe(1);
    expect(await level(options.dear)).toEqual(before);
  });

  it("whose option sold out meanwhile cannot be approved (nothing is written), and can be refunded instead", async () => {
    const { returnId } = await dearerReturn(options.scarce);
    // Someone else's checkout takes the last unit.
    const cartId = await createCart(prisma, [{ variantId: options.scarce, quantity: 1 }]);
    await placeOrder(prisma, checkoutInput(cartId));
    await expectRefused(approveReturn(prisma, staff, { returnId }), "out_of_stock");
    const request = await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId }, include: { lines: true } });
    expect(request).toMatchObject({ status: "REQUESTED", differenceDueBy: null });
    expect(request.lines[0]!.exchangeOrderLineId).toBeNull();
    expect(await level(options.scarce)).toEqual({ onHand: 1, reserved: 1 });

    // Refunding instead: nothing is due from the shopper any more, the whole credit is refunded.
    await approveReturn(prisma, staff, { returnId, refundInsteadOfExchange: true });
    const approved = await prisma.returnRequest.findUniqueOrThrow({
      where: { id: returnId },
      include: { lines: true },
    });
    expect(approved).toMatchObject({ status: "APPROVED", differenceCents: 0, differenceDueBy: null });
    expect(returnRefundDueCents(approved.lines)).toBe(approved.lines[0]!.creditCents);
    expect(await level(options.scarce)).toEqual({ onHand: 1, reserved: 1 });
  });
});
