// What the Stripe webhook hands the store's risk score (lib/checkout/stripe-risk-signals.ts cardSignalsOf):
// the charge's card fingerprint and billing country when there is a charge, else the billing address
// Checkout collected, and nothing it does not know. Reading the charge from the API is covered against
// the Stripe stand-in in tests/integration/stripe-payments.test.ts.
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { cardSignalsOf } from "@/lib/checkout/stripe-risk-signals";

const session = (fields: Record<string, unknown>) =>
  ({ id: "cs_test_1", ...fields }) as unknown as Stripe.Checkout.Session;
const charge = (fields: Record<string, unknown>) => ({ id: "ch_1", ...fields }) as unknown as Stripe.Charge;

describe("cardSignalsOf", () => {
  it("reads the charge: payment_method_details.card.fingerprint and billing_details.address.country", () => {
    const signals = cardSignalsOf(
      session({ customer_details: { address: { country: "US" } }, payment_intent: "pi_1" }),
      charge({
        payment_method_details: { card: { fingerprint: "Xt5EWLLDS7FJjR1c" } },
        billing_details: { address: { country: "DE" } },
      }),
    );
    expect(signals).toEqual({ cardFingerprint: "Xt5EWLLDS7FJjR1c", billingCountry: "DE" });
  });

  it("falls back to the session's customer_details.address.country; no fingerprint without the charge", () => {
    expect(
      cardSignalsOf(session({ customer_details: { address: { country: "FR" } }, payment_intent: "pi_1" }), null),
    ).toEqual({ cardFingerprint: null, billingCountry: "FR" });
    expect(cardSignalsOf(session({ customer_details: null, payment_intent: null }), null)).toEqual({
      cardFingerprint: null,
      billingCountry: null,
    });
  });
});
