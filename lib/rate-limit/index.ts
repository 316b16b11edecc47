import "server-only";
// Rate limits: checkRateLimit(policy, { ip, account }) with the backend chosen by the environment
// (config.ts). See policies.ts for the limits and client-ip.ts for the proxy requirement.
import { createRateLimitCheck, type CheckRateLimit } from "./check";
import { createRateLimiterFromConfig, rateLimitConfigFromEnv } from "./config";
import { createSignInThrottle, type SignInThrottle } from "./sign-in";
import type { RateLimiter } from "./types";

export { clientIp, normalizeIp, UNKNOWN_IP, type HeaderSource } from "./client-ip";
export { RATE_LIMIT_POLICIES, SIGN_IN_POLICY, type RateLimitPolicy, type RateLimitPolicyName } from "./policies";
export type { SignInGate, SignInThrottle } from "./sign-in";
export { retryMessage, type RateLimitIdentifiers, type RateLimitVerdict } from "./check";
export type { LimitResult, RateLimiter, RateLimitRule } from "./types";

// One limiter per process, kept across dev-server module reloads (the memory backend's counts, the
// Upstash client's keep-alive connections and its failure tracking live in it).
const globalForRateLimit = globalThis as unknown as {
  __rateLimiter?: RateLimiter;
  __checkRateLimit?: CheckRateLimit;
  __signInThrottle?: SignInThrottle;
};

export function rateLimiter(): RateLimiter {
  if (!globalForRateLimit.__rateLimiter) {
    globalForRateLimit.__rateLimiter = createRateLimiterFromConfig(rateLimitConfigFromEnv());
  }
  return globalForRateLimit.__rateLimiter;
}

/**
 * Checks (and counts) one attempt under a named policy. Returns { ok: true }, or { ok: false,
 * retryAfterSeconds, message } where message is shown to the user as is ("Too many attempts. Try again
 * in 42 seconds."). Never throws for a store outage: the failure policy answers instead.
 */
export const checkRateLimit: CheckRateLimit = (policy, identifiers) => {
  globalForRateLimit.__checkRateLimit ??= createRateLimitCheck(rateLimiter());
  return globalForRateLimit.__checkRateLimit(policy, identifiers);
};

/** Sign-in's own limits (SIGN_IN_POLICY), on the same store: see sign-in.ts. */
export function signInThrottle(): SignInThrottle {
  globalForRateLimit.__signInThrottle ??= createSignInThrottle(rateLimiter());
  return globalForRateLimit.__signInThrottle;
}
