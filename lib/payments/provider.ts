// The payment provider interface and the choice of the active one. Two implementations: Stripe (a hosted
// Checkout Session) when STRIPE_SECRET_KEY is set, otherwise, in demo mode only (lib/ops/store-mode.ts),
// the built-in test provider, so a demo store takes (pretend) payments out of the box. A production store
// without Stripe has no provider: checkout refuses to place orders rather than fall back to pretend
// payments. Both providers confirm orders through the one idempotent markOrderPaid.
//
// Rule for every implementation: no network call inside a database transaction. Read, call the
// provider, then write: a slow provider must never hold row locks that checkouts are waiting for.
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { isDemoMode } from "@/lib/ops/store-mode";
import type { PaymentProvider as PaymentProviderId, RefundStatus } from "@/lib/generated/prisma/enums";
import type { RefundOutcome, RefundRequest } from "./refunds";
import { stripePaymentProvider } from "./stripe";
import { stripeIsConfigured, type StripeEnv } from "./stripe-client";
import { testPaymentProvider } from "./test-provider";

export type { PaymentProviderId };

export interface StartPaymentUrls {
  /** Where the provider sends the shopper after paying (absolute URL for Stripe). */
  successUrl: string;
  /** Where the provider sends the shopper who gives up (absolute URL for Stripe). */
  cancelUrl: string;
}

export interface StartedPayment {
  /** Send the shopper's browser here: Stripe's hosted page or the built-in test payment page. */
  redirectUrl: string;
  paymentId: string;
}

export interface PaymentProvider {
  id: PaymentProviderId;
  /** Throws UserError when the order cannot be paid now (already paid, cancelled, stock no longer held). */
  startPayment(db: Db, orderId: string, urls: StartPaymentUrls): Promise<StartedPayment>;
  /**
   * Starts the payment of a dearer exchange's difference (lib/orders/returns-difference.ts confirms it).
   * Throws UserError when nothing is due now. Reuses an open payment of the return instead of a second.
   */
  startDifferencePayment(db: Db, returnId: string, urls: StartPaymentUrls): Promise<StartedPayment>;
  /** Idempotent per requestKey: a retried request returns the first refund and never refunds twice. */
  refund(db: Db, request: RefundRequest): Promise<RefundOutcome>;
  /**
   * Asks the provider where a PENDING refund it already acknowledged stands, and settles it from the
   * answer. Only providers whose refunds can stay pending there (Stripe) have it.
   */
  refreshRefund?(db: Db, refundId: string): Promise<RefundStatus>;
  /**
   * Closes an unpaid payment of a cancelled order at the provider (Stripe: expires the Checkout Session),
   * so the shopper can no longer pay it. Idempotent. A payment that completed meanwhile is left alone:
   * markOrderPaid refunds money that arrives for a cancelled order.
   */
  cancelPayment(db: Db, paymentId: string): Promise<"cancelled" | "not_open">;
}

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
