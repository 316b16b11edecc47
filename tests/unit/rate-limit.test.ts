// The memory limiter against the shared contract (and sign-in's limits on it), its memory budget, plus the
// pieces around every backend: the failure policy (with a fake store and a fake clock), client IPs,
// messages, policies and env configuration.
import { describe, expect, it, vi } from "vitest";
import { createRateLimitCheck, rateLimitKey, retryMessage } from "@/lib/rate-limit/check";
import { createRateLimiterFromConfig, rateLimitConfigFromEnv } from "@/lib/rate-limit/config";
import { withFailurePolicy } from "@/lib/rate-limit/failure-policy";
import { createMemoryLimiter, DEFAULT_MAX_KEYS_PER_GROUP, keyGroup } from "@/lib/rate-limit/memory";
import { RATE_LIMIT_POLICIES, SIGN_IN_POLICY } from "@/lib/rate-limit/policies";
import { createSignInThrottle, progressiveDelayMs } from "@/lib/rate-limit/sign-in";
import { RateLimitStoreError, type LimitResult, type RateLimiter, type RateLimitRule } from "@/lib/rate-limit/types";
import { createThrottledLogger } from "@/lib/rate-limit/throttled-log";
import { rateLimiterContract, signInThrottleContract } from "../helpers/rate-limit-contract";

describe("memory limiter: the shared contract", () => {
  rateLimiterContract((now) => createMemoryLimiter({ now }));
});

describe("sign-in limits on the memory limiter", () => {
  signInThrottleContract((now) => createMemoryLimiter({ now }));
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

  it("keeps a guessed account's count through a flood of new keys from another policy (default budget)", async () => {
    const limiter = createMemoryLimiter({ log: () => {} });
    const account = { limit: 2, windowSeconds: 900, failClosed: true };
    const victim = "signIn:account:victim";
    await limiter.limit(victim, account);
    await limiter.limit(victim, account);
    expect((await limiter.limit(victim, account)).success).toBe(false);
    // More new keys than any one budget, all still inside their window.
    for (let n = 0; n < DEFAULT_MAX_KEYS_PER_GROUP + 10_000; n++) {
      await limiter.limit(`searchSuggest:ip:${n}`, { limit: 120, windowSeconds: 60 });
    }
    expect((await limiter.limit(victim, account)).success).toBe(false);
    expect(limiter.size("signIn:account")).toBe(1);
    expect(limiter.size("searchSuggest:ip")).toBe(DEFAULT_MAX_KEYS_PER_GROUP);
  });

  it("never evicts a live key of its own group: a full group answers new keys as a failing store would", async () => {
    let clock = 1_000_000;
    const log = vi.fn<(message: string) => void>();
    const limiter = createMemoryLimiter({ maxKeysPerGroup: 100, now: () => clock, log });
    const closed = { limit: 1, windowSeconds: 60, failClosed: true };
    const open = { limit: 1, windowSeconds: 60 };
    expect((await limiter.limit("signIn:ip:first", closed)).success).toBe(true);
    clock += 1_000;
    for (let n = 0; n < 99; n++) expect((await limiter.limit(`signIn:ip:${n}`, closed)).success).toBe(true);
    for (let n = 0; n < 100; n++) await limiter.limit(`searchSuggest:ip:${n}`, open);
    expect(limiter.size()).toBe(200);

    // fail closed: a new key is refused until the group's oldest key expires (59 s from now)...
    expect(await limiter.limit("signIn:ip:new", closed)).toEqual({
      success: false,
      remaining: 0,
      resetAt: new Date(1_060_000),
      degraded: true,
    });
    // ...fail open: a new key is allowed, but not counted (the flood is not remembered).
    for (let n = 0; n < 3; n++) {
      expect(await limiter.limit("searchSuggest:ip:new", open)).toMatchObject({ success: true, degraded: true });
    }
    expect((await limiter.limit("searchSuggest:ip:new", open)).attempt).toBeUndefined();
    // Keys already counted go on exactly as before: every one of them is still refused.
    expect((await limiter.limit("signIn:ip:first", closed)).success).toBe(false);
    for (let n = 0; n < 99; n++) expect((await limiter.limit(`signIn:ip:${n}`, closed)).success).toBe(false);
    expect(limiter.size()).toBe(200);
    // One warning per 30 s, naming the group, however many new keys were turned away.
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(/group "signIn:ip" holds 100 live keys .* new keys are refused/);

    // Once the oldest key has left its window, its room goes to a new key.
    clock = 1_060_000;
    expect(await limiter.limit("signIn:ip:new", closed)).toMatchObject({ success: true, remaining: 0 });
    expect((await limiter.limit("signIn:ip:other", closed)).degraded).toBe(true);
  });

  it("names a key's group by everything before its last ':'", () => {
    expect(keyGroup("signIn:ip:abc")).toBe("signIn:ip");
    expect(keyGroup("signIn:accountIp:abc")).toBe("signIn:accountIp");
    expect(keyGroup("plain")).toBe("");
  });

  it("uses the same window arithmetic as the Redis script (an attempt counts during [t, t + window))", async () => {
    let clock = 5_000;
    const limiter = createMemoryLimiter({ now: () => clock });
    const rule = { limit: 1, windowSeconds: 10 };
    expect(await limiter.limit("k", rule)).toEqual({
      success: true,
      remaining: 0,
      resetAt: new Date(15_000),
      attempt: expect.any(String),
    });
    clock = 14_999;
    expect((await limiter.limit("k", rule)).success).toBe(false);
    clock = 15_000;
    expect((await limiter.limit("k", rule)).success).toBe(true);
  });
});

