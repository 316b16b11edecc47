// Stripe through a hosted Checkout Session: the card form lives on Stripe's page (the smallest PCI
// scope, no Stripe.js on our pages), and the order is confirmed only by the signed webhook
// (./stripe-webhook.ts), never by the success page.
import type Stripe from "stripe";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import type { RefundStatus } from "@/lib/generated/prisma/enums";
import { extendReservations } from "@/lib/inventory/reservations";
import { loadPayableOrder, type PayableOrder } from "./payable-order";
import type { PaymentProvider, StartedPayment, StartPaymentUrls } from "./provider-contract";
import {
  performRefund,
  refreshPendingRefund,
  SavedServerError,
  type ProviderRefundResult,
  type RefundOutcome,
  type RefundRequest,
} from "./refunds";
import { stripeClient } from "./stripe-client";
import { startCheckoutSession, type SessionPayable } from "./stripe-checkout-session";
import { startStripeDifferencePayment } from "./stripe-difference";
import { checkoutSessionExpiry } from "./stripe-session-expiry";

// ---------------------------------------------------------------------------------------------
// Line items (pure)

export interface CheckoutLineItem {
  name: string;
  /** Per unit, integer minor units. */
  unitAmountCents: number;
  quantity: number;
}

function lineName(line: PayableOrder["lines"][number]): string {
  return line.variantTitle ? `${line.title} – ${line.variantTitle}` : line.title;
}

/**
 * The order as Stripe line items whose sum is exactly the order total: each order line at its
 * discounted amount, then shipping and tax. Stripe multiplies unit amount by quantity, so a line whose
 * discounted amount does not divide evenly by its quantity becomes one item "name × qty" at the line
 * amount (never a rounded unit price). Zero-amount items (free shipping, no tax) are left out.
 */
