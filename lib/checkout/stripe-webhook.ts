// Stripe webhook events after their signature was verified (app/api/webhooks/stripe/route.ts). Here, above
// lib/orders and lib/payments, because a payment event completes or fails the checkout: it marks the order
// paid (or its payment failed) and hands refund events to lib/payments.
//
// Each event id is recorded once (WebhookEvent, unique provider + eventId) before anything happens:
//   - a new event is processed;
//   - a duplicate of a PROCESSED event is answered 200 and does nothing;
//   - a duplicate of a RECEIVED or FAILED one is processed again. That is safe because every handler is
//     idempotent (markOrderPaid and markPaymentFailed lock the order row and check its state), and it is
//     what lets Stripe's retry of a failed delivery succeed.
// Then one handler per allow-listed type; other types are acknowledged and ignored. A handler does at
// most one short transaction: refunds (a network call) are left to the outbox worker, so Stripe gets
// its answer quickly. A throwing handler marks the event FAILED and answers 500, so Stripe retries.
//
// Fraud: review.opened (Stripe Radar) holds the order from shipping until the seller resolves the review;
// review.closed as approved releases it (lib/orders/review-hold.ts).
//
// Refunds: refund.created / refund.updated / refund.failed record the refund's status on our Refund row
// (lib/payments/stripe-refund-webhook.ts): a refund that fails, even after it succeeded, gives the amount back to
// "refundable" and shows in the seller's timeline.
//
// Out-of-order delivery: a failure or expiry that arrives after the success changes nothing
// (markPaymentFailed ignores orders that are no longer pending and payments that succeeded), and a
// success that arrives after an expiry re-reserves from free stock or, when the stock is gone, cancels
// and refunds the order (markOrderPaid's needs_refund).
import type Stripe from "stripe";
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import { markOrderPaid, type MarkOrderPaidResult } from "@/lib/orders/mark-paid";
import { markPaymentFailed } from "@/lib/orders/payment-failed";
import { markExchangeDifferencePaid } from "@/lib/orders/returns-difference";
import { closeReviewSignal, holdForReview } from "@/lib/orders/review-hold";
import { describeError } from "@/lib/errors";
import { STRIPE_REFUND_EVENT_TYPES, syncStripeRefund } from "@/lib/payments/stripe-refund-webhook";
import { stripeRiskSignals } from "./stripe-risk-signals";

export const STRIPE_WEBHOOK_PROVIDER = "stripe";

export const HANDLED_STRIPE_EVENT_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "payment_intent.payment_failed",
  "review.opened",
  "review.closed",
  ...STRIPE_REFUND_EVENT_TYPES,
] as const;

export type HandledStripeEventType = (typeof HANDLED_STRIPE_EVENT_TYPES)[number];

type HandledEvent = Extract<Stripe.Event, { type: HandledStripeEventType }>;

export interface StripeEventResult {
  /** HTTP status for Stripe: 2xx stops its retries, 5xx asks for a retry. */
  status: 200 | 500;
  body: { received: true; outcome: string } | { error: string };
}

/** What a handler did, for the response, the logs and the WebhookEvent row. */
interface HandlerOutcome {
  outcome: string;
  /** Recorded on the WebhookEvent (as lastError) when the event was refused, e.g. an amount mismatch. */
  note?: string;
}

function isHandled(event: Stripe.Event): event is HandledEvent {
  return (HANDLED_STRIPE_EVENT_TYPES as readonly string[]).includes(event.type);
}

function orderIdOf(object: { metadata: Stripe.Metadata | null; client_reference_id?: string | null }): string | null {
  return object.metadata?.orderId || object.client_reference_id || null;
}

function paymentIntentId(session: Stripe.Checkout.Session): string | null {
  const intent = session.payment_intent;
  if (!intent) return null;
  return typeof intent === "string" ? intent : intent.id;
}

// ---------------------------------------------------------------------------------------------
// Handlers

