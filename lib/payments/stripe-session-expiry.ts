// When a Stripe Checkout Session expires (checkout's, ./stripe.ts, and an exchange difference's,
// ./stripe-difference.ts): aligned with the stock hold, within the bounds Stripe accepts; and until when an
// open one is reused.

/** Stripe accepts expires_at from 30 minutes to 24 hours after the session is created. */
const STRIPE_MIN_SESSION_MS = 30 * 60_000;
const STRIPE_MAX_SESSION_MS = 24 * 60 * 60_000;
/** Headroom for clock skew between us and Stripe and for the request's own latency. */
const CLOCK_MARGIN_MS = 60_000;

/**
 * The expiry an earlier session must be past for it to be handed to the shopper again (checkout's and a
 * difference's alike): the clock margin still ahead of it, so nobody is sent to a page Stripe is closing.
 */
export function reusableSessionExpiry(now: Date): { gt: Date } {
  return { gt: new Date(now.getTime() + CLOCK_MARGIN_MS) };
}

/**
 * When the Checkout Session expires: the reservation's expiry, but never sooner than Stripe allows.
 * The floor is rounded up to the whole minute, so a double click within the same minute sends
 * identical parameters under the same idempotency key and Stripe answers with the same session.
 * Whole seconds, as Stripe's expires_at is a unix timestamp.
 */
export function checkoutSessionExpiry(reservationExpiresAt: Date, now: Date): Date {
  const floor = Math.ceil((now.getTime() + STRIPE_MIN_SESSION_MS + CLOCK_MARGIN_MS) / 60_000) * 60_000;
  const ceiling = now.getTime() + STRIPE_MAX_SESSION_MS - CLOCK_MARGIN_MS;
  const wanted = Math.min(Math.max(reservationExpiresAt.getTime(), floor), ceiling);
  return new Date(Math.ceil(wanted / 1000) * 1000);
}
