// One hosted Checkout Session for what a shopper pays: checkout's order (./stripe.ts) or the difference of a
// dearer exchange (./stripe-difference.ts). Both take the same steps: reuse the open session of an earlier
// attempt, else create one (an idempotency key per attempt, an expiry aligned with the hold) and record it
// as a PENDING Payment while keeping the hold open as long as Stripe's page can take the payment.
import type Stripe from "stripe";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { isUniqueViolation, runTransaction, type Tx } from "@/lib/db/transaction";
import type { StartedPayment, StartPaymentUrls } from "./provider-contract";
import { checkoutSessionExpiry, reusableSessionExpiry } from "./stripe-session-expiry";
import { stripeClient } from "./stripe-client";

export interface SessionPayable {
  orderId: string;
  /** Set for a return's difference; unset for the order's own payment. */
  returnId?: string;
  email: string;
  amountCents: number;
  currency: string;
  lineItems: { name: string; unitAmountCents: number; quantity: number }[];
  /** Also on the PaymentIntent, so payment_intent.* events and refunds can be traced to the order. */
  metadata: Record<string, string>;
  description: string;
  /** When the hold (reserved stock) ends now: the session expires with it, at least Stripe's minimum. */
  holdUntil: Date;
}

export function checkoutSessionParams(
  payable: SessionPayable,
  urls: StartPaymentUrls,
  expiresAt: Date,
): Stripe.Checkout.SessionCreateParams {
  const currency = payable.currency.toLowerCase();
  return {
    mode: "payment",
    line_items: payable.lineItems.map((item) => ({
      quantity: item.quantity,
      price_data: { currency, unit_amount: item.unitAmountCents, product_data: { name: item.name } },
    })),
    customer_email: payable.email,
    client_reference_id: payable.orderId,
    metadata: payable.metadata,
    payment_intent_data: { metadata: payable.metadata, description: payable.description },
    expires_at: Math.floor(expiresAt.getTime() / 1000),
    success_url: urls.successUrl,
    cancel_url: urls.cancelUrl,
  };
}

export interface SessionStart {
  urls: StartPaymentUrls;
  now: Date;
  /** Told when the earlier session was paid already (its webhook is on its way). */
  paidMessage: string;
  idempotencyKey: (attempt: number, expiresAt: Date) => string;
  /** In the recording transaction: keep the hold until the session's own expiry. */
  extendHold: (tx: Tx, sessionExpiresAt: Date) => Promise<unknown>;
}

/** Whose payments these are: one return's difference, or the order's own (none of its returns'). */
function ownerOf(payable: SessionPayable) {
  return payable.returnId ? { returnId: payable.returnId } : { orderId: payable.orderId, returnId: null };
}

/** An open session of an earlier attempt is reused, so nothing payable ever has two payable sessions. */
async function reusableSession(
  db: Db,
  stripe: Stripe,
  payable: SessionPayable,
  start: SessionStart,
): Promise<StartedPayment | null> {
  const pending = await db.payment.findFirst({
    where: { ...ownerOf(payable), provider: "STRIPE", status: "PENDING", expiresAt: reusableSessionExpiry(start.now) },
    orderBy: { createdAt: "desc" },
    select: { id: true, providerRef: true },
  });
  if (!pending?.providerRef) return null;
  const session = await stripe.checkout.sessions.retrieve(pending.providerRef);
  if (session.status === "complete") throw new UserError("payment_in_progress", start.paidMessage);
  if (session.status === "open" && session.url) return { paymentId: pending.id, redirectUrl: session.url };
  return null;
}

export async function startCheckoutSession(
  db: Db,
  payable: SessionPayable,
  start: SessionStart,
): Promise<StartedPayment> {
  const stripe = stripeClient();
  const reused = await reusableSession(db, stripe, payable, start);
  if (reused) return reused;

  const attempt = (await db.payment.count({ where: { ...ownerOf(payable), provider: "STRIPE" } })) + 1;
  const expiresAt = checkoutSessionExpiry(payable.holdUntil, start.now);
  const session = await stripe.checkout.sessions.create(checkoutSessionParams(payable, start.urls, expiresAt), {
    idempotencyKey: start.idempotencyKey(attempt, expiresAt),
  });
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
  const sessionExpiresAt = new Date(session.expires_at * 1000);

  const record = () =>
    runTransaction(db, async (tx) => {
      // Upsert: a replayed idempotent request returns a session we may already have recorded.
      const payment = await tx.payment.upsert({
        where: { provider_providerRef: { provider: "STRIPE", providerRef: session.id } },
        create: {
          orderId: payable.orderId,
          ...(payable.returnId ? { returnId: payable.returnId } : {}),
          provider: "STRIPE",
          providerRef: session.id,
          paymentIntentRef: typeof session.payment_intent === "string" ? session.payment_intent : null,
          amountCents: payable.amountCents,
          currency: payable.currency,
          expiresAt: sessionExpiresAt,
        },
        update: {},
        select: { id: true },
      });
      await start.extendHold(tx, sessionExpiresAt);
      return payment;
    });
  let payment: { id: string };
  try {
    payment = await record();
  } catch (error) {
    // Two clicks that got the same session both insert it; the second finds the first's row.
    if (!isUniqueViolation(error)) throw error;
    payment = await record();
  }
  return { paymentId: payment.id, redirectUrl: session.url };
}