async function confirmPaid(db: Db, event: HandledEvent, session: Stripe.Checkout.Session): Promise<HandlerOutcome> {
  const orderId = orderIdOf(session);
  if (!orderId) return { outcome: "ignored_no_order" };
  if (session.amount_total === null || !session.currency) {
    return { outcome: "rejected", note: "session without amount_total or currency" };
  }
  // The difference of a dearer exchange (lib/payments/stripe-difference.ts), not the order's own payment.
  if (session.metadata?.returnId) {
    const paid = await markExchangeDifferencePaid(db, {
      provider: "STRIPE",
      providerRef: session.id,
      paymentIntentRef: paymentIntentId(session),
      amountCents: session.amount_total,
      currency: session.currency.toUpperCase(),
      paidAt: new Date(event.created * 1000),
    });
    return paid.outcome === "rejected"
      ? { outcome: `rejected_${paid.reason}`, note: `the exchange difference was refused: ${paid.reason}` }
      : { outcome: paid.outcome };
  }
  const result = await markOrderPaid(db, {
    orderId,
    provider: "STRIPE",
    providerRef: session.id,
    amountCents: session.amount_total,
    // Stripe sends lower-case ISO codes; the store keeps upper-case ones.
    currency: session.currency.toUpperCase(),
    paymentIntentRef: paymentIntentId(session),
    riskSignals: await stripeRiskSignals(db, orderId, session),
  });
  if (result.outcome === "rejected") await recordRejection(db, event, session, result);
  // needs_refund: markOrderPaid already queued "payment.refund_required" in its transaction (also for a
  // payment it refused for its amount, currency or order: lib/orders/refused-payment.ts); the outbox
  // worker makes the refund (lib/payments/refund-required.ts) with the key it recorded.
  return result.outcome === "rejected"
    ? { outcome: `rejected_${result.reason}`, note: `markOrderPaid rejected the payment: ${result.reason}` }
    : { outcome: result.outcome };
}

/** A verified payment that does not match its order and has nothing to give back: the seller must see it. */
async function recordRejection(
  db: Db,
  event: HandledEvent,
  session: Stripe.Checkout.Session,
  result: Extract<MarkOrderPaidResult, { outcome: "rejected" }>,
): Promise<void> {
  if (result.reason === "unknown_order") return;
  const already = await db.orderEvent.findFirst({
    where: { orderId: result.orderId, type: "payment_rejected", data: { path: ["eventId"], equals: event.id } },
    select: { id: true },
  });
  if (already) return;
  await db.orderEvent.create({
    data: {
      orderId: result.orderId,
      type: "payment_rejected",
      public: false,
      message: `A Stripe payment did not match this order (${result.reason.replaceAll("_", " ")}) and was not applied. Check it in the Stripe dashboard.`,
      data: {
        eventId: event.id,
        sessionId: session.id,
        amountCents: session.amount_total,
        currency: session.currency,
        reason: result.reason,
      },
    },
  });
}

/** A delayed payment method (bank debit, voucher) was submitted; its outcome arrives later. */
async function recordAsyncPending(db: Db, session: Stripe.Checkout.Session): Promise<HandlerOutcome> {
  const orderId = orderIdOf(session);
  if (!orderId) return { outcome: "ignored_no_order" };
  return runTransaction(db, async (tx) => {
    const order = await tx.order.findUnique({ where: { id: orderId }, select: { id: true, status: true } });
    if (!order) return { outcome: "ignored_unknown_order" };
    const intent = paymentIntentId(session);
    if (intent) {
      await tx.payment.updateMany({
        where: { provider: "STRIPE", providerRef: session.id, orderId: order.id },
        data: { paymentIntentRef: intent },
      });
    }
    if (order.status !== "PENDING_PAYMENT") return { outcome: "ignored_not_pending" };
    const already = await tx.orderEvent.findFirst({
      where: { orderId: order.id, type: "payment_processing", data: { path: ["sessionId"], equals: session.id } },
      select: { id: true },
    });
    if (!already) {
      await tx.orderEvent.create({
        data: {
          orderId: order.id,
          type: "payment_processing",
          message: "Your payment is being processed. We will confirm your order as soon as it clears.",
          data: { sessionId: session.id, paymentIntent: intent },
        },
      });
    }
    return { outcome: "async_payment_pending" };
  });
}

/**
 * The session's payment failed for good or the session expired: release the stock at once, unless the
 * order has moved on to another, still open session (the shopper started paying again), whose stock
 * must stay held. Never touches a paid order.
 */
