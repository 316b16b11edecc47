// The difference of a dearer exchange through Stripe: a hosted Checkout Session exactly like checkout's
// (./stripe.ts: amounts in minor units, an idempotency key per attempt, the ids in metadata, an expiry
// aligned with the hold), with `returnId` in its metadata so the webhook confirms it through
// lib/orders/returns-difference.ts instead of markOrderPaid.
import type Stripe from "stripe";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { isUniqueViolation, runTransaction } from "@/lib/db/transaction";
import { extendReservations } from "@/lib/inventory/reservations";
import { loadPayableDifference, type PayableDifference } from "./payable-difference";
import type { StartedPayment, StartPaymentUrls } from "./provider";
import { checkoutSessionExpiry } from "./stripe-session-expiry";
import { stripeClient } from "./stripe-client";

export function differenceSessionParams(
  due: PayableDifference,
  urls: StartPaymentUrls,
  expiresAt: Date,
): Stripe.Checkout.SessionCreateParams {
  const metadata = { orderId: due.orderId, orderNumber: String(due.orderNumber), returnId: due.returnId };
  const description = `Exchange difference, order #${due.orderNumber}`;
  return {
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: due.currency.toLowerCase(),
          unit_amount: due.amountCents,
          product_data: { name: description },
        },
      },
    ],
    customer_email: due.email,
    client_reference_id: due.orderId,
    metadata,
    payment_intent_data: { metadata, description },
    expires_at: Math.floor(expiresAt.getTime() / 1000),
    success_url: urls.successUrl,
    cancel_url: urls.cancelUrl,
  };
}

export async function startStripeDifferencePayment(
  db: Db,
  returnId: string,
  urls: StartPaymentUrls,
): Promise<StartedPayment> {
  const now = new Date();
  const due = await loadPayableDifference(db, returnId, now);
  const stripe = stripeClient();
  const pending = await db.payment.findFirst({
    where: { returnId: due.returnId, provider: "STRIPE", status: "PENDING", expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, providerRef: true },
  });
  if (pending?.providerRef) {
    const session = await stripe.checkout.sessions.retrieve(pending.providerRef);
    if (session.status === "complete") {
      throw new UserError("payment_in_progress", "We have received your payment and are confirming it.");
    }
    if (session.status === "open" && session.url) return { paymentId: pending.id, redirectUrl: session.url };
  }
  const attempt = (await db.payment.count({ where: { returnId: due.returnId, provider: "STRIPE" } })) + 1;
  const expiresAt = checkoutSessionExpiry(due.dueBy, now);
  const session = await stripe.checkout.sessions.create(differenceSessionParams(due, urls, expiresAt), {
    idempotencyKey: `return-difference:${due.returnId}:${attempt}:${expiresAt.getTime()}`,
  });
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
  const sessionExpiresAt = new Date(session.expires_at * 1000);
  const record = () =>
    runTransaction(db, async (tx) => {
      const payment = await tx.payment.upsert({
        where: { provider_providerRef: { provider: "STRIPE", providerRef: session.id } },
        create: {
          orderId: due.orderId,
          returnId: due.returnId,
          provider: "STRIPE",
          providerRef: session.id,
          paymentIntentRef: typeof session.payment_intent === "string" ? session.payment_intent : null,
          amountCents: due.amountCents,
          currency: due.currency,
          expiresAt: sessionExpiresAt,
        },
        update: {},
        select: { id: true },
      });
      // As checkout does: the exchange stays held as long as Stripe's page can take the payment (the
      // order's only ACTIVE reservations are its exchange holds: its own lines were sold when paid).
      if (sessionExpiresAt > due.dueBy) {
        await tx.returnRequest.updateMany({
          where: { id: due.returnId, differencePaidAt: null, differenceDueBy: { not: null, lt: sessionExpiresAt } },
          data: { differenceDueBy: sessionExpiresAt },
        });
        await extendReservations(tx, due.orderId, sessionExpiresAt);
      }
      return payment;
    });
  try {
    return { paymentId: (await record()).id, redirectUrl: session.url };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { paymentId: (await record()).id, redirectUrl: session.url };
  }
}
