// The contract every rate-limit backend keeps (Upstash Redis in production, memory by default), so the
// callers and the tests never depend on which one is active.
import { z } from "zod";

/** How many attempts a key may make in a sliding window of `windowSeconds`. */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
  /**
   * What to do when the shared store is failing. By default the limiter fails open (allows: the store
   * keeps selling). A failClosed rule still allows while errors are isolated, but refuses once the store
   * has failed repeatedly, until a call succeeds again (sign-in: a broken limiter must not open the door
   * to password guessing).
   */
  failClosed?: boolean;
}

export interface LimitResult {
  success: boolean;
  /** Attempts left in the current window after this one. */
  remaining: number;
  /**
   * When the oldest counted attempt leaves the window, i.e. when at least one more attempt will be
   * allowed. For a refusal this is the moment to retry.
   */
  resetAt: Date;
  /**
   * Set when the answer came from the failure policy, not from the store's count: the store was failing,
   * or (memory) the key's group was full (see memory.ts).
   */
  degraded?: boolean;
  /** The attempt this call counted (only when it did): release() takes it back. */
  attempt?: string;
}

export interface RateLimiter {
  readonly backend: "upstash" | "memory";
  limit(key: string, rule: RateLimitRule): Promise<LimitResult>;
  /**
   * Takes back an attempt that limit() counted, as if it had never been made (a sign-in that turned out
   * to be the right password). Unknown or already expired attempts are ignored.
   */
  release(key: string, attempt: string): Promise<void>;
}

// Rules are constants in policies.ts, but the backends check them once more: a zero or fractional limit
// would silently disable a limit, and a window below 10 ms is certainly a unit mistake.
export const ruleSchema = z.object({
  limit: z.number().int().min(1).max(100_000),
  windowSeconds: z
    .number()
    .min(0.01)
    .max(7 * 24 * 3600),
  failClosed: z.boolean().optional(),
});

export function windowMsOf(rule: RateLimitRule): number {
  return Math.round(ruleSchema.parse(rule).windowSeconds * 1000);
}

/**
 * The store behind a limiter failed (unreachable, timed out, answered with an error or nonsense). Only
 * this error is handled by the failure policy; anything else (a bad rule) is a bug and is thrown.
 */
export class RateLimitStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RateLimitStoreError";
  }
}
