// Every rate limit of the store, in one place (sign-in, which slows rather than only refuses, is
// SIGN_IN_POLICY at the end). A policy has a rule per identifier it is checked on:
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
  // Applying a discount code at checkout (lib/checkout/checkout-state.ts). Codes are short words
  // ("WELCOME10"), so a script could guess them. A shopper tries one code, a few with typos. Per cart (the
  // `account` identifier is the cart id): 10 per 10 min. Per IP: 20 per 10 min, for a script that makes
  // a fresh cart for each batch of guesses, with room for a shared office address.
  couponApply: {
    ip: { limit: 20, windowSeconds: 10 * 60 },
    account: { limit: 10, windowSeconds: 10 * 60 },
  },
  // The built-in test payment form (lib/checkout/test-card-payment.ts). Each attempt writes (a declined card
  // fails the payment and releases the order's stock). A shopper retries a declined card a few times; a
  // loop of attempts is a script. Per email of the order: 10 per 10 min; per IP: 20 per 10 min (several
  // shoppers behind one address). Unknown payment ids count per IP too, so ids cannot be probed freely.
  testPayment: {
    ip: { limit: 20, windowSeconds: 10 * 60 },
    account: { limit: 10, windowSeconds: 10 * 60 },
  },
  // "Forgot password" (lib/auth/password-reset.ts): each request sends an email. Per email: 3 an hour, so
  // nobody can fill someone's inbox with reset emails from any number of addresses (a shopper asks once,
  // twice when the first is slow to arrive). Per IP: 10 an hour, so one address cannot mail many people.
  // Counted for every email typed, with an account or not, so a refusal says nothing about the account.
  passwordReset: {
    ip: { limit: 10, windowSeconds: 60 * 60 },
    account: { limit: 3, windowSeconds: 60 * 60 },
  },
  // "Resend the verification email" (lib/auth/email-verification.ts), per account's email and per IP, for
  // the same reason: each one is an email.
  emailVerification: {
    ip: { limit: 10, windowSeconds: 60 * 60 },
    account: { limit: 3, windowSeconds: 60 * 60 },
  },
  // The wishlist's hearts, "remove" and "move to cart" (app/(store)/wishlist/actions.ts): each writes. A
  // shopper clicks a few hearts a minute; 60 a minute per address stops a script filling tables.
  wishlist: {
    ip: { limit: 60, windowSeconds: 60 },
  },
  // "Notify me when it is back" (lib/inventory/back-in-stock.ts): each subscription may later send one
  // email to the address typed. Per email: 20 a day, so nobody can sign someone up for many alerts; per IP:
  // 30 an hour (a shopper subscribes to a few sold-out items).
  stockAlert: {
    ip: { limit: 30, windowSeconds: 60 * 60 },
    account: { limit: 20, windowSeconds: 24 * 60 * 60 },
  },
  // The search box asks after each 150 ms pause in typing: a burst of typing is a few requests a second,
  // and 120 a minute leaves room for a shared office address while stopping scrapers.
  searchSuggest: {
    ip: { limit: 120, windowSeconds: 60 },
  },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;

// Password guessing (lib/rate-limit/sign-in.ts applies it; docs/rate-limits.md explains the design). Only
// failed attempts count: every attempt is counted before the password is checked (so parallel guesses
// cannot slip past a limit) and a successful one is taken back.
export interface SignInPolicy {
  /** Per client address, whatever the account: refused past the limit. */
  ip: RateLimitRule;
  /** Per account from one address: slowed after `delay.afterFailures`, refused past the limit. */
  accountIp: RateLimitRule;
  /**
   * Per account from every address together: past the limit, each attempt is slowed to `delay.maxMs`
   * but never refused, so an attack from many addresses cannot lock the owner out.
   */
  account: RateLimitRule;
  delay: {
    /** Failures per account and address before answers are slowed. */
    afterFailures: number;
    /** The first slowed answer waits this long; each further failure doubles it... */
    firstMs: number;
    /** ...up to this (also the delay past the per-account ceiling). */
    maxMs: number;
  };
}

export const SIGN_IN_POLICY: SignInPolicy = {
  // The 6th failed attempt within a minute from one address is refused.
  ip: { limit: 5, windowSeconds: 60, failClosed: true },
  // One address at one account: 3 failures free, then 1 s, 2 s, 4 s, 5 s... and the 11th within 15
  // minutes refused (the owner elsewhere is not affected).
  accountIp: { limit: 10, windowSeconds: 15 * 60, failClosed: true },
  // Every address at one account: past 30 failures in 15 minutes, every attempt waits 5 s first.
  account: { limit: 30, windowSeconds: 15 * 60, failClosed: true },
  delay: { afterFailures: 3, firstMs: 1_000, maxMs: 5_000 },
};
