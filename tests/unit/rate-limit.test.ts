// The memory limiter against the shared contract, plus the pieces around every backend: the failure
// policy (with a fake store and a fake clock), client IPs, messages, policies and env configuration.
import { describe, expect, it, vi } from "vitest";
import { createRateLimitCheck, rateLimitKey, retryMessage } from "@/lib/rate-limit/check";
import { createRateLimiterFromConfig, rateLimitConfigFromEnv } from "@/lib/rate-limit/config";
import { withFailurePolicy } from "@/lib/rate-limit/failure-policy";
import { createMemoryLimiter } from "@/lib/rate-limit/memory";
import { RATE_LIMIT_POLICIES } from "@/lib/rate-limit/policies";
import { RateLimitStoreError, type LimitResult, type RateLimiter, type RateLimitRule } from "@/lib/rate-limit/types";
import { createThrottledLogger } from "@/lib/rate-limit/throttled-log";
import { rateLimiterContract } from "../helpers/rate-limit-contract";

describe("memory limiter: the shared contract", () => {
  rateLimiterContract(() => createMemoryLimiter());
});

describe("memory limiter", () => {
  it("forgets expired windows, so memory follows active keys only", async () => {
    let clock = 1_000_000;
    const limiter = createMemoryLimiter({ now: () => clock });
    for (let n = 0; n < 1_000; n++) await limiter.limit(`ip:${n}`, { limit: 5, windowSeconds: 60 });
    expect(limiter.size()).toBe(1_000);
    clock += 61_000;
    await limiter.limit("ip:new", { limit: 5, windowSeconds: 60 });
    expect(limiter.size()).toBe(1);
  });

  it("never holds more than maxKeys keys, dropping the least recently used", async () => {
    const limiter = createMemoryLimiter({ maxKeys: 100 });
    const rule = { limit: 1, windowSeconds: 60 };
    expect((await limiter.limit("kept", rule)).success).toBe(true);
    for (let n = 0; n < 500; n++) {
      await limiter.limit(`flood:${n}`, rule);
      // A key in use (here refused again and again) is recently used, so it is not the one dropped.
      if (n % 50 === 0) expect((await limiter.limit("kept", rule)).success).toBe(false);
    }
    expect(limiter.size()).toBeLessThanOrEqual(100);
    expect((await limiter.limit("kept", rule)).success).toBe(false);
    // The first flood keys were dropped: their count is forgotten.
    expect((await limiter.limit("flood:0", rule)).success).toBe(true);
  });

  it("uses the same window arithmetic as the Redis script (an attempt counts during [t, t + window))", async () => {
    let clock = 5_000;
    const limiter = createMemoryLimiter({ now: () => clock });
    const rule = { limit: 1, windowSeconds: 10 };
    expect(await limiter.limit("k", rule)).toEqual({ success: true, remaining: 0, resetAt: new Date(15_000) });
    clock = 14_999;
    expect((await limiter.limit("k", rule)).success).toBe(false);
    clock = 15_000;
    expect((await limiter.limit("k", rule)).success).toBe(true);
  });
});

/** A store that fails while `down` is true. */
function fakeStore(): RateLimiter & { down: boolean; calls: number } {
  const memory = createMemoryLimiter();
  const store = {
    backend: "upstash" as const,
    down: false,
    calls: 0,
    async limit(key: string, rule: RateLimitRule): Promise<LimitResult> {
      store.calls++;
      if (store.down) throw new RateLimitStoreError("Redis rate-limit call failed: TimeoutError");
      return memory.limit(key, rule);
    },
  };
  return store;
}

