// What Stripe tells of the card behind a Checkout payment, for the store's risk score
// (lib/orders/risk-score.ts): the card's fingerprint (the same card gives the same value whoever pays
// with it: the "orders per card in the last hour" rule) and its billing country.
//
// Webhook events never carry expanded objects: checkout.session.completed names its PaymentIntent by id.
// So the charge is read from the API (GET /v1/payment_intents/<id> with latest_charge expanded) before
// markOrderPaid's transaction, never inside it, and only for an order still waiting for its payment (a
// replayed event reads nothing). When the API does not answer in time the score goes on without the card,
// as for a provider that reports none: a payment Stripe already took is never left unconfirmed for it.
import type Stripe from "stripe";
import type { Db } from "@/lib/db";
import { describeError } from "@/lib/errors";
import type { ProviderRiskSignals } from "@/lib/orders/risk-inputs";
import { stripeClient } from "@/lib/payments/stripe-client";

/** Short: Stripe is waiting for the webhook's answer while the charge is read. */
const CHARGE_READ_TIMEOUT_MS = 5_000;

interface CardSignals {
  cardFingerprint: string | null;
  billingCountry: string | null;
}

/**
 * The card of a charge (payment_method_details.card.fingerprint, billing_details.address.country), else
 * the billing address Checkout collected (customer_details.address.country).
 */
export function cardSignalsOf(session: Stripe.Checkout.Session, charge: Stripe.Charge | null): CardSignals {
  return {
    cardFingerprint: charge?.payment_method_details?.card?.fingerprint ?? null,
    billingCountry: charge?.billing_details?.address?.country ?? session.customer_details?.address?.country ?? null,
  };
}

/** The session's PaymentIntent's latest charge as the event carries it: only when it came expanded. */
function expandedCharge(session: Stripe.Checkout.Session): Stripe.Charge | null {
  const intent = typeof session.payment_intent === "object" ? session.payment_intent : null;
  return intent && typeof intent.latest_charge === "object" ? intent.latest_charge : null;
}

async function readLatestCharge(intentId: string): Promise<Stripe.Charge | null> {
  const intent = await stripeClient().paymentIntents.retrieve(
    intentId,
    { expand: ["latest_charge"] },
    { timeout: CHARGE_READ_TIMEOUT_MS, maxNetworkRetries: 1 },
  );
  return typeof intent.latest_charge === "object" ? intent.latest_charge : null;
}

/** The card signals of a paid Checkout Session for markOrderPaid (see the top of this file). */
export async function stripeRiskSignals(
  db: Db,
  orderId: string,
  session: Stripe.Checkout.Session,
): Promise<ProviderRiskSignals> {
  const carried = expandedCharge(session);
  const intentId = typeof session.payment_intent === "string" ? session.payment_intent : null;
  if (carried || !intentId) return cardSignalsOf(session, carried);
  const order = await db.order.findUnique({ where: { id: orderId }, select: { status: true } });
  if (order?.status !== "PENDING_PAYMENT") return cardSignalsOf(session, null);
  try {
    return cardSignalsOf(session, await readLatestCharge(intentId));
  } catch (error) {
    console.warn(
      `stripe webhook: the card of ${intentId} could not be read for the risk score: ${describeError(error)}`,
    );
    return cardSignalsOf(session, null);
  }
}
