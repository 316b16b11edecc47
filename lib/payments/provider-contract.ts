// What a payment provider does, apart from which one is active: the providers (./stripe.ts,
// ./test-provider.ts) implement it and the registry (./provider.ts) picks one. Kept apart from the registry
// so the providers never import the file that imports them.
//
// Rule for every implementation: no network call inside a database transaction. Read, call the
// provider, then write: a slow provider must never hold row locks that checkouts are waiting for.
import type { Db } from "@/lib/db";
import type { PaymentProvider as PaymentProviderId, RefundStatus } from "@/lib/generated/prisma/enums";
import type { RefundOutcome, RefundRequest } from "./refunds";

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
