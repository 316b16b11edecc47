// Rate limits against real Redis 7 through the Upstash REST API (tests/helpers/redis.ts): the same
// contract as the memory limiter, then what only a real store shows: keys expire in Redis, the script
// needs no script cache, and outages (Redis down behind the bridge, the REST endpoint unreachable) fail
// open, except sign-in, which fails closed after repeated errors and recovers when Redis is back.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRateLimitCheck } from "@/lib/rate-limit/check";
import { withFailurePolicy, type FailurePolicyOptions } from "@/lib/rate-limit/failure-policy";
import { createUpstashLimiter, createUpstashRedis } from "@/lib/rate-limit/upstash";
import { freePort } from "../helpers/ports";
import { redisAvailable, startTestRedis, type TestRedis } from "../helpers/redis";
import { rateLimiterContract } from "../helpers/rate-limit-contract";

const available = redisAvailable();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const uniquePrefix = () => `test:${randomBytes(4).toString("hex")}:`;

describe.skipIf(!available)("rate limits on Upstash Redis (real Redis behind the REST bridge)", () => {
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  function limiter(options: FailurePolicyOptions & { timeoutMs?: number; url?: string } = {}) {
    const prefix = uniquePrefix();
    const upstash = createUpstashLimiter({
      url: options.url ?? redis.restUrl,
      token: redis.token,
      prefix,
      timeoutMs: options.timeoutMs,
    });
    return { prefix, upstash, guarded: withFailurePolicy(upstash, options) };
  }

  describe("the shared contract", () => {
    rateLimiterContract(() => limiter().guarded);
  });

  describe("in Redis", () => {
    it("stores a sorted set that expires one window after the last allowed attempt", async () => {
      const { prefix, upstash } = limiter();
      const rule = { limit: 3, windowSeconds: 30 };
      for (let n = 0; n < 5; n++) await upstash.limit("ttl", rule);
      const admin = createUpstashRedis(redis.restUrl, redis.token);
      expect(await admin.type(`${prefix}ttl`)).toBe("zset");
      expect(await admin.zcard(`${prefix}ttl`)).toBe(3); // refusals are not stored
      const ttl = await admin.pttl(`${prefix}ttl`);
      expect(ttl).toBeGreaterThan(25_000);
      expect(ttl).toBeLessThanOrEqual(30_000);
      // A short window: the key is gone from Redis once it has passed, nothing is left behind.
      await upstash.limit("short", { limit: 1, windowSeconds: 0.3 });
      await sleep(400);
      expect(await admin.exists(`${prefix}short`)).toBe(0);
    });

    it("uses plain EVAL: it works right after SCRIPT FLUSH (no EVALSHA/NOSCRIPT round)", async () => {
      const { upstash } = limiter();
      const admin = createUpstashRedis(redis.restUrl, redis.token);
      expect(await admin.scriptFlush()).toBe("OK");
      expect(await upstash.limit("flush", { limit: 1, windowSeconds: 60 })).toMatchObject({
        success: true,
        remaining: 0,
      });
      expect((await upstash.limit("flush", { limit: 1, windowSeconds: 60 })).success).toBe(false);
    });

    it("shares counts between limiter instances (as between app instances)", async () => {
      const prefix = uniquePrefix();
      const a = createUpstashLimiter({ url: redis.restUrl, token: redis.token, prefix });
      const b = createUpstashLimiter({ url: redis.restUrl, token: redis.token, prefix });
      const rule = { limit: 4, windowSeconds: 60 };
      const results = await Promise.all(Array.from({ length: 12 }, (_, n) => (n % 2 ? a : b).limit("shared", rule)));
      expect(results.filter((result) => result.success)).toHaveLength(4);
    });

    it("refuses a wrong token as a store error, not as an answer", async () => {
      const upstash = createUpstashLimiter({ url: redis.restUrl, token: "wrong", prefix: uniquePrefix() });
      await expect(upstash.limit("k", { limit: 1, windowSeconds: 60 })).rejects.toThrow(/Redis rate-limit call failed/);
    });
  });

  // Last: these stop and restart Redis.
  describe("when the store fails", () => {
    it("fails open, quickly, when the REST endpoint is unreachable", async () => {
      const log = vi.fn();
      // A port nothing listens on: connection refused.
      const { guarded } = limiter({ url: `http://127.0.0.1:${await freePort()}`, log });
      const check = createRateLimitCheck(guarded);
      const started = performance.now();
      for (let n = 0; n < 200; n++) expect(await check("searchSuggest", { ip: "203.0.113.60" })).toEqual({ ok: true });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0]?.[0]).toMatch(/ECONNREFUSED/);
    });

    it("with Redis down: allows normal limits, refuses sign-in after 3 errors, and recovers when Redis is back", async () => {
      const log = vi.fn();
      const { guarded } = limiter({ timeoutMs: 300, probeIntervalMs: 500, log });
      const check = createRateLimitCheck(guarded);
      // Healthy first: one attempt from this IP is counted in Redis.
      expect(await check("signIn", { ip: "203.0.113.70", account: "a@example.com" })).toEqual({ ok: true });

      await redis.stopRedis();
      try {
        // The bridge queues commands for the missing Redis: every call ends at our 300 ms deadline.
        let started = performance.now();
        expect(await check("searchSuggest", { ip: "203.0.113.71" })).toEqual({ ok: true });
        expect(performance.now() - started).toBeLessThan(1_500);
        // Sign-in (one store call per identifier given): error 2 in a row is still allowed...
        expect(await check("signIn", { ip: "203.0.113.70" })).toEqual({ ok: true });
        // ...error 3 within the minute trips the breaker: fail closed.
        const refused = await check("signIn", { ip: "203.0.113.72" });
        expect(refused).toEqual({
          ok: false,
          retryAfterSeconds: 30,
          message: "Too many attempts. Try again in 30 seconds.",
        });
        // Now answered without waiting on Redis (until the next probe), and still open for other limits.
        started = performance.now();
        expect((await check("signIn", { ip: "203.0.113.73" })).ok).toBe(false);
        expect(await check("searchSuggest", { ip: "203.0.113.71" })).toEqual({ ok: true });
        expect(await check("checkoutPlace", { ip: "203.0.113.71", account: "c@example.com" })).toEqual({ ok: true });
        expect(performance.now() - started).toBeLessThan(250);
        // Later probes fail too: still closed.
        await sleep(600);
        expect((await check("signIn", { ip: "203.0.113.74" })).ok).toBe(false);
        expect(guarded.health.failing(Date.now())).toBe(true);
      } finally {
        await redis.startRedis();
      }

      // Redis is back (empty: nothing persisted). The first successful probe ends the outage.
      const deadline = Date.now() + 15_000;
      let verdict = await check("signIn", { ip: "203.0.113.75", account: "d@example.com" });
      while (!verdict.ok && Date.now() < deadline) {
        await sleep(200);
        verdict = await check("signIn", { ip: "203.0.113.75", account: "d@example.com" });
      }
      expect(verdict).toEqual({ ok: true });
      expect(guarded.health.consecutiveErrors()).toBe(0);
      expect(log.mock.calls.some(([line]) => /reachable again/.test(String(line)))).toBe(true);
      // And limits are enforced again, in Redis.
      for (let n = 0; n < 4; n++) expect((await check("signIn", { ip: "203.0.113.76" })).ok).toBe(true);
      const fifth = await check("signIn", { ip: "203.0.113.76" });
      expect(fifth).toEqual({ ok: true });
      expect((await check("signIn", { ip: "203.0.113.76" })).ok).toBe(false);
      // Warnings were throttled: one line for the whole outage, plus the recovery line.
      expect(log.mock.calls.filter(([line]) => /store error/.test(String(line)))).toHaveLength(1);
    });
  });
});
