// The store's own risk score wired into payment (lib/orders/order-risk.ts through markOrderPaid) and its
// settings (lib/orders/risk-settings.ts) against a real PostgreSQL: a risky order is held in the paying
// transaction with its score and reasons recorded, a calm one is scored and not held, switched-off rules
// never hold, the settings form refuses bad input and non-administrators and writes nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { actionKit } from "@/lib/actions/kit";
import { actionAccess } from "@/lib/actions/access";
import type { SessionUser } from "@/lib/auth/session";
import { payWithTestCard } from "@/lib/checkout/test-card-payment";
import { UserError } from "@/lib/errors";
import { resolveFraudReview } from "@/lib/orders/fraud-review";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { markPaymentFailed } from "@/lib/orders/payment-failed";
import {
  DEFAULT_RISK_SETTINGS,
  readRiskSettings,
  riskSettingsFormValues,
  riskSettingsInput,
  updateRiskSettings,
} from "@/lib/orders/risk-settings";
import { testPaymentProvider } from "@/lib/payments/test-provider";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createStore, placeOrderFor } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let variantId: string;
let admin: SessionUser;
let staff: SessionUser;

beforeAll(async () => {
  db = await createTestDatabase("orders_risk_wiring");
  prisma = db.prisma;
  const store = await createStore(prisma, { variants: [{ priceCents: 2_000, stock: [1000, 0] }] });
  variantId = store.variantIds[0]!;
  const user = async (role: "ADMIN" | "STAFF"): Promise<SessionUser> => {
    const row = await prisma.user.create({
      data: { email: `${role.toLowerCase()}.${randomUUID()}@example.com`, role },
    });
    return { id: row.id, email: row.email, name: null, role, mustChangePassword: false };
  };
  admin = await user("ADMIN");
  staff = await user("STAFF");
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(async () => {
  // Each test starts from the store's defaults.
  await prisma.riskSettings.deleteMany();
});

const emailOf = () => `wired.${randomUUID().slice(0, 8)}@example.com`;

async function placed(email = emailOf()) {
  return (await placeOrderFor(prisma, [{ variantId, quantity: 1 }], { email })).order;
}

/** Two declined attempts of this email, as the test payment page records them. */
async function declineTwice(email: string) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const declined = await placed(email);
    await markPaymentFailed(prisma, {
      orderId: declined.id,
      reason: "card_declined",
      provider: "TEST",
      providerRef: `declined_${declined.id}`,
    });
  }
}

async function pay(order: { id: string; totalCents: number; currency: string }, billingCountry: string | null = null) {
  return markOrderPaid(prisma, {
    orderId: order.id,
    provider: "TEST",
    providerRef: `paid_${order.id}`,
    amountCents: order.totalCents,
    currency: order.currency,
    riskSignals: { billingCountry, cardFingerprint: `fp_${order.id}` },
  });
}

const stateOf = (orderId: string) =>
  prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { status: true, fraudReview: true, riskScore: true, riskReasons: true },
  });

const holdEvents = (orderId: string) =>
  prisma.orderEvent.findMany({
    where: { orderId, type: "fraud_review_opened" },
    select: { message: true, data: true },
  });

const values = (overrides: Record<string, string | undefined> = {}) => ({
  ...riskSettingsFormValues(DEFAULT_RISK_SETTINGS),
  ...overrides,
});

function form(fields: Record<string, string | undefined>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) data.append(name, value);
  return data;
}

/** The settings action as app/admin/risk/actions.ts defines it, for a signed-in user of the test's choosing. */
const settingsActionFor = (user: SessionUser) =>
  actionKit(async (role) => actionAccess(user, role))(
    { role: "admin", input: riskSettingsInput, echo: true },
    async ({ input, user: actor }) => {
      await updateRiskSettings(prisma, actor, input);
      return "saved";
    },
  );