async function releaseForSession(
  db: Db,
  session: Stripe.Checkout.Session,
  reason: "async_payment_failed" | "checkout_session_expired",
): Promise<HandlerOutcome> {
  const orderId = orderIdOf(session);
  if (!orderId) return { outcome: "ignored_no_order" };
  const closedStatus = reason === "checkout_session_expired" ? "EXPIRED" : "FAILED";
  // An exchange difference's session: its hold lasts until the return's differenceDueBy whatever happens
  // to one session (lib/orders/returns-difference.ts releases it then); only the payment row closes.
  if (session.metadata?.returnId) {
    await db.payment.updateMany({
      where: { provider: "STRIPE", providerRef: session.id, status: "PENDING" },
      data: { status: closedStatus, failureReason: reason },
    });
    return { outcome: "difference_session_closed" };
  }
  const newerOpen = await db.payment.findFirst({
    where: {
      orderId,
      provider: "STRIPE",
      status: "PENDING",
      providerRef: { not: session.id },
      expiresAt: { gt: new Date() },
    },
    select: { id: true },
  });
  if (newerOpen) {
    await db.payment.updateMany({
      where: { provider: "STRIPE", providerRef: session.id, status: "PENDING" },
      data: { status: closedStatus, failureReason: reason },
    });
    return { outcome: "superseded" };
  }
  const result = await markPaymentFailed(db, { orderId, reason, provider: "STRIPE", providerRef: session.id });
  if (result.outcome === "released" && closedStatus === "EXPIRED") {
    // markPaymentFailed records FAILED; an expiry is the more precise word for the seller.
    await db.payment.updateMany({
      where: { provider: "STRIPE", providerRef: session.id, status: "FAILED" },
      data: { status: "EXPIRED" },
    });
  }
  return { outcome: result.outcome === "released" ? "released" : `ignored_${result.reason}` };
}

/**
 * One failed attempt on the hosted page (a declined card). This does NOT release the stock: the shopper
 * is still on Stripe's page and may retry with another card in the same session. What releases is the
 * session ending without payment (checkout.session.expired or async_payment_failed). The attempt is
 * recorded on the order's timeline for the seller.
 */
async function recordFailedAttempt(db: Db, event: HandledEvent, intent: Stripe.PaymentIntent): Promise<HandlerOutcome> {
  const orderId = intent.metadata?.orderId;
  if (!orderId) return { outcome: "ignored_no_order" };
  const order = await db.order.findUnique({ where: { id: orderId }, select: { id: true } });
  if (!order) return { outcome: "ignored_unknown_order" };
  const already = await db.orderEvent.findFirst({
    where: { orderId, type: "payment_attempt_failed", data: { path: ["eventId"], equals: event.id } },
    select: { id: true },
  });
  if (already) return { outcome: "attempt_recorded" };
  const error = intent.last_payment_error;
  await db.orderEvent.create({
    data: {
      orderId,
      type: "payment_attempt_failed",
      public: false,
      message: `A payment attempt failed${error?.message ? `: ${error.message.slice(0, 300)}` : ""}. The shopper may retry until the checkout session expires.`,
      data: {
        eventId: event.id,
        paymentIntent: intent.id,
        code: error?.code ?? null,
        declineCode: error?.decline_code ?? null,
      },
    },
  });
  return { outcome: "attempt_recorded" };
}

/**
 * Stripe Radar opened a review of a payment: the order is held from shipping until the seller resolves
 * it. The review names the PaymentIntent, which we learn when the Checkout Session completes; a review
 * that arrives first fails with 500, so Stripe delivers it again after the payment is recorded.
 */
async function holdForRadarReview(db: Db, review: Stripe.Review): Promise<HandlerOutcome> {
  const reviewed = await reviewedPayment(db, review);
  if (!reviewed) return { outcome: "ignored_no_payment_intent" };
  const outcome = await holdForReview(db, {
    orderId: reviewed.orderId,
    source: `stripe-review:${review.id}`,
    message: `Stripe Radar opened a review of this payment (${review.reason}).`,
    data: { provider: "STRIPE", reviewId: review.id, paymentIntent: reviewed.intent, reason: review.reason },
  });
  return { outcome: `review_${outcome}` };
}

/** The review was closed in Stripe: approved releases the hold (when nothing else holds the order). */
async function closeRadarReview(db: Db, review: Stripe.Review): Promise<HandlerOutcome> {
  const reviewed = await reviewedPayment(db, review);
  if (!reviewed) return { outcome: "ignored_no_payment_intent" };
  const reason = review.closed_reason ?? "closed";
  const outcome = await closeReviewSignal(db, {
    orderId: reviewed.orderId,
    source: `stripe-review:${review.id}`,
    approved: reason === "approved",
    message: `Stripe Radar closed its review of this payment (${reason.replaceAll("_", " ")}).`,
    data: { provider: "STRIPE", reviewId: review.id, paymentIntent: reviewed.intent, closedReason: reason },
  });
  return { outcome: `review_${outcome}` };
}

