// Rate limits against real Redis 7 through the Upstash REST API (tests/helpers/redis.ts): the same
// contract as the memory limiter and sign-in's limits with the store's own policy, then what only a real
// store shows: keys expire in Redis, released attempts leave the sorted set, the script needs no script
// cache, and outages (Redis down behind the bridge, the REST endpoint unreachable) fail open, except
// sign-in, which fails closed after repeated errors and recovers when Redis is back. The failure policy
// runs on a fake clock: what is checked is how often the store is called and what is answered, never how
// long anything took.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRateLimitCheck } from "@/lib/rate-limit/check";
import { withFailurePolicy, type FailurePolicyOptions } from "@/lib/rate-limit/failure-policy";
import { SIGN_IN_POLICY } from "@/lib/rate-limit/policies";
import { createSignInThrottle } from "@/lib/rate-limit/sign-in";
import type { RateLimiter } from "@/lib/rate-limit/types";
import { createUpstashLimiter, createUpstashRedis } from "@/lib/rate-limit/upstash";
import { freePort } from "../helpers/ports";
import { redisAvailable, startTestRedis, type TestRedis } from "../helpers/redis";
import { fakeClock, rateLimiterContract, signInThrottleContract } from "../helpers/rate-limit-contract";

const available = redisAvailable();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const uniquePrefix = () => `test:${randomBytes(4).toString("hex")}:`;