export function checkoutLineItems(
  order: Pick<PayableOrder, "lines" | "shippingCents" | "taxCents" | "shippingMethodName" | "totalCents">,
): CheckoutLineItem[] {
  const items: CheckoutLineItem[] = [];
  for (const line of order.lines) {
    const amount = line.unitPriceCents * line.quantity - line.discountCents;
    if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`order line amount is invalid: ${amount}`);
    if (amount === 0) continue;
    if (amount % line.quantity === 0) {
      items.push({ name: lineName(line), unitAmountCents: amount / line.quantity, quantity: line.quantity });
    } else {
      items.push({ name: `${lineName(line)} × ${line.quantity}`, unitAmountCents: amount, quantity: 1 });
    }
  }
  if (order.shippingCents > 0) {
    items.push({ name: `Shipping (${order.shippingMethodName})`, unitAmountCents: order.shippingCents, quantity: 1 });
  }
  if (order.taxCents > 0) items.push({ name: "Tax", unitAmountCents: order.taxCents, quantity: 1 });
  const sum = items.reduce((total, item) => total + item.unitAmountCents * item.quantity, 0);
  if (sum !== order.totalCents) {
    throw new Error(`checkout line items sum to ${sum} but the order total is ${order.totalCents}`);
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Session expiry (pure)

export { checkoutSessionExpiry };

export function checkoutIdempotencyKey(orderId: string, attempt: number, expiresAt: Date): string {
  return `checkout-session:${orderId}:${attempt}:${Math.floor(expiresAt.getTime() / 1000)}`;
}

// ---------------------------------------------------------------------------------------------
// Starting a payment

/** The order as Stripe is asked to charge it. */
export function orderPayable(order: PayableOrder): SessionPayable {
  return {
    orderId: order.id,
    email: order.email,
    amountCents: order.totalCents,
    currency: order.currency,
    lineItems: checkoutLineItems(order),
    metadata: { orderId: order.id, orderNumber: String(order.number) },
    description: `Order #${order.number}`,
    holdUntil: order.reservationExpiresAt,
  };
}

async function startPayment(db: Db, orderId: string, urls: StartPaymentUrls): Promise<StartedPayment> {
  const now = new Date();
  const order = await loadPayableOrder(db, orderId, now);
  if (order.totalCents <= 0) {
    throw new UserError("nothing_to_pay", "This order has nothing to pay, so it cannot go through card payment.");
  }
  return startCheckoutSession(db, orderPayable(order), {
    urls,
    now,
    paidMessage: "We have received your payment and are confirming your order.",
    idempotencyKey: (attempt, expiresAt) => checkoutIdempotencyKey(order.id, attempt, expiresAt),
    // The stock stays held for as long as the shopper can pay on Stripe's page: Stripe will not expire
    // a session sooner than 30 minutes, and a payment arriving after the reservation lapsed would have
    // to be refunded if the stock sold meanwhile. So the order's ACTIVE reservations now expire exactly
    // with the session (usually extending a 15-minute hold to about 31 minutes).
    extendHold: (tx, sessionExpiresAt) => extendReservations(tx, order.id, sessionExpiresAt),
  });
}

// ---------------------------------------------------------------------------------------------
// Refunds

function refundStatus(status: string | null): RefundStatus {
  if (status === "succeeded") return "SUCCEEDED";
  if (status === "failed" || status === "canceled") return "FAILED";
  return "PENDING";
}

/**
 * A 400/404 whose error type is invalid_request_error: Stripe validated the request and refused it,
 * creating nothing (and saving no idempotent result). Server errors (api_error, whatever the status),
 * rate limits, idempotency conflicts and network failures are not definitive: those are retried with the
 * same key.
 */
function isDefinitiveRefusal(error: unknown): boolean {
  const stripeError = error as { type?: string; rawType?: string; statusCode?: number; code?: string } | null;
  return (
    stripeError?.type === "StripeInvalidRequestError" &&
    stripeError.rawType === "invalid_request_error" &&
    (stripeError.statusCode === 400 || stripeError.statusCode === 404) &&
    stripeError.code !== "rate_limit" &&
    stripeError.code !== "lock_timeout"
  );
}

/**
 * Stripe's `reason` parameter accepts only duplicate, fraudulent and requested_by_customer. Our reasons
 * are codes optionally followed by ": a note" (the seller's refund form); others are left out.
 */
export function stripeRefundReason(reason: string): Stripe.RefundCreateParams.Reason | undefined {
  const code = reason.split(":", 1)[0]?.trim();
  if (code === "duplicate_payment" || code === "duplicate") return "duplicate";
  if (code === "fraudulent") return "fraudulent";
  if (code === "requested_by_customer") return "requested_by_customer";
  return undefined;
}

/** A server error Stripe answered (api_error, any 5xx): saved under the idempotency key and replayed. */
function isSavedServerError(error: unknown): boolean {
  const stripeError = error as { type?: string; statusCode?: number } | null;
  return (
    stripeError?.type === "StripeAPIError" ||
    (typeof stripeError?.statusCode === "number" && stripeError.statusCode >= 500)
  );
}

function resultOf(refund: Stripe.Refund): ProviderRefundResult {
  return { providerRef: refund.id, status: refundStatus(refund.status), failureReason: refund.failure_reason ?? null };
}

/** The refund Stripe made for our refund row under any key, found by the refund id in its metadata. */
async function findMadeRefund(paymentIntent: string, refundId: string): Promise<Stripe.Refund | null> {
  for await (const made of stripeClient().refunds.list({ payment_intent: paymentIntent, limit: 100 })) {
    if (made.metadata?.refundId === refundId) return made;
  }
  return null;
}

async function refund(db: Db, request: RefundRequest): Promise<RefundOutcome> {
  return performRefund(db, "STRIPE", request, async (claimed, payment) => {
    if (!payment.paymentIntentRef) {
      throw new Error(`Stripe payment ${payment.id} has no PaymentIntent to refund (was it ever paid?)`);
    }
    // An earlier key got a saved server error: if that request made the refund after all, it is this one.
    if (claimed.keyGeneration > 0) {
      const made = await findMadeRefund(payment.paymentIntentRef, claimed.id);
      if (made) return resultOf(made);
    }
    const reason = stripeRefundReason(claimed.reason);
    let created: Stripe.Refund;
    try {
      created = await stripeClient().refunds.create(
        {
          payment_intent: payment.paymentIntentRef,
          amount: claimed.amountCents,
          ...(reason ? { reason } : {}),
          metadata: {
            orderId: payment.orderId,
            paymentId: payment.id,
            refundId: claimed.id,
            reason: claimed.reason.slice(0, 500),
          },
        },
        { idempotencyKey: claimed.providerKey },
      );
    } catch (error) {
      if (isDefinitiveRefusal(error)) {
        // Stripe refused the request itself (e.g. more than the charge has left): no refund exists there,
        // so the claim fails now and its amount is refundable again, instead of being retried for hours.
        const refusal = error as { code?: string; message?: string };
        return {
          providerRef: null,
          status: "FAILED",
          failureReason: refusal.code ?? refusal.message ?? "invalid_request",
        };
      }
      if (isSavedServerError(error)) {
        throw new SavedServerError(`Stripe answered a server error to refund ${claimed.id}`, { cause: error });
      }
      throw error;
    }
    return resultOf(created);
  });
}

/** A refund Stripe reported as pending: where it stands now. */
async function refreshRefund(db: Db, refundId: string): Promise<RefundStatus> {
  return refreshPendingRefund(db, refundId, async ({ providerRef }) =>
    resultOf(await stripeClient().refunds.retrieve(providerRef)),
  );
}

// ---------------------------------------------------------------------------------------------
// Cancelling an unpaid session (the seller cancelled the order)

async function cancelPayment(db: Db, paymentId: string): Promise<"cancelled" | "not_open"> {
  const payment = await db.payment.findUnique({
    where: { id: paymentId },
    select: { provider: true, providerRef: true },
  });
  if (!payment?.providerRef || payment.provider !== "STRIPE") return "not_open";
  const stripe = stripeClient();
  try {
    await stripe.checkout.sessions.expire(
      payment.providerRef,
      {},
      { idempotencyKey: `expire-session:${payment.providerRef}` },
    );
    return "cancelled";
  } catch (error) {
    // Stripe refuses to expire a session that is no longer open (paid, or expired already): look.
    const session = await stripe.checkout.sessions.retrieve(payment.providerRef).catch(() => null);
    if (session && session.status !== "open") return "not_open";
    throw error;
  }
}

export const stripePaymentProvider: PaymentProvider = {
  id: "STRIPE",
  startPayment,
  startDifferencePayment: (db, returnId, urls) => startStripeDifferencePayment(db, returnId, urls),
  refund,
  refreshRefund,
  cancelPayment,
};
