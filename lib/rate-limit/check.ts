// The one call sites use: checkRateLimit("checkoutPlace", { ip, account }) -> ok, or a refusal with the
// seconds to wait and a message that can be shown as is. (Sign-in has its own, sign-in.ts.)
import { createHash } from "node:crypto";
import { retryMessage } from "./messages";
import { RATE_LIMIT_POLICIES, type RateLimitPolicy, type RateLimitPolicyName } from "./policies";
import type { RateLimiter } from "./types";

export interface RateLimitIdentifiers {
  /** From clientIp(headers). */
  ip?: string;
  /** An email (any case; trimmed and lower-cased here). */
  account?: string;
}

export type RateLimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

export type CheckRateLimit<P extends string = RateLimitPolicyName> = (
  policy: P,
  identifiers: RateLimitIdentifiers,
) => Promise<RateLimitVerdict>;

const DIMENSIONS = ["ip", "account"] as const satisfies readonly (keyof RateLimitPolicy)[];

/**
 * Identifiers become a hash in the key: no email addresses at rest in Redis, and a bounded key length
 * whatever a client sends.
 */
export function rateLimitKey(policy: string, dimension: string, identifier: string): string {
  const digest = createHash("sha256").update(identifier).digest("base64url").slice(0, 22);
  return `${policy}:${dimension}:${digest}`;
}

function normalise(dimension: (typeof DIMENSIONS)[number], value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  return dimension === "account" ? trimmed.toLowerCase() : trimmed;
}

export { retryMessage };

/** `policies` defaults to the store's (policies.ts); tests pass their own. */
export function createRateLimitCheck<P extends string = RateLimitPolicyName>(
  limiter: RateLimiter,
  options: { policies?: Record<P, RateLimitPolicy>; now?: () => number } = {},
): CheckRateLimit<P> {
  const policies: Record<string, RateLimitPolicy> = options.policies ?? RATE_LIMIT_POLICIES;
  const now = options.now ?? Date.now;
  return async (policyName, identifiers) => {
    const policy = policies[policyName];
    if (!policy) throw new Error(`Unknown rate-limit policy: ${policyName}`);
    // One rule after the other, stopping at the first refusal: a refused attempt is not counted by the
    // rules after it.
    for (const dimension of DIMENSIONS) {
      const rule = policy[dimension];
      const identifier = normalise(dimension, identifiers[dimension]);
      if (!rule || identifier === undefined) continue;
      const result = await limiter.limit(rateLimitKey(policyName, dimension, identifier), rule);
      if (!result.success) {
        const retryAfterSeconds = Math.max(1, Math.ceil((result.resetAt.getTime() - now()) / 1000));
        return { ok: false, retryAfterSeconds, message: retryMessage(retryAfterSeconds) };
      }
    }
    return { ok: true };
  };
}
