// Rate limits shared by every app instance, in Upstash Redis over its REST API (@upstash/redis).
//
// Client settings, from @upstash/redis 1.39's source (pkg/http.ts):
// - `retry`: by default a network error is retried 5 times with exp(n) * 50 ms of backoff (about 4 s
//   of waiting on top of the requests). We allow one immediate retry, for a keep-alive socket the
//   server closed under us; HTTP errors (5xx) are never retried by the client.
// - `signal` as a FUNCTION: it is called once per request, so each request gets its own deadline
//   covering its retries, and an abort is thrown. A plain AbortSignal would be shared by every request
//   and, once aborted, the client turns the abort into a fake successful reply whose result is the
//   string "Aborted" instead of an error.
// - `redis.eval(script, keys, args)` sends a plain EVAL (the script text each time). EVALSHA with a
//   NOSCRIPT fallback (Script.exec, used by @upstash/ratelimit) is what failed through the local REST
//   bridge; EVAL needs no script cache at all.
// - auto-pipelining is off: each limit call is one request with its own deadline and its own error,
//   instead of sharing a batch (and a batch's failure) with unrelated commands.
// - responseEncoding off: the script returns integers only, so base64 buys nothing.
import { randomBytes } from "node:crypto";
import { Redis } from "@upstash/redis";
import { z } from "zod";
import { SLIDING_WINDOW_SCRIPT } from "./script";
import { RateLimitStoreError, windowMsOf, type LimitResult, type RateLimiter } from "./types";

export const DEFAULT_REDIS_TIMEOUT_MS = 1_000;

export interface UpstashLimiterOptions {
  url: string;
  token: string;
  prefix?: string;
  /** Deadline of one call, retries included (default 1 s). */
  timeoutMs?: number;
  now?: () => number;
}

// What the script returns, checked: it comes from over the network.
const scriptReply = z.tuple([z.union([z.literal(0), z.literal(1)]), z.number().int().min(0), z.number().int()]);

export function createUpstashRedis(url: string, token: string, timeoutMs = DEFAULT_REDIS_TIMEOUT_MS): Redis {
  return new Redis({
    url,
    token,
    retry: { retries: 1, backoff: () => 0 },
    signal: () => AbortSignal.timeout(timeoutMs),
    enableAutoPipelining: false,
    responseEncoding: false,
    automaticDeserialization: false,
    enableTelemetry: false,
  });
}

export interface UpstashLimiter extends RateLimiter {
  readonly backend: "upstash";
  readonly redis: Redis;
}

export function createUpstashLimiter(options: UpstashLimiterOptions): UpstashLimiter {
  const prefix = options.prefix ?? "rl:";
  const now = options.now ?? Date.now;
  const redis = createUpstashRedis(options.url, options.token, options.timeoutMs);

  return {
    backend: "upstash",
    redis,
    async limit(key, rule): Promise<LimitResult> {
      const windowMs = windowMsOf(rule);
      const at = now();
      const member = `${at}-${randomBytes(6).toString("base64url")}`;
      let reply: unknown;
      try {
        reply = await redis.eval(SLIDING_WINDOW_SCRIPT, [prefix + key], [at, windowMs, rule.limit, member]);
      } catch (error) {
        throw new RateLimitStoreError(`Redis rate-limit call failed: ${describe(error)}`, { cause: error });
      }
      const parsed = scriptReply.safeParse(reply);
      if (!parsed.success)
        throw new RateLimitStoreError(`Unexpected reply from the rate-limit script: ${JSON.stringify(reply)}`);
      const [allowed, remaining, resetAt] = parsed.data;
      if (allowed !== 1) return { success: false, remaining, resetAt: new Date(resetAt) };
      return { success: true, remaining, resetAt: new Date(resetAt), attempt: member };
    },
    async release(key, attempt) {
      // The attempt is the sorted set's member: removing it is one ZREM, atomic on its own.
      try {
        await redis.zrem(prefix + key, attempt);
      } catch (error) {
        throw new RateLimitStoreError(`Redis rate-limit release failed: ${describe(error)}`, { cause: error });
      }
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // A timeout surfaces as DOMException "TimeoutError"; fetch failures as TypeError with a cause.
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return `${error.name}: ${error.message}${cause}`.slice(0, 300);
  }
  return String(error).slice(0, 300);
}
