// Every rate limit of the store, in one place. A policy has a rule per identifier it is checked on:
// `ip` (the client address, lib/rate-limit/client-ip.ts) and `account` (an email, normalised and hashed
// before it becomes part of a key). Rules are checked in that order, and an attempt refused by the
// per-IP rule is not counted against the account, so one abusive address cannot use up a victim's
// per-account allowance on its own.
import type { RateLimitRule } from "./types";

export interface RateLimitPolicy {
  ip?: RateLimitRule;
  account?: RateLimitRule;
}

export const RATE_LIMIT_POLICIES = {
  // Password guessing. Per IP: the 6th attempt within a minute is refused. Per account: 10 per 15 min
  // whatever the addresses (a slow, distributed guess at one account). Both fail closed: when Redis has
  // failed repeatedly, sign-in is refused rather than left unlimited.
  signIn: {
    ip: { limit: 5, windowSeconds: 60, failClosed: true },
    account: { limit: 10, windowSeconds: 15 * 60, failClosed: true },
  },
  // Account creation spam: 5 accounts per address per hour is plenty for a household or an office.
  signUp: {
    ip: { limit: 5, windowSeconds: 60 * 60 },
  },
  // Placing an order reserves stock for RESERVATION_TTL_MINUTES: a script placing orders in a loop could
  // hold the whole catalog. A shopper places one order, a few after declined cards.
  checkoutPlace: {
    ip: { limit: 10, windowSeconds: 60 },
    account: { limit: 10, windowSeconds: 10 * 60 },
  },
  // Guest order lookup (order number + email, lib/orders/lookup.ts). Numbers are sequential, so the email
  // is what keeps an order private. A shopper needs one or two tries (a typo). Per email: 10 a day, so
  // guessing a known customer's order numbers takes days per handful of numbers, from any number of
  // addresses. Per IP: 10 per 15 min, so one address cannot try many emails against many numbers.
  orderLookup: {
    ip: { limit: 10, windowSeconds: 15 * 60 },
    account: { limit: 10, windowSeconds: 24 * 60 * 60 },
  },
  // Applying a discount code at checkout (lib/cart/checkout-state.ts). Codes are short words
  // ("WELCOME10"), so a script could guess them. A shopper tries one code, a few with typos. Per cart (the
  // `account` identifier is the cart id): 10 per 10 min. Per IP: 20 per 10 min, for a script that makes
  // a fresh cart for each batch of guesses, with room for a shared office address.
  couponApply: {
    ip: { limit: 20, windowSeconds: 10 * 60 },
    account: { limit: 10, windowSeconds: 10 * 60 },
  },
  // The built-in test payment form (lib/payments/test-provider.ts). Each attempt writes (a declined card
  // fails the payment and releases the order's stock). A shopper retries a declined card a few times; a
  // loop of attempts is a script. Per email of the order: 10 per 10 min; per IP: 20 per 10 min (several
  // shoppers behind one address). Unknown payment ids count per IP too, so ids cannot be probed freely.
  testPayment: {
    ip: { limit: 20, windowSeconds: 10 * 60 },
    account: { limit: 10, windowSeconds: 10 * 60 },
  },
  // The search box asks after each 150 ms pause in typing: a burst of typing is a few requests a second,
  // and 120 a minute leaves room for a shared office address while stopping scrapers.
  searchSuggest: {
    ip: { limit: 120, windowSeconds: 60 },
  },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;
