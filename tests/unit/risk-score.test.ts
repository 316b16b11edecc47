// The store's own risk rules (lib/orders/risk-score.ts): each rule at its threshold and just below it,
// and the hold decision.
import { describe, expect, it } from "vitest";
import { DEFAULT_RISK_THRESHOLDS, scoreOrder, type RiskInputs } from "@/lib/orders/risk-score";

const calm: RiskInputs = {
  totalCents: 5_000,
  currency: "USD",
  averageOrderCents: 5_000,
  paidOrdersCounted: 100,
  ordersByEmail: 1,
  ordersByIp: 1,
  ordersByCard: 1,
  shippingCountry: "US",
  billingCountry: "US",
  firstOrder: false,
  expressShipping: false,
  failedAttempts: 0,
};

const rulesOf = (inputs: Partial<RiskInputs>) => scoreOrder({ ...calm, ...inputs }).reasons.map((r) => r.rule);

describe("scoreOrder", () => {
  it("scores an ordinary order 0 and does not hold it", () => {
    expect(scoreOrder(calm)).toEqual({ score: 0, reasons: [], hold: false });
  });

  it.each([
    ["order_value at 3x the average", { totalCents: 15_000 }, ["order_value"]],
    ["order_value just below 3x", { totalCents: 14_999 }, []],
    ["order_value without enough orders to average", { totalCents: 50_000, paidOrdersCounted: 9 }, []],
    ["email_velocity at 3 orders", { ordersByEmail: 3 }, ["email_velocity"]],
    ["email_velocity at 2 orders", { ordersByEmail: 2 }, []],
    ["ip_velocity at 5 orders", { ordersByIp: 5 }, ["ip_velocity"]],
    ["ip unknown", { ordersByIp: null }, []],
    ["card_velocity at 3 orders", { ordersByCard: 3 }, ["card_velocity"]],
    ["card unknown", { ordersByCard: null }, []],
    ["country_mismatch", { billingCountry: "de" }, ["country_mismatch"]],
    ["same country in other case", { billingCountry: "us" }, []],
    ["billing country unknown", { billingCountry: null }, []],
    [
      "first_order_express at the threshold",
      { firstOrder: true, expressShipping: true, totalCents: 50_000, paidOrdersCounted: 0 },
      ["first_order_express"],
    ],
    ["first order, standard shipping", { firstOrder: true, totalCents: 50_000, paidOrdersCounted: 0 }, []],
    [
      "first order, express, below the threshold",
      { firstOrder: true, expressShipping: true, totalCents: 49_999, paidOrdersCounted: 0 },
      [],
    ],
    ["failed_attempts at 2 declines", { failedAttempts: 2 }, ["failed_attempts"]],
    ["failed_attempts at 1 decline", { failedAttempts: 1 }, []],
  ] as const)("%s", (_name, inputs, rules) => {
    expect(rulesOf(inputs)).toEqual(rules);
  });

  it("holds at the threshold score, with every reason for the seller", () => {
    const risky = scoreOrder({ ...calm, ordersByEmail: 4, billingCountry: "FR", failedAttempts: 2 });
    expect(risky.score).toBe(
      DEFAULT_RISK_THRESHOLDS.velocityPoints +
        DEFAULT_RISK_THRESHOLDS.countryMismatchPoints +
        DEFAULT_RISK_THRESHOLDS.failedAttemptsPoints,
    );
    expect(risky.hold).toBe(true);
    expect(risky.reasons.map((reason) => reason.message)).toEqual([
      "4 orders from this email in the last 60 minutes (3 or more is unusual).",
      "The billing country (FR) differs from the shipping country (US).",
      "2 declined payment attempts from this email in the last 60 minutes (2 or more is unusual).",
    ]);
    // Two strong signals reach the default threshold of 80; velocity on top of one does not.
    expect(scoreOrder({ ...calm, billingCountry: "FR", failedAttempts: 2 }).hold).toBe(true);
    expect(scoreOrder({ ...calm, ordersByEmail: 4, billingCountry: "FR" }).hold).toBe(false);
    expect(scoreOrder({ ...calm, ordersByEmail: 4 }, { ...DEFAULT_RISK_THRESHOLDS, holdAtScore: 20 }).hold).toBe(true);
  });

  it("a demo store's busy test card, address and email are scored but not held by default", () => {
    const busy = scoreOrder({ ...calm, ordersByEmail: 9, ordersByIp: 9, ordersByCard: 9 });
    expect(busy.reasons.map((reason) => reason.rule)).toEqual(["email_velocity", "ip_velocity", "card_velocity"]);
    expect(busy).toMatchObject({ score: 60, hold: false });
  });

  it("a rule worth 0 points is off: it neither counts nor shows", () => {
    const off = { ...DEFAULT_RISK_THRESHOLDS, countryMismatchPoints: 0, holdAtScore: 1 };
    expect(scoreOrder({ ...calm, billingCountry: "FR" }, off)).toEqual({ score: 0, reasons: [], hold: false });
  });
});