/** Passes every call to `inner` and counts them: how often the failure policy really went to the store. */
function countingStore(inner: RateLimiter) {
  const counting = {
    backend: inner.backend,
    calls: 0,
    limit(key: string, rule: Parameters<RateLimiter["limit"]>[1]) {
      counting.calls++;
      return inner.limit(key, rule);
    },
    release(key: string, attempt: string) {
      counting.calls++;
      return inner.release(key, attempt);
    },
  } satisfies RateLimiter & { calls: number };
  return counting;
}

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
      // The contract is about counting, not outages: with the production timeout (1 s) a loaded test
      // machine times calls out, the failure policy allows them, and 20 parallel calls all "succeed".
      // Outage tests below set their own short timeout.
      timeoutMs: options.timeoutMs ?? 15_000,
      now: options.now,
    });
    const store = countingStore(upstash);
    return { prefix, upstash, store, guarded: withFailurePolicy(store, options) };
  }

  describe("the shared contract", () => {
    rateLimiterContract((now) => limiter({ now }).guarded);
  });

  describe("sign-in's limits, with the store's policy", () => {
    signInThrottleContract((now) => limiter({ now }).guarded);
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
      // Set (-1 would be "never expires"), and never longer than one window; how much of it is left
      // depends on how long the calls took, which is not this test's business.
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(30_000);
      // A short window: the key is gone from Redis once it has passed, nothing is left behind.
      await upstash.limit("short", { limit: 1, windowSeconds: 0.3 });
      await sleep(400);
      expect(await admin.exists(`${prefix}short`)).toBe(0);
    });

    it("takes a released attempt out of the sorted set", async () => {
      const { prefix, upstash } = limiter();
      const rule = { limit: 2, windowSeconds: 60 };
      const first = await upstash.limit("release", rule);
      await upstash.limit("release", rule);
      const admin = createUpstashRedis(redis.restUrl, redis.token);
      expect(await admin.zcard(`${prefix}release`)).toBe(2);
      await upstash.release("release", first.attempt!);
      expect(await admin.zcard(`${prefix}release`)).toBe(1);
      expect(await admin.zscore(`${prefix}release`, first.attempt!)).toBeNull();
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
    it("fails open when the REST endpoint is unreachable, calling it only to probe", async () => {
      const log = vi.fn();
      const clock = fakeClock();
      // A port nothing listens on: connection refused.
      const { guarded, store } = limiter({ url: `http://127.0.0.1:${await freePort()}`, log, now: clock.now });
      const check = createRateLimitCheck(guarded, { now: clock.now });
      for (let n = 0; n < 200; n++) expect(await check("searchSuggest", { ip: "203.0.113.60" })).toEqual({ ok: true });
      // Three errors in a row make the store count as failing; after that, no call waits on it...
      expect(store.calls).toBe(3);
      // ...but one probe per interval.
      clock.advance(2_000);
      for (let n = 0; n < 50; n++) expect(await check("searchSuggest", { ip: "203.0.113.60" })).toEqual({ ok: true });
      expect(store.calls).toBe(4);
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0]?.[0]).toMatch(/ECONNREFUSED/);
    });

    it("with Redis down: allows normal limits, refuses sign-in after 3 errors, and recovers when Redis is back", async () => {
      const log = vi.fn();
      const clock = fakeClock();
      // While Redis is up, calls get the contract's patient deadline: on a loaded machine a healthy call can
      // take longer than 300 ms, and that error would trip the breaker early or let the 6th attempt below
      // through. Only while Redis is down do calls go through the short one, so each costs 300 ms, not 15 s.
      const prefix = uniquePrefix();
      const reach = (timeoutMs: number) =>
        createUpstashLimiter({ url: redis.restUrl, token: redis.token, prefix, timeoutMs, now: clock.now });
      const patient = reach(15_000);
      const quick = reach(300);
      let redisDown = false;
      const store = countingStore({
        backend: patient.backend,
        limit: (key, rule) => (redisDown ? quick : patient).limit(key, rule),
        release: (key, attempt) => (redisDown ? quick : patient).release(key, attempt),
      });
      // One warning per 10 minutes of the fake clock: however many probes the recovery takes below.
      const guarded = withFailurePolicy(store, { probeIntervalMs: 500, logIntervalMs: 600_000, log, now: clock.now });
      const check = createRateLimitCheck(guarded, { now: clock.now });
      const sleeps: number[] = [];
      const throttle = createSignInThrottle(guarded, { now: clock.now, sleep: async (ms) => void sleeps.push(ms) });
      // Healthy first: one attempt from this IP is counted in Redis, and not slowed.
      expect(await throttle.begin({ ip: "203.0.113.70", account: "a@example.com" })).toMatchObject({
        ok: true,
        delayMs: 0,
      });

      await redis.stopRedis();
      redisDown = true;
      try {
        // The bridge queues commands for the missing Redis: every call ends at our 300 ms deadline, as
        // an error. The first is allowed (fail open).
        const before = store.calls;
        expect(await check("searchSuggest", { ip: "203.0.113.71" })).toEqual({ ok: true });
        // Sign-in: error 2 (per address) is still allowed; error 3 (per account and address) trips the
        // breaker. The counts are unknown, so the attempt is slowed to the maximum, not refused...
        expect(await throttle.begin({ ip: "203.0.113.72", account: "b@example.com" })).toMatchObject({
          ok: true,
          delayMs: SIGN_IN_POLICY.delay.maxMs,
        });
        expect(store.calls - before).toBe(3);
        expect(guarded.health.failing(clock.now())).toBe(true);
        // ...and from now on sign-in is refused (fail closed) without waiting on Redis, while the other
        // limits still allow.
        const calls = store.calls;
        expect(await throttle.begin({ ip: "203.0.113.73", account: "c@example.com" })).toEqual({
          ok: false,
          retryAfterSeconds: 30,
        });
        expect(await check("searchSuggest", { ip: "203.0.113.71" })).toEqual({ ok: true });
        expect(await check("checkoutPlace", { ip: "203.0.113.71", account: "c@example.com" })).toEqual({ ok: true });
        expect(store.calls).toBe(calls);
        // The next probe (one interval later) fails too: still closed.
        clock.advance(500);
        expect((await throttle.begin({ ip: "203.0.113.74" })).ok).toBe(false);
        expect(store.calls).toBe(calls + 1);
        expect(guarded.health.failing(clock.now())).toBe(true);
      } finally {
        await redis.startRedis();
        redisDown = false;
      }

      // Redis is back (empty: nothing persisted). The first successful probe ends the outage; the bridge
      // may take a moment to reconnect, so probe (one interval apart on the fake clock) until it does.
      let gate = await throttle.begin({ ip: "203.0.113.75" });
      for (let tries = 0; !gate.ok && tries < 75; tries++) {
        await sleep(200);
        clock.advance(500);
        gate = await throttle.begin({ ip: "203.0.113.75" });
      }
      expect(gate).toMatchObject({ ok: true, delayMs: 0 });
      expect(guarded.health.consecutiveErrors()).toBe(0);
      expect(log.mock.calls.some(([line]) => /reachable again/.test(String(line)))).toBe(true);
      // And limits are enforced again, in Redis: 5 failures from a new address, the 6th refused.
      for (let n = 0; n < 5; n++) expect((await throttle.begin({ ip: "203.0.113.76" })).ok).toBe(true);
      expect(await throttle.begin({ ip: "203.0.113.76" })).toEqual({ ok: false, retryAfterSeconds: 60 });
      // Warnings were throttled: one line for the whole outage, plus the recovery line.
      expect(log.mock.calls.filter(([line]) => /store error/.test(String(line)))).toHaveLength(1);
    });
  });
});
