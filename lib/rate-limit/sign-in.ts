// Password-guessing protection for sign-in that an attacker cannot turn into a lockout of the owner
// (SIGN_IN_POLICY in policies.ts; docs/rate-limits.md has the reasoning):
//
// 1. Per address: past the limit, refused. An attacker's own address is refused, not the owner's.
// 2. Per account from one address: answers are slowed more and more after a few failures, and refused
//    past the limit. Only that address is refused at that account.
// 3. Per account from every address: past the ceiling every attempt is slowed (to the maximum delay),
//    never refused. A distributed attack slows the owner's sign-in by a few seconds, no more.
//
// Every attempt is counted BEFORE the password is checked, so a burst of parallel guesses cannot slip
// past a limit while the first ones are still being checked; when the password turns out to be right,
// the caller calls succeeded() and the attempt is taken back from every count. So only failures count,
// and the owner signing in again and again never limits themselves.
//
// The delay happens before the password is checked and whatever its outcome, so how long an answer takes
// says nothing about whether the password was right (an attacker cannot hang up early on slow answers).
import { rateLimitKey } from "./check";
import { SIGN_IN_POLICY, type SignInPolicy } from "./policies";
import type { LimitResult, RateLimiter, RateLimitRule } from "./types";

export type SignInGate =
  | { ok: false; retryAfterSeconds: number }
  | {
      ok: true;
      /** How long this attempt was held before it could go on (0 when it was not slowed). */
      delayMs: number;
      /** The password was right: the attempt no longer counts against any limit. */
      succeeded(): Promise<void>;
    };

export interface SignInThrottle {
  /** Counts (and, when due, delays) one attempt; refuses it when a refusing limit is reached. */
  begin(identifiers: { ip: string; account?: string }): Promise<SignInGate>;
}

export interface SignInThrottleOptions {
  policy?: SignInPolicy;
  now?: () => number;
  /** How the delay is waited out (tests pass a fake that records it). */
  sleep?: (ms: number) => Promise<void>;
}

const POLICY_NAME = "signIn";

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The delay for the n-th failure in the window from one address at one account (n counts this one). */
export function progressiveDelayMs(failures: number, delay: SignInPolicy["delay"]): number {
  const over = failures - delay.afterFailures;
  if (over <= 0) return 0;
  return Math.min(delay.maxMs, delay.firstMs * 2 ** Math.min(over - 1, 30));
}

export function createSignInThrottle(limiter: RateLimiter, options: SignInThrottleOptions = {}): SignInThrottle {
  const policy = options.policy ?? SIGN_IN_POLICY;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;

  const retryAfter = (result: LimitResult) => Math.max(1, Math.ceil((result.resetAt.getTime() - now()) / 1000));

  return {
    async begin({ ip, account: rawAccount }) {
      const account = rawAccount?.trim().toLowerCase() || undefined;
      const counted: { key: string; attempt: string }[] = [];
      const count = async (dimension: string, identifier: string, rule: RateLimitRule) => {
        const key = rateLimitKey(POLICY_NAME, dimension, identifier);
        const result = await limiter.limit(key, rule);
        if (result.attempt) counted.push({ key, attempt: result.attempt });
        return result;
      };

      // 1. This address, whatever the account (also what refuses everything while Redis is failing).
      const byIp = await count("ip", ip, policy.ip);
      if (!byIp.success) return { ok: false, retryAfterSeconds: retryAfter(byIp) };

      let delayMs = 0;
      if (account) {
        // 2. This account from this address. A refusal because the store is failing or the memory budget
        //    is full (degraded) slows instead: it says nothing about this address.
        const byAccountIp = await count("accountIp", `${account}\n${ip}`, policy.accountIp);
        if (!byAccountIp.success && !byAccountIp.degraded) {
          return { ok: false, retryAfterSeconds: retryAfter(byAccountIp) };
        }
        delayMs = byAccountIp.degraded
          ? policy.delay.maxMs
          : progressiveDelayMs(policy.accountIp.limit - byAccountIp.remaining, policy.delay);

        // 3. This account from every address: the ceiling only ever slows.
        const byAccount = await count("account", account, policy.account);
        if (!byAccount.success || byAccount.degraded) delayMs = policy.delay.maxMs;
      }

      if (delayMs > 0) await sleep(delayMs);
      let released = false;
      return {
        ok: true,
        delayMs,
        async succeeded() {
          if (released) return;
          released = true;
          await Promise.all(counted.map(({ key, attempt }) => limiter.release(key, attempt)));
        },
      };
    },
  };
}
