// The store's own risk score against a real PostgreSQL: the inputs each rule reads (lib/orders/risk-inputs.ts)
// from real orders, scored by lib/orders/risk-score.ts.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { markPaymentFailed } from "@/lib/orders/payment-failed";
import { readRiskInputs } from "@/lib/orders/risk-inputs";
import { DEFAULT_RISK_THRESHOLDS, scoreOrder } from "@/lib/orders/risk-score";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createStore, placeOrderFor } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let variantId: string;
beforeAll(async () => {
  db = await createTestDatabase("orders_risk");
  prisma = db.prisma;
  const store = await createStore(prisma, { variants: [{ priceCents: 2_000, stock: [1000, 0] }] });
  variantId = store.variantIds[0]!;
});
afterAll(async () => {
  await db?.drop();
});

const thresholds = DEFAULT_RISK_THRESHOLDS;
const emailOf = () => `risk.${randomUUID().slice(0, 8)}@example.com`;

async function order(quantity: number, overrides: Parameters<typeof placeOrderFor>[2] = {}) {
  return (await placeOrderFor(prisma, [{ variantId, quantity }], overrides)).order;
}

async function pay(placed: { id: string; totalCents: number; currency: string }) {
  await markOrderPaid(prisma, {
    orderId: placed.id,
    provider: "TEST",
    providerRef: `risk_${placed.id}`,
    amountCents: placed.totalCents,
    currency: placed.currency,
  });
}

async function rulesFor(orderId: string, signals = {}, limits = thresholds) {
  const inputs = await readRiskInputs(prisma, orderId, limits, signals);
  return scoreOrder(inputs!, limits).reasons.map((reason) => reason.rule);
}

describe("risk inputs from the database", () => {
  it("an ordinary first order with standard shipping raises nothing", async () => {
    const placed = await order(1, { email: emailOf() });
    expect(await rulesFor(placed.id)).toEqual([]);
    expect(await readRiskInputs(prisma, "no-such-order", thresholds)).toBeNull();
  });

  it("a paid order is not scored again (a replayed confirmation reads nothing)", async () => {
    const placed = await order(1, { email: emailOf() });
    expect(await readRiskInputs(prisma, placed.id, thresholds)).not.toBeNull();
    await pay(placed);
    expect(await readRiskInputs(prisma, placed.id, thresholds)).toBeNull();
  });

  it("order_value: against the average of the store's paid orders, once there are enough of them", async () => {
    for (let index = 0; index < thresholds.minOrdersForAverage; index++)
      await pay(await order(1, { email: emailOf() }));
    const big = await order(5, { email: emailOf() });
    const inputs = await readRiskInputs(prisma, big.id, thresholds);
    expect(inputs!.paidOrdersCounted).toBeGreaterThanOrEqual(thresholds.minOrdersForAverage);
    expect(inputs!.averageOrderCents).toBeLessThan(big.totalCents / 3);
    expect(await rulesFor(big.id)).toEqual(["order_value"]);
  });

  it("email_velocity: orders from one email (any case) in the last hour", async () => {
    const email = emailOf();
    await order(1, { email });
    await order(1, { email: email.toUpperCase() });
    const third = await order(1, { email });
    expect(await rulesFor(third.id)).toEqual(["email_velocity"]);
    // Older orders fall out of the window.
    await prisma.order.updateMany({
      where: { email, id: { not: third.id } },
      data: { createdAt: new Date(Date.now() - 2 * 3600_000) },
    });
    expect(await rulesFor(third.id)).toEqual([]);
  });

  it("ip_velocity: orders from one client address in the last hour; none counted without an address", async () => {
    const clientIp = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    let last = await order(1, { email: emailOf(), clientIp });
    for (let index = 1; index < thresholds.maxOrdersPerIp; index++)
      last = await order(1, { email: emailOf(), clientIp });
    expect(await rulesFor(last.id)).toEqual(["ip_velocity"]);
    const anonymous = await order(1, { email: emailOf() });
    expect((await readRiskInputs(prisma, anonymous.id, thresholds))!.ordersByIp).toBeNull();
  });

  it("card_velocity: orders paid with the provider's card fingerprint in the last hour; unknown without one", async () => {
    const cardFingerprint = `fp_${randomUUID()}`;
    for (let index = 1; index < thresholds.maxOrdersPerCard; index++) {
      const earlier = await order(1, { email: emailOf() });
      await markOrderPaid(prisma, {
        orderId: earlier.id,
        provider: "TEST",
        providerRef: `risk_${earlier.id}`,
        amountCents: earlier.totalCents,
        currency: earlier.currency,
        riskSignals: { cardFingerprint },
      });
    }
    const placed = await order(1, { email: emailOf() });
    expect((await readRiskInputs(prisma, placed.id, thresholds, { cardFingerprint }))!.ordersByCard).toBe(
      thresholds.maxOrdersPerCard,
    );
    expect(await rulesFor(placed.id, { cardFingerprint })).toEqual(["card_velocity"]);
    expect(await rulesFor(placed.id, { cardFingerprint: `fp_${randomUUID()}` })).toEqual([]);
    expect((await readRiskInputs(prisma, placed.id, thresholds))!.ordersByCard).toBeNull();
  });

  it("failed_attempts: declined payments of this email's orders in the window; an expired session is no attempt", async () => {
    const email = emailOf();
    const first = await order(1, { email });
    await markPaymentFailed(prisma, {
      orderId: first.id,
      reason: "card_declined",
      provider: "TEST",
      providerRef: `d1_${first.id}`,
    });
    const second = await order(1, { email });
    await markPaymentFailed(prisma, {
      orderId: second.id,
      reason: "checkout_session_expired",
      provider: "STRIPE",
      providerRef: `cs_${second.id}`,
    });
    const third = await order(1, { email });
    expect((await readRiskInputs(prisma, third.id, thresholds))!.failedAttempts).toBe(1);
    await prisma.orderEvent.create({
      data: { orderId: second.id, type: "payment_attempt_failed", message: "A payment attempt failed.", public: false },
    });
    expect((await readRiskInputs(prisma, third.id, thresholds))!.failedAttempts).toBe(2);
    expect(await rulesFor(third.id)).toContain("failed_attempts");
  });

  it("country_mismatch: the billing country (the provider's, else the order's) against shipping", async () => {
    const placed = await order(1, { email: emailOf() });
    expect(await rulesFor(placed.id, { billingCountry: "DE" })).toEqual(["country_mismatch"]);
    await prisma.order.update({ where: { id: placed.id }, data: { billingAddress: { country: "FR" } } });
    expect(await rulesFor(placed.id)).toEqual(["country_mismatch"]);
    expect(await rulesFor(placed.id, { billingCountry: "US" })).toEqual([]);
  });

  it("first_order_express: a first email's express order over the threshold; not once the email has paid before", async () => {
    const email = emailOf();
    // A store threshold of 100.00 (at most 10 of an item per order): 5 items of 20.00.
    const limits = { ...thresholds, firstOrderExpressCents: 10_000 };
    const first = await order(5, { email, shippingMethod: "EXPRESS" });
    expect(await rulesFor(first.id, {}, limits)).toContain("first_order_express");
    const standard = await order(5, { email: emailOf() });
    expect(await rulesFor(standard.id, {}, limits)).not.toContain("first_order_express");
    await pay(first);
    await prisma.order.update({ where: { id: first.id }, data: { createdAt: new Date(Date.now() - 2 * 3600_000) } });
    const second = await order(5, { email, shippingMethod: "EXPRESS" });
    expect(await rulesFor(second.id, {}, limits)).not.toContain("first_order_express");
  });
});
