// What the limiter answers when its store (Redis) fails. Rate limits protect the store; they must not
// take it down, so by default a failing store means "allow" (fail open). Rules marked failClosed
// (sign-in) allow while errors are isolated, but refuse once the store has failed `tripAfter` times in
// a row within `tripWindowMs`, until a call succeeds again.
//
// While the store is failing like that, calls skip it and answer at once, except one probe per
// `probeIntervalMs`: a dead Redis then costs one timeout per interval, not one per request, and the
// first probe that succeeds ends the outage. Warnings are logged at most once per `logIntervalMs`.
import { createThrottledLogger, type Log } from "./throttled-log";
import { RateLimitStoreError, windowMsOf, type LimitResult, type RateLimiter, type RateLimitRule } from "./types";

export interface FailurePolicyOptions {
  /** Consecutive errors that make the store count as failing (default 3). */
  tripAfter?: number;
  /** ...when they all fall within this window (default 60 s). */
  tripWindowMs?: number;
  /** While failing, how often one call still tries the store (default 2 s). */
  probeIntervalMs?: number;
  /** Retry-After of a fail-closed refusal (default 30 s). */
  refuseForMs?: number;
  logIntervalMs?: number;
  log?: Log;
  now?: () => number;
}

export interface StoreHealth {
  /** Whether the last `tripAfter` calls failed, all within `tripWindowMs`. */
  failing(at: number): boolean;
  consecutiveErrors(): number;
}

export interface GuardedLimiter extends RateLimiter {
  readonly health: StoreHealth;
}

export function withFailurePolicy(inner: RateLimiter, options: FailurePolicyOptions = {}): GuardedLimiter {
  const tripAfter = options.tripAfter ?? 3;
  const tripWindowMs = options.tripWindowMs ?? 60_000;
  const probeIntervalMs = options.probeIntervalMs ?? 2_000;
  const refuseForMs = options.refuseForMs ?? 30_000;
  const now = options.now ?? Date.now;
  const log: Log = options.log ?? ((message) => console.warn(message));
  const warn = createThrottledLogger({ intervalMs: options.logIntervalMs ?? 30_000, log, now });

  // Times of the current run of consecutive errors (the last `tripAfter` only); emptied by a success.
  let errorTimes: number[] = [];
  let errorCount = 0;
  let lastAttempt = Number.NEGATIVE_INFINITY;

  const health: StoreHealth = {
    failing(at) {
      const oldest = errorTimes[0];
      return errorTimes.length >= tripAfter && oldest !== undefined && at - oldest <= tripWindowMs;
    },
    consecutiveErrors: () => errorCount,
  };

  function degraded(rule: RateLimitRule, windowMs: number, at: number): LimitResult {
    if (rule.failClosed && health.failing(at)) {
      return { success: false, remaining: 0, resetAt: new Date(at + refuseForMs), degraded: true };
    }
    return { success: true, remaining: rule.limit, resetAt: new Date(at + windowMs), degraded: true };
  }

  return {
    backend: inner.backend,
    health,
    async limit(key, rule) {
      const windowMs = windowMsOf(rule); // a bad rule is a bug: thrown even while the store is down
      const started = now();
      if (health.failing(started) && started - lastAttempt < probeIntervalMs) return degraded(rule, windowMs, started);
      lastAttempt = started;
      try {
        const result = await inner.limit(key, rule);
        if (errorCount > 0) log(`[rate-limit] ${inner.backend} store reachable again after ${errorCount} failed calls`);
        errorTimes = [];
        errorCount = 0;
        return result;
      } catch (error) {
        if (!(error instanceof RateLimitStoreError)) throw error;
        const at = now();
        errorCount++;
        errorTimes.push(at);
        if (errorTimes.length > tripAfter) errorTimes.shift();
        const mode = health.failing(at) ? "failing: fail-closed rules refuse, others allow" : "allowing";
        warn(`[rate-limit] ${inner.backend} store error (${errorCount} in a row, ${mode}): ${error.message}`);
        return degraded(rule, windowMs, at);
      }
    },
    async release(key, attempt) {
      // A release that does not happen leaves one attempt counted until its window ends: the safe
      // direction, so a failing store is not waited on or retried for it.
      if (health.failing(now())) return;
      try {
        await inner.release(key, attempt);
      } catch (error) {
        if (!(error instanceof RateLimitStoreError)) throw error;
        warn(`[rate-limit] ${inner.backend} store error on release (the attempt stays counted): ${error.message}`);
      }
    },
  };
}