describe("failure policy", () => {
  const open = { limit: 120, windowSeconds: 60 };
  const closed = { limit: 5, windowSeconds: 60, failClosed: true };

  function setup() {
    let clock = 1_000_000;
    const store = fakeStore();
    const log = vi.fn<(message: string) => void>();
    const limiter = withFailurePolicy(store, { now: () => clock, log, probeIntervalMs: 2_000 });
    return { store, log, limiter, advance: (ms: number) => (clock += ms) };
  }

  it("passes the store's answers through while it works", async () => {
    const { limiter } = setup();
    for (let n = 0; n < 5; n++) expect((await limiter.limit("a", closed)).success).toBe(true);
    expect(await limiter.limit("a", closed)).toMatchObject({ success: false, remaining: 0 });
  });

  it("fails open for normal rules however long the store is down", async () => {
    const { store, limiter, advance } = setup();
    store.down = true;
    for (let n = 0; n < 50; n++) {
      expect(await limiter.limit("a", open)).toMatchObject({ success: true, degraded: true });
      advance(500);
    }
  });

  it("fails closed only after 3 consecutive errors within a minute, and recovers on the first success", async () => {
    const { store, limiter, advance } = setup();
    store.down = true;
    expect((await limiter.limit("a", closed)).success).toBe(true);
    expect((await limiter.limit("a", closed)).success).toBe(true);
    const refused = await limiter.limit("a", closed);
    expect(refused).toMatchObject({ success: false, degraded: true });
    expect(limiter.health.failing(1_000_000)).toBe(true);
    // Meanwhile, normal rules still allow.
    expect((await limiter.limit("b", open)).success).toBe(true);
    store.down = false;
    advance(2_000);
    expect(await limiter.limit("a", closed)).toEqual(expect.objectContaining({ success: true }));
    expect((await limiter.limit("a", closed)).degraded).toBeUndefined();
    expect(limiter.health.consecutiveErrors()).toBe(0);
  });

  it("does not trip on errors spread over more than a minute, nor on errors between successes", async () => {
    const { store, limiter, advance } = setup();
    store.down = true;
    // Errors in a row at 0, 40, 80 and 120 s: never three within one minute.
    for (let n = 0; n < 4; n++) {
      expect((await limiter.limit("a", closed)).success, `error ${n + 1}`).toBe(true);
      advance(40_000);
    }
    // One more 1 s after the 4th: the last three (80, 120, 121 s) are within a minute, so it trips.
    advance(-39_000);
    expect((await limiter.limit("a", closed)).success).toBe(false);

    const fresh = setup();
    for (let n = 0; n < 10; n++) {
      fresh.store.down = n % 2 === 0;
      expect((await fresh.limiter.limit(`c${n}`, closed)).success).toBe(true);
    }
  });

  it("skips the store while it is failing, probing it once per interval", async () => {
    const { store, limiter, advance } = setup();
    store.down = true;
    for (let n = 0; n < 3; n++) await limiter.limit("a", open);
    expect(store.calls).toBe(3);
    for (let n = 0; n < 20; n++) await limiter.limit("a", open);
    expect(store.calls).toBe(3);
    advance(2_000);
    await limiter.limit("a", open);
    await limiter.limit("a", open);
    expect(store.calls).toBe(4);
  });

  it("logs a store outage once per interval, not once per request, and says when it is over", async () => {
    const { store, log, limiter, advance } = setup();
    store.down = true;
    for (let n = 0; n < 100; n++) {
      await limiter.limit(`k${n}`, open);
      advance(100); // 10 s in all
    }
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(/store error \(1 in a row, allowing\)/);
    advance(30_000);
    await limiter.limit("x", open);
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[1]?.[0]).toMatch(/similar messages suppressed/);
    store.down = false;
    advance(2_000);
    await limiter.limit("y", open);
    expect(log.mock.calls.at(-1)?.[0]).toMatch(/reachable again after \d+ failed calls/);
  });

  it("throws errors that are not store failures (a bad rule is a bug, not an outage)", async () => {
    const { store, limiter } = setup();
    store.down = true;
    await expect(limiter.limit("a", { limit: 0, windowSeconds: 60 })).rejects.toThrow();
    const buggy = withFailurePolicy(
      {
        backend: "upstash",
        limit: async () => {
          throw new TypeError("bug");
        },
      },
      { log: () => {} },
    );
    await expect(buggy.limit("a", open)).rejects.toThrow("bug");
  });

  it("tells the user when to retry after a fail-closed refusal", async () => {
    const clock = 0;
    const store = fakeStore();
    store.down = true;
    const check = createRateLimitCheck(withFailurePolicy(store, { now: () => clock, log: () => {} }), {
      now: () => clock,
    });
    await check("signIn", { ip: "203.0.113.1" });
    await check("signIn", { ip: "203.0.113.1" });
    expect(await check("signIn", { ip: "203.0.113.1" })).toEqual({
      ok: false,
      retryAfterSeconds: 30,
      message: "Too many attempts. Try again in 30 seconds.",
    });
  });
});

describe("throttled logger", () => {
  it("logs the first message and then one per interval with the count suppressed", () => {
    let clock = 0;
    const lines: string[] = [];
    const log = createThrottledLogger({ intervalMs: 1_000, log: (line) => lines.push(line), now: () => clock });
    log("a");
    log("b");
    log("c");
    clock = 1_000;
    log("d");
    expect(lines).toEqual(["a", "d (2 similar messages suppressed)"]);
  });
});