/** A store that fails while `down` is true. */
function fakeStore(): RateLimiter & { down: boolean; calls: number; releases: number } {
  const memory = createMemoryLimiter();
  const store = {
    backend: "upstash" as const,
    down: false,
    calls: 0,
    releases: 0,
    async limit(key: string, rule: RateLimitRule): Promise<LimitResult> {
      store.calls++;
      if (store.down) throw new RateLimitStoreError("Redis rate-limit call failed: TimeoutError");
      return memory.limit(key, rule);
    },
    async release(key: string, attempt: string): Promise<void> {
      store.releases++;
      if (store.down) throw new RateLimitStoreError("Redis rate-limit release failed: TimeoutError");
      return memory.release(key, attempt);
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
        release: async () => {},
      },
      { log: () => {} },
    );
    await expect(buggy.limit("a", open)).rejects.toThrow("bug");
  });

  it("refuses sign-in with a time to retry once the store is failing, without calling it again", async () => {
    const clock = 0;
    const store = fakeStore();
    store.down = true;
    const sleeps: number[] = [];
    const throttle = createSignInThrottle(withFailurePolicy(store, { now: () => clock, log: () => {} }), {
      now: () => clock,
      sleep: async (ms) => void sleeps.push(ms),
    });
    // Three store errors in this one attempt (address, account and address, account): the count is
    // unknown, so it is slowed, not refused, and the breaker trips on the third.
    expect(await throttle.begin({ ip: "203.0.113.1", account: "a@example.com" })).toMatchObject({
      ok: true,
      delayMs: SIGN_IN_POLICY.delay.maxMs,
    });
    expect(store.calls).toBe(3);
    expect(await throttle.begin({ ip: "203.0.113.1", account: "a@example.com" })).toEqual({
      ok: false,
      retryAfterSeconds: 30,
    });
    expect(store.calls).toBe(3);
    expect(sleeps).toEqual([SIGN_IN_POLICY.delay.maxMs]);
  });

  it("passes releases to the store, and drops them (the attempt stays counted) when it fails", async () => {
    const { store, log, limiter } = setup();
    const closed1 = { limit: 1, windowSeconds: 60, failClosed: true };
    const first = await limiter.limit("r", closed1);
    await limiter.release("r", first.attempt!);
    expect(store.releases).toBe(1);
    expect((await limiter.limit("r", closed1)).success).toBe(true);
    store.down = true;
    await expect(limiter.release("r", "x")).resolves.toBeUndefined();
    expect(log.mock.calls.at(-1)?.[0]).toMatch(/error on release \(the attempt stays counted\)/);
    // While the store counts as failing, releases do not even try it.
    for (let n = 0; n < 3; n++) await limiter.limit("s", open);
    const before = store.releases;
    await limiter.release("r", "y");
    expect(store.releases).toBe(before);
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
    for (let n = 0; n < 20; n++) expect(await check("checkoutPlace", {})).toEqual({ ok: true });
    for (let n = 0; n < 20; n++) expect(await check("checkoutPlace", { account: "   " })).toEqual({ ok: true });
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

  it("declares sign-in: 5 failures a minute per IP, slowed then refused per account and IP, a ceiling that only slows", () => {
    expect(SIGN_IN_POLICY.ip).toEqual({ limit: 5, windowSeconds: 60, failClosed: true });
    expect(SIGN_IN_POLICY.accountIp).toEqual({ limit: 10, windowSeconds: 900, failClosed: true });
    expect(SIGN_IN_POLICY.account).toEqual({ limit: 30, windowSeconds: 900, failClosed: true });
    expect("signIn" in RATE_LIMIT_POLICIES).toBe(false);
    expect("failClosed" in RATE_LIMIT_POLICIES.searchSuggest.ip).toBe(false);
  });

  it("grows the per-address delay by doubling, from the 4th failure, up to 5 s", () => {
    const delays = Array.from({ length: 12 }, (_, n) => progressiveDelayMs(n + 1, SIGN_IN_POLICY.delay));
    expect(delays).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000, 5_000, 5_000, 5_000]);
    expect(progressiveDelayMs(10_000, SIGN_IN_POLICY.delay)).toBe(5_000);
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
