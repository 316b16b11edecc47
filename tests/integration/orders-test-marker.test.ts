// Orders paid by the built-in test provider took no money: the seller's order list, order page and orders
// CSV mark them TEST, and only them (not Stripe orders, not unpaid ones with an open test payment).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { parseCsv } from "@/lib/csv";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { getOrderForAdmin, listOrders } from "@/lib/orders/admin-queries";
import { payWithTestCard } from "@/lib/checkout/test-card-payment";
import { testPaymentProvider } from "@/lib/payments/test-provider";
import { exportOrdersCsv, ORDER_EXPORT_COLUMNS } from "@/lib/reports/orders-export";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createStore, placeOrderFor } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
const ids = { test: "", stripe: "", unpaid: "" };

beforeAll(async () => {
  db = await createTestDatabase("orders_test_marker");
  prisma = db.prisma;
  const { variantIds } = await createStore(prisma, { variants: [{ priceCents: 1500, stock: [20, 0] }] });
  const line = [{ variantId: variantIds[0]!, quantity: 1 }];

  const test = await placeOrderFor(prisma, line, { email: "test@example.com" });
  const payment = await testPaymentProvider.startPayment(prisma, test.order.id, { successUrl: "/s", cancelUrl: "/c" });
  expect(await payWithTestCard(prisma, { paymentId: payment.paymentId, cardNumber: "4242424242424242" })).toMatchObject(
    { ok: true },
  );

  const stripe = await placeOrderFor(prisma, line, { email: "stripe@example.com" });
  expect(
    await markOrderPaid(prisma, {
      orderId: stripe.order.id,
      provider: "STRIPE",
      providerRef: "cs_test_marker_1",
      amountCents: stripe.order.totalCents,
      currency: stripe.order.currency,
    }),
  ).toMatchObject({ outcome: "paid" });

  // Unpaid, with an open test payment: nothing was paid with the test provider (yet).
  const unpaid = await placeOrderFor(prisma, line, { email: "unpaid@example.com" });
  await testPaymentProvider.startPayment(prisma, unpaid.order.id, { successUrl: "/s", cancelUrl: "/c" });

  Object.assign(ids, { test: test.order.id, stripe: stripe.order.id, unpaid: unpaid.order.id });
});
afterAll(async () => {
  await db?.drop();
});

describe("the TEST marker", () => {
  it("is on test-paid orders in the admin list and on the order page, and nowhere else", async () => {
    const list = await listOrders(prisma, { page: 1 });
    const marked = Object.fromEntries(list.orders.map((order) => [order.id, order.paidWithTestProvider]));
    expect(marked).toEqual({ [ids.test]: true, [ids.stripe]: false, [ids.unpaid]: false });

    expect((await getOrderForAdmin(prisma, ids.test))?.paidWithTestProvider).toBe(true);
    expect((await getOrderForAdmin(prisma, ids.stripe))?.paidWithTestProvider).toBe(false);
    expect((await getOrderForAdmin(prisma, ids.unpaid))?.paidWithTestProvider).toBe(false);
  });

  it("is a test_payment column of the orders CSV, right after the payment status", async () => {
    // Yesterday to tomorrow: the orders were placed just now, whatever the clock says at midnight.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    let text = "";
    for await (const chunk of exportOrdersCsv(prisma, { from: day(-1), to: day(1) }, { timeZone: "UTC" }))
      text += chunk;
    const [header, ...rows] = parseCsv(text);
    expect(header!.slice(2, 6)).toEqual(["status", "payment_status", "test_payment", "email"]);
    const column = (name: (typeof ORDER_EXPORT_COLUMNS)[number]) => ORDER_EXPORT_COLUMNS.indexOf(name);
    const byEmail = Object.fromEntries(rows.map((row) => [row[column("email")], row[column("test_payment")]]));
    expect(byEmail).toEqual({ "test@example.com": "TEST", "stripe@example.com": "", "unpaid@example.com": "" });
  });
});