describe("checkRateLimit", () => {
  it("words the refusal in seconds, then in minutes", () => {
    expect(retryMessage(1)).toBe("Too many attempts. Try again in 1 second.");
    expect(retryMessage(42)).toBe("Too many attempts. Try again in 42 seconds.");
    expect(retryMessage(119)).toBe("Too many attempts. Try again in 119 seconds.");
    expect(retryMessage(120)).toBe("Too many attempts. Try again in 2 minutes.");
    expect(retryMessage(3_599)).toBe("Too many attempts. Try again in 60 minutes.");
  });

  it("keys by hashed identifier, never by the email itself", () => {
    const key = rateLimitKey("signIn", "account", "shopper@example.com");
    expect(key).toMatch(/^signIn:account:[A-Za-z0-9_-]{22}$/);
    expect(key).not.toContain("example");
  });

  it("skips rules whose identifier is missing, and refuses unknown policies", async () => {
    const check = createRateLimitCheck(createMemoryLimiter());
    for (let n = 0; n < 20; n++) expect(await check("signIn", {})).toEqual({ ok: true });
    for (let n = 0; n < 20; n++) expect(await check("signIn", { account: "   " })).toEqual({ ok: true });
    // @ts-expect-error not a policy name
    await expect(check("nope", { ip: "1.2.3.4" })).rejects.toThrow("Unknown rate-limit policy");
  });

  it("applies the checkout, sign-up and search-suggest limits", async () => {
    const check = createRateLimitCheck(createMemoryLimiter());
    for (let n = 0; n < 10; n++) expect((await check("checkoutPlace", { ip: "203.0.113.50" })).ok).toBe(true);
    expect((await check("checkoutPlace", { ip: "203.0.113.50" })).ok).toBe(false);
    for (let n = 0; n < 10; n++)
      expect((await check("checkoutPlace", { ip: `192.0.2.${n}`, account: "a@example.com" })).ok).toBe(true);
    expect((await check("checkoutPlace", { ip: "192.0.2.99", account: "A@example.com" })).ok).toBe(false);
    for (let n = 0; n < 5; n++) expect((await check("signUp", { ip: "203.0.113.51" })).ok).toBe(true);
    expect(await check("signUp", { ip: "203.0.113.51" })).toMatchObject({
      ok: false,
      message: "Too many attempts. Try again in 60 minutes.",
    });
    for (let n = 0; n < 120; n++) expect((await check("searchSuggest", { ip: "203.0.113.52" })).ok).toBe(true);
    expect((await check("searchSuggest", { ip: "203.0.113.52" })).ok).toBe(false);
  });

  it("declares sign-in 5 per minute per IP, failing closed", () => {
    expect(RATE_LIMIT_POLICIES.signIn.ip).toEqual({ limit: 5, windowSeconds: 60, failClosed: true });
    expect(RATE_LIMIT_POLICIES.signIn.account.failClosed).toBe(true);
    expect("failClosed" in RATE_LIMIT_POLICIES.searchSuggest.ip).toBe(false);
  });
});

describe("configuration from the environment", () => {
  it("uses Upstash only when both URL and token are set", () => {
    expect(rateLimitConfigFromEnv({})).toEqual({ backend: "memory", prefix: "rl:" });
    expect(rateLimitConfigFromEnv({ UPSTASH_REDIS_REST_URL: "", UPSTASH_REDIS_REST_TOKEN: "" })).toEqual({
      backend: "memory",
      prefix: "rl:",
    });
    expect(
      rateLimitConfigFromEnv({
        UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io",
        UPSTASH_REDIS_REST_TOKEN: "t0ken",
        RATE_LIMIT_PREFIX: "shop1:rl:",
      }),
    ).toEqual({
      backend: "upstash",
      url: "https://eu1.upstash.io",
      token: "t0ken",
      prefix: "shop1:rl:",
    });
  });

  it("reports a half or invalid configuration and falls back to memory", () => {
    expect(rateLimitConfigFromEnv({ UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io" })).toMatchObject({
      backend: "memory",
      problem: expect.stringContaining("together"),
    });
    expect(
      rateLimitConfigFromEnv({ UPSTASH_REDIS_REST_URL: "eu1.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" }),
    ).toMatchObject({
      backend: "memory",
      problem: expect.stringContaining("UPSTASH_REDIS_REST_URL"),
    });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const limiter = createRateLimiterFromConfig(rateLimitConfigFromEnv({ UPSTASH_REDIS_REST_TOKEN: "t" }));
    expect(limiter.backend).toBe("memory");
    expect(error).toHaveBeenCalledWith(expect.stringContaining("invalid configuration"));
    error.mockRestore();
  });

  it("builds a guarded Upstash limiter from a full configuration", () => {
    const limiter = createRateLimiterFromConfig({
      backend: "upstash",
      url: "http://127.0.0.1:1",
      token: "t",
      prefix: "rl:",
    });
    expect(limiter.backend).toBe("upstash");
    expect("health" in limiter).toBe(true);
  });
});
