// The store's own fraud risk score of an order at payment time: pure rules over inputs read before the
// paying transaction (no network call and no query here). Each rule that fires adds its points and a
// reason the seller reads on the admin order page; a score at or above the hold threshold holds the order
// for review exactly like a provider's review (a PaymentHold written by markOrderPaid's transaction).
//
// Rules (thresholds in RiskThresholds, meant to be stored in the store's risk settings):
//   order_value        the order's total is at least valueMultiple times the store's average paid order
//                      (not applied until the store has minOrdersForAverage paid orders to average);
//   email_velocity     at least maxOrdersPerEmail orders from this email in the last velocityWindowMinutes;
//   ip_velocity        the same per client address (when the order recorded one);
//   card_velocity      the same per card fingerprint (when the provider reported one);
//   country_mismatch   the billing country (when the provider reported one) differs from shipping;
//   first_order_express  the email's first order, with express shipping, totalling at least
//                      firstOrderExpressCents;
//   failed_attempts    at least maxFailedAttempts declined payment attempts from this email in the window.
//
// The defaults hold an order only when two strong signals meet (a foreign card and declined attempts, an
// unusual value and a foreign card...) or when velocity comes on top of one: busy shoppers and a demo
// store paying every order with the same test card from one address are scored, not held.

export interface RiskThresholds {
  /** Score at or above which the order is held for review. */
  holdAtScore: number;
  /** Percent of the average order: 300 = three times the average. */
  valueMultiplePercent: number;
  minOrdersForAverage: number;
  valuePoints: number;
  velocityWindowMinutes: number;
  maxOrdersPerEmail: number;
  maxOrdersPerIp: number;
  maxOrdersPerCard: number;
  velocityPoints: number;
  countryMismatchPoints: number;
  firstOrderExpressCents: number;
  firstOrderExpressPoints: number;
  maxFailedAttempts: number;
  failedAttemptsPoints: number;
}

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  holdAtScore: 80,
  valueMultiplePercent: 300,
  minOrdersForAverage: 10,
  valuePoints: 40,
  velocityWindowMinutes: 60,
  maxOrdersPerEmail: 3,
  maxOrdersPerIp: 5,
  maxOrdersPerCard: 3,
  velocityPoints: 20,
  countryMismatchPoints: 40,
  firstOrderExpressCents: 50_000,
  firstOrderExpressPoints: 40,
  maxFailedAttempts: 2,
  failedAttemptsPoints: 40,
};

export interface RiskInputs {
  totalCents: number;
  currency: string;
  /** The store's average paid order in this currency, and how many orders it averages. */
  averageOrderCents: number | null;
  paidOrdersCounted: number;
  /** Orders in the velocity window, this one included; null when the signal is unknown. */
  ordersByEmail: number;
  ordersByIp: number | null;
  ordersByCard: number | null;
  shippingCountry: string;
  billingCountry: string | null;
  /** No earlier order of this email was paid. */
  firstOrder: boolean;
  expressShipping: boolean;
  /** Declined payment attempts from this email in the velocity window. */
  failedAttempts: number;
}

export const RISK_RULES = [
  "order_value",
  "email_velocity",
  "ip_velocity",
  "card_velocity",
  "country_mismatch",
  "first_order_express",
  "failed_attempts",
] as const;

export type RiskRule = (typeof RISK_RULES)[number];

export interface RiskReason {
  rule: RiskRule;
  points: number;
  /** One sentence for the seller. */
  message: string;
}

export interface RiskAssessment {
  score: number;
  reasons: RiskReason[];
  hold: boolean;
}

export function scoreOrder(inputs: RiskInputs, thresholds: RiskThresholds = DEFAULT_RISK_THRESHOLDS): RiskAssessment {
  const reasons: RiskReason[] = [];
  const window = `the last ${thresholds.velocityWindowMinutes} minutes`;
  if (
    inputs.averageOrderCents !== null &&
    inputs.averageOrderCents > 0 &&
    inputs.paidOrdersCounted >= thresholds.minOrdersForAverage &&
    inputs.totalCents * 100 >= inputs.averageOrderCents * thresholds.valueMultiplePercent
  ) {
    const times = (inputs.totalCents / inputs.averageOrderCents).toFixed(1);
    reasons.push({
      rule: "order_value",
      points: thresholds.valuePoints,
      message: `The order is worth ${times} times the store's average order.`,
    });
  }
  const velocity: [RiskRule, number | null, number, string][] = [
    ["email_velocity", inputs.ordersByEmail, thresholds.maxOrdersPerEmail, "this email"],
    ["ip_velocity", inputs.ordersByIp, thresholds.maxOrdersPerIp, "this client address"],
    ["card_velocity", inputs.ordersByCard, thresholds.maxOrdersPerCard, "this card"],
  ];
  for (const [rule, count, max, who] of velocity) {
    if (count !== null && count >= max) {
      reasons.push({
        rule,
        points: thresholds.velocityPoints,
        message: `${count} orders from ${who} in ${window} (${max} or more is unusual).`,
      });
    }
  }
  if (inputs.billingCountry && inputs.billingCountry.toUpperCase() !== inputs.shippingCountry.toUpperCase()) {
    reasons.push({
      rule: "country_mismatch",
      points: thresholds.countryMismatchPoints,
      message: `The billing country (${inputs.billingCountry.toUpperCase()}) differs from the shipping country (${inputs.shippingCountry.toUpperCase()}).`,
    });
  }
  if (inputs.firstOrder && inputs.expressShipping && inputs.totalCents >= thresholds.firstOrderExpressCents) {
    reasons.push({
      rule: "first_order_express",
      points: thresholds.firstOrderExpressPoints,
      message: "A first order from this email, with express shipping, above the store's threshold.",
    });
  }
  if (inputs.failedAttempts >= thresholds.maxFailedAttempts) {
    reasons.push({
      rule: "failed_attempts",
      points: thresholds.failedAttemptsPoints,
      message: `${inputs.failedAttempts} declined payment attempts from this email in ${window} (${thresholds.maxFailedAttempts} or more is unusual).`,
    });
  }
  // A rule worth 0 points is switched off: it neither counts nor shows.
  const fired = reasons.filter((reason) => reason.points > 0);
  const score = fired.reduce((sum, reason) => sum + reason.points, 0);
  return { score, reasons: fired, hold: fired.length > 0 && score >= thresholds.holdAtScore };
}