describe("the score when an order is paid", () => {
  it("a foreign card after two declined attempts holds the order, in the paying transaction, with each reason", async () => {
    const email = emailOf();
    await declineTwice(email);
    const order = await placed(email);
    expect(await pay(order, "DE")).toMatchObject({ outcome: "paid" });

    const state = await stateOf(order.id);
    expect(state).toMatchObject({ status: "PAID", fraudReview: true });
    expect((state.riskReasons as { rule: string }[]).map((reason) => reason.rule)).toEqual([
      "email_velocity",
      "country_mismatch",
      "failed_attempts",
    ]);
    expect(state.riskScore).toBe(20 + 40 + 40);
    const [event] = await holdEvents(order.id);
    expect(event?.message).toContain("The store's risk score is 100 (holds at 80)");
    expect(event?.message).toContain("The billing country (DE) differs from the shipping country (US).");
    expect(event?.data).toMatchObject({ source: `store-risk:${order.id}`, held: true, riskScore: 100 });
    expect(await prisma.payment.findFirst({ where: { orderId: order.id, status: "SUCCEEDED" } })).toMatchObject({
      cardFingerprint: `fp_${order.id}`,
    });

    // A replayed confirmation changes nothing: one hold, same score.
    expect(await pay(order, "DE")).toMatchObject({ outcome: "already_paid" });
    expect(await holdEvents(order.id)).toHaveLength(1);

    // Releasing it is the seller's fraud review.
    await resolveFraudReview(prisma, admin, { orderId: order.id, note: "Called the shopper: genuine." });
    expect((await stateOf(order.id)).fraudReview).toBe(false);
  });

  it("a calm order is scored 0 and not held; one rule alone is recorded but does not hold", async () => {
    const calm = await placed();
    await pay(calm, "US");
    expect(await stateOf(calm.id)).toMatchObject({ fraudReview: false, riskScore: 0, riskReasons: [] });

    const foreign = await placed();
    await pay(foreign, "DE");
    const state = await stateOf(foreign.id);
    expect(state).toMatchObject({ fraudReview: false, riskScore: 40 });
    expect(state.riskReasons).toEqual([
      {
        rule: "country_mismatch",
        points: 40,
        message: "The billing country (DE) differs from the shipping country (US).",
      },
    ]);
    expect(await holdEvents(foreign.id)).toEqual([]);
  });

  it("the saved threshold applies to the next payment", async () => {
    const saved = await updateRiskSettings(prisma, admin, riskSettingsInput.parse(values({ holdAtScore: "40" })));
    expect(saved.holdAtScore).toBe(40);
    const foreign = await placed();
    await pay(foreign, "DE");
    expect(await stateOf(foreign.id)).toMatchObject({ fraudReview: true, riskScore: 40 });
  });

  it("with the rules switched off, nothing is scored and nothing is held", async () => {
    await updateRiskSettings(prisma, admin, riskSettingsInput.parse(values({ enabled: undefined })));
    expect((await readRiskSettings(prisma)).enabled).toBe(false);
    const email = emailOf();
    await declineTwice(email);
    const order = await placed(email);
    await pay(order, "DE");
    expect(await stateOf(order.id)).toMatchObject({ fraudReview: false, riskScore: null, riskReasons: null });
    expect(await holdEvents(order.id)).toEqual([]);
  });

  it("the test provider reports the German test card's country and a fixed fingerprint per card", async () => {
    const email = emailOf();
    await declineTwice(email);
    const order = await placed(email);
    const { paymentId } = await testPaymentProvider.startPayment(prisma, order.id, {
      successUrl: "/s",
      cancelUrl: "/c",
    });
    expect(await payWithTestCard(prisma, { paymentId, cardNumber: "4000 0027 6000 0016" })).toMatchObject({ ok: true });
    const state = await stateOf(order.id);
    expect(state).toMatchObject({ status: "PAID", fraudReview: true });
    expect((state.riskReasons as { rule: string }[]).map((reason) => reason.rule)).toContain("country_mismatch");
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
      status: "SUCCEEDED",
      cardFingerprint: "test_fp_4000002760000016",
    });
  });
});

describe("the settings", () => {
  it("an administrator saves them, audited", async () => {
    const audited = () => prisma.auditLog.count({ where: { action: "risk.settings.update", actorId: admin.id } });
    const before = await audited();
    const result = await settingsActionFor(admin)(
      null,
      form(values({ holdAtScore: "90", firstOrderExpress: "250.00" })),
    );
    expect(result).toEqual({ ok: true, data: "saved" });
    expect(await readRiskSettings(prisma)).toMatchObject({
      enabled: true,
      holdAtScore: 90,
      firstOrderExpressCents: 25_000,
    });
    expect(await audited()).toBe(before + 1);
  });

  it("bad input gets a clear message per field and writes nothing", async () => {
    const auditedBefore = await prisma.auditLog.count({ where: { action: "risk.settings.update" } });
    const cases: [Record<string, string | undefined>, string, string][] = [
      [{ holdAtScore: "0" }, "holdAtScore", "The hold score must be at least 1."],
      [{ holdAtScore: "ten" }, "holdAtScore", "The hold score must be a whole number."],
      [{ velocityWindowMinutes: "2000" }, "velocityWindowMinutes", "The window must be at most 1440."],
      [{ maxOrdersPerEmail: "1" }, "maxOrdersPerEmail", "The orders per email must be at least 2."],
      [{ firstOrderExpress: "-5" }, "firstOrderExpress", "Enter an amount like 12.34 (at most 2 decimals)."],
      [{ valuePoints: undefined }, "valuePoints", "Enter the points of the order value rule."],
      [
        { holdAtScore: "1000", valuePoints: "1", velocityPoints: "1", countryMismatchPoints: "1" },
        "holdAtScore",
        "No order can score 1000: all rules together give at most 85 points. Lower the hold score, or switch the rules off instead.",
      ],
    ];
    for (const [change, field, message] of cases) {
      const result = await settingsActionFor(admin)(null, form(values(change)));
      expect(result, JSON.stringify(change)).toMatchObject({ ok: false, fieldErrors: { [field]: message } });
    }
    expect(await prisma.riskSettings.count()).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "risk.settings.update" } })).toBe(auditedBefore);
  });

  it("staff are refused, by the action and by lib, and nothing is written", async () => {
    expect(await settingsActionFor(staff)(null, form(values({ enabled: undefined })))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    await expect(
      updateRiskSettings(prisma, staff, riskSettingsInput.parse(values({ enabled: undefined }))),
    ).rejects.toThrow(UserError);
    expect(await prisma.riskSettings.count()).toBe(0);
    expect((await readRiskSettings(prisma)).enabled).toBe(true);
  });
});
