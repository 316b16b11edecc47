// Which backend the environment selects: Upstash Redis when both UPSTASH_REDIS_REST_URL and
// UPSTASH_REDIS_REST_TOKEN are set, otherwise the per-process memory limiter.
import { z } from "zod";
import { withFailurePolicy, type FailurePolicyOptions } from "./failure-policy";
import { createMemoryLimiter } from "./memory";
import type { RateLimiter } from "./types";
import { createUpstashLimiter } from "./upstash";

const emptyIsUnset = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  UPSTASH_REDIS_REST_URL: z.preprocess(emptyIsUnset, z.url({ protocol: /^https?$/ }).optional()),
  UPSTASH_REDIS_REST_TOKEN: z.preprocess(emptyIsUnset, z.string().trim().min(1).optional()),
  RATE_LIMIT_PREFIX: z.preprocess(emptyIsUnset, z.string().max(64).regex(/^\S+$/, "no spaces").default("rl:")),
});

export type RateLimitConfig =
  | { backend: "upstash"; url: string; token: string; prefix: string }
  | { backend: "memory"; prefix: string; problem?: string };

export function rateLimitConfigFromEnv(env: Record<string, string | undefined> = process.env): RateLimitConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    return { backend: "memory", prefix: "rl:", problem };
  }
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token, RATE_LIMIT_PREFIX: prefix } = parsed.data;
  if (url && token) return { backend: "upstash", url, token, prefix };
  if (url || token) {
    return {
      backend: "memory",
      prefix,
      problem: "UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together",
    };
  }
  return { backend: "memory", prefix };
}

/**
 * The limiter for this process. A broken configuration is logged as an error and falls back to the
 * memory limiter rather than failing every request that is rate limited: limits per process are
 * weaker, but the store keeps working and the log says why.
 */
export function createRateLimiterFromConfig(
  config: RateLimitConfig,
  options: FailurePolicyOptions & { log?: (message: string) => void } = {},
): RateLimiter {
  if (config.backend === "upstash") {
    return withFailurePolicy(
      createUpstashLimiter({ url: config.url, token: config.token, prefix: config.prefix, now: options.now }),
      options,
    );
  }
  if (config.problem) {
    console.error(
      `[rate-limit] invalid configuration (${config.problem}); using per-process memory limits instead of Redis`,
    );
  }
  return createMemoryLimiter({ prefix: config.prefix, now: options.now, log: options.log });
}
