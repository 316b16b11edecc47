// What the Stripe webhook hands the store's risk score (lib/checkout/stripe-webhook.ts stripeRiskSignals):
// the charge's card fingerprint and billing country when the event carries the expanded charge, else the
// billing address Checkout collected, and nothing it does not know.
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { stripeRiskSignals } from "@/lib/checkout/stripe-webhook";

const session = (fields: Record<string, unknown>) =>
  ({ id: "cs_test_1", ...fields }) as unknown as Stripe.Checkout.Session;

describe("stripeRiskSignals", () => {
  it("reads the expanded charge: payment_method_details.card.fingerprint and billing_details.address.country", () => {
    const signals = stripeRiskSignals(
      session({
        customer_details: { address: { country: "US" } },
        payment_intent: {
          id: "pi_1",
          latest_charge: {
            id: "ch_1",
            payment_method_details: { card: { fingerprint: "Xt5EWLLDS7FJjR1c" } },
            billing_details: { address: { country: "DE" } },
          },
        },
      }),
    );
    expect(signals).toEqual({ cardFingerprint: "Xt5EWLLDS7FJjR1c", billingCountry: "DE" });
  });

  it("falls back to the session's customer_details.address.country; no fingerprint without the charge", () => {
    expect(
      stripeRiskSignals(session({ customer_details: { address: { country: "FR" } }, payment_intent: "pi_1" })),
    ).toEqual({
      cardFingerprint: null,
      billingCountry: "FR",
    });
    expect(stripeRiskSignals(session({ customer_details: null, payment_intent: null }))).toEqual({
      cardFingerprint: null,
      billingCountry: null,
    });
  });
});
