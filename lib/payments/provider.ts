// The choice of the active payment provider. Two implementations: Stripe (a hosted
// Checkout Session) when STRIPE_SECRET_KEY is set, otherwise, in demo mode only (lib/ops/store-mode.ts),
// the built-in test provider, so a demo store takes (pretend) payments out of the box. A production store
// without Stripe has no provider: checkout refuses to place orders rather than fall back to pretend
// payments. Both providers confirm orders through the one idempotent markOrderPaid. What a provider does
// is ./provider-contract.ts: the providers import that, never this registry.
import { UserError } from "@/lib/errors";
import { isDemoMode } from "@/lib/ops/store-mode";
import type { PaymentProvider, PaymentProviderId } from "./provider-contract";
import { stripePaymentProvider } from "./stripe";
import { stripeIsConfigured, type StripeEnv } from "./stripe-client";
import { testPaymentProvider } from "./test-provider";

/** Stripe when STRIPE_SECRET_KEY is set, else the test provider in demo mode; null: this store cannot take payments. */
export function activePaymentProvider(env: StripeEnv = process.env): PaymentProvider | null {
  if (stripeIsConfigured(env)) return stripePaymentProvider;
  return isDemoMode(env) ? testPaymentProvider : null;
}

export const PAYMENTS_UNAVAILABLE_MESSAGE =
  "This store cannot take payments right now, so no order was placed and nothing was charged. Please try again later.";

/** The active provider, or a UserError (code payments_unavailable) to refuse checkout before anything is written. */
export function requirePaymentProvider(env: StripeEnv = process.env): PaymentProvider {
  const provider = activePaymentProvider(env);
  if (!provider) throw new UserError("payments_unavailable", PAYMENTS_UNAVAILABLE_MESSAGE);
  return provider;
}

/**
 * The provider that took a given payment: refunds go back the way the money came, whatever is active now
 * (refunding or cancelling a TEST payment still works in production mode: it moves no money).
 */
export function paymentProviderFor(id: PaymentProviderId): PaymentProvider {
  return id === "STRIPE" ? stripePaymentProvider : testPaymentProvider;
}