/** The order a review is about, through its PaymentIntent; throws (500, Stripe retries) when not recorded yet. */
async function reviewedPayment(db: Db, review: Stripe.Review): Promise<{ orderId: string; intent: string } | null> {
  const intent =
    typeof review.payment_intent === "string" ? review.payment_intent : (review.payment_intent?.id ?? null);
  if (!intent) return null;
  const payment = await db.payment.findFirst({
    where: { provider: "STRIPE", paymentIntentRef: intent },
    select: { orderId: true },
  });
  if (!payment) throw new Error(`review ${review.id}: no payment with PaymentIntent ${intent} recorded yet`);
  return { orderId: payment.orderId, intent };
}

async function dispatch(db: Db, event: HandledEvent): Promise<HandlerOutcome> {
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object;
      // "paid" for cards; "unpaid" when a delayed method was submitted and will report back later.
      if (session.payment_status === "unpaid") return recordAsyncPending(db, session);
      return confirmPaid(db, event, session);
    }
    case "checkout.session.async_payment_succeeded":
      return confirmPaid(db, event, event.data.object);
    case "checkout.session.async_payment_failed":
      return releaseForSession(db, event.data.object, "async_payment_failed");
    case "checkout.session.expired":
      return releaseForSession(db, event.data.object, "checkout_session_expired");
    case "payment_intent.payment_failed":
      return recordFailedAttempt(db, event, event.data.object);
    case "review.opened":
      return holdForRadarReview(db, event.data.object);
    case "review.closed":
      return closeRadarReview(db, event.data.object);
    case "refund.created":
    case "refund.updated":
    case "refund.failed":
      return syncStripeRefund(db, event.id, event.data.object);
  }
}

// ---------------------------------------------------------------------------------------------
// Recording

type Recorded = "new" | "retry" | "already_processed";

async function recordReceived(db: Db, event: HandledEvent): Promise<Recorded> {
  const inserted = await db.webhookEvent.createMany({
    data: [
      {
        provider: STRIPE_WEBHOOK_PROVIDER,
        eventId: event.id,
        type: event.type,
        payload: event as unknown as Prisma.InputJsonValue,
        attempts: 1,
      },
    ],
    // ON CONFLICT DO NOTHING: a duplicate delivery is told apart below without an aborted statement.
    skipDuplicates: true,
  });
  if (inserted.count === 1) return "new";
  const retried = await db.webhookEvent.updateMany({
    where: { provider: STRIPE_WEBHOOK_PROVIDER, eventId: event.id, status: { not: "PROCESSED" } },
    data: { attempts: { increment: 1 } },
  });
  return retried.count === 1 ? "retry" : "already_processed";
}

/** Records, dispatches and settles one verified event. Never throws: failures become a 500 answer. */
export async function handleStripeEvent(db: Db, event: Stripe.Event): Promise<StripeEventResult> {
  if (!isHandled(event)) return { status: 200, body: { received: true, outcome: "ignored_type" } };
  const where = { provider: STRIPE_WEBHOOK_PROVIDER, eventId: event.id };
  try {
    const recorded = await recordReceived(db, event);
    if (recorded === "already_processed") return { status: 200, body: { received: true, outcome: "duplicate" } };
    const result = await dispatch(db, event);
    await db.webhookEvent.updateMany({
      where,
      data: { status: "PROCESSED", processedAt: new Date(), lastError: result.note ?? null },
    });
    return { status: 200, body: { received: true, outcome: result.outcome } };
  } catch (error) {
    console.error(`stripe webhook ${event.id} (${event.type}) failed:`, error);
    await db.webhookEvent
      .updateMany({
        where: { ...where, status: { not: "PROCESSED" } },
        data: { status: "FAILED", lastError: describeError(error) },
      })
      .catch((recordError: unknown) =>
        console.error(`stripe webhook ${event.id}: could not record the failure:`, recordError),
      );
    return { status: 500, body: { error: "Processing failed; Stripe will retry." } };
  }
}
