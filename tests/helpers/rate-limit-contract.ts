// The behaviour every rate-limit backend must have, run against each of them: the memory limiter in
// tests/unit/rate-limit.test.ts and Upstash Redis (real Redis behind the REST bridge) in
// tests/integration/rate-limit.test.ts. Time is a fake clock handed to the limiter (both backends take
// "now" from the app), so windows pass without waiting and every time in an answer is exact.
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { createRateLimitCheck } from "@/lib/rate-limit/check";
import type { RateLimitPolicy, SignInPolicy } from "@/lib/rate-limit/policies";
import { createSignInThrottle, type SignInGate } from "@/lib/rate-limit/sign-in";
import type { RateLimiter } from "@/lib/rate-limit/types";

const uniqueKey = (label: string) => `${label}:${randomBytes(6).toString("hex")}`;
/** Addresses and accounts no other test (nor an earlier run against the same Redis) uses. */
const uniqueIp = () => `2001:db8:${randomBytes(2).readUInt16BE()}:${randomBytes(2).readUInt16BE()}::1`;
const uniqueAccount = (label: string) => `${label}-${randomBytes(4).toString("hex")}@example.com`;

export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
}

export function fakeClock(start = Date.now()): FakeClock {
  let at = start;
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
  };
}

/** Makes a limiter whose keys no other test shares, reading time from `now`. */
export type MakeLimiter = (now: () => number) => RateLimiter;

// A policy shaped like the store's, with its own name so these tests never depend on the store's numbers.
const POLICIES = {
  login: {
    ip: { limit: 5, windowSeconds: 60, failClosed: true },
    account: { limit: 10, windowSeconds: 15 * 60, failClosed: true },
  },
} satisfies Record<string, RateLimitPolicy>;

/** Declares the contract's tests for one backend. */
export function rateLimiterContract(makeLimiter: MakeLimiter): void {
  function setup() {
    const clock = fakeClock();
    const limiter = makeLimiter(clock.now);
    return { clock, limiter, check: createRateLimitCheck(limiter, { policies: POLICIES, now: clock.now }) };
  }

  it("allows the first 5 attempts from one IP within a minute and refuses the 6th", async () => {
    const { clock, check } = setup();
    const ip = uniqueIp();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await check("login", { ip }), `attempt ${attempt}`).toEqual({ ok: true });
      clock.advance(1_000);
    }
    // The first attempt leaves the window 60 s after it was made, 55 s from now.
    expect(await check("login", { ip })).toEqual({
      ok: false,
      retryAfterSeconds: 55,
      message: "Too many attempts. Try again in 55 seconds.",
    });
    // Still refused: refusals do not count, but they do not free a slot either.
    expect((await check("login", { ip })).ok).toBe(false);
  });

  it("counts each IP separately", async () => {
    const { check } = setup();
    const ip = uniqueIp();
    for (let attempt = 0; attempt < 5; attempt++) await check("login", { ip });
    expect((await check("login", { ip })).ok).toBe(false);
    expect(await check("login", { ip: uniqueIp() })).toEqual({ ok: true });
  });

  it("limits an account across IPs, whatever the case of the email", async () => {
    const { check } = setup();
    const account = uniqueAccount("shopper");
    for (let attempt = 1; attempt <= 10; attempt++) {
      const email = attempt % 2 ? account.toUpperCase() : ` ${account} `;
      expect(await check("login", { ip: uniqueIp(), account: email }), `attempt ${attempt}`).toEqual({ ok: true });
    }
    expect(await check("login", { ip: uniqueIp(), account })).toEqual({
      ok: false,
      retryAfterSeconds: 900,
      message: "Too many attempts. Try again in 15 minutes.",
    });
    expect(await check("login", { ip: uniqueIp(), account: uniqueAccount("someone-else") })).toEqual({ ok: true });
  });

  it("does not count an attempt refused per IP against the account", async () => {
    const { check } = setup();
    const ip = uniqueIp();
    const account = uniqueAccount("victim");
    for (let attempt = 0; attempt < 5; attempt++) await check("login", { ip, account });
    // One address hammering: refused by the IP rule, 20 times.
    for (let attempt = 0; attempt < 20; attempt++) expect((await check("login", { ip, account })).ok).toBe(false);
    // The account has used 5 of its 10.
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await check("login", { ip: uniqueIp(), account })).toEqual({ ok: true });
    }
    expect((await check("login", { ip: uniqueIp(), account })).ok).toBe(false);
  });

  it("counts down remaining and reports when the oldest attempt leaves the window", async () => {
    const { clock, limiter } = setup();
    const key = uniqueKey("remaining");
    const rule = { limit: 3, windowSeconds: 30 };
    const first = await limiter.limit(key, rule);
    expect(first).toMatchObject({ success: true, remaining: 2, resetAt: new Date(clock.now() + 30_000) });
    clock.advance(5_000);
    expect((await limiter.limit(key, rule)).remaining).toBe(1);
    expect((await limiter.limit(key, rule)).remaining).toBe(0);
    const refused = await limiter.limit(key, rule);
    expect(refused).toMatchObject({ success: false, remaining: 0 });
    expect(refused.resetAt).toEqual(first.resetAt);
    expect(refused.attempt).toBeUndefined();
  });

  it("frees attempts as they leave the window (a sliding window, not a fixed one)", async () => {
    const { clock, limiter } = setup();
    const key = uniqueKey("window");
    const rule = { limit: 2, windowSeconds: 10 };
    expect((await limiter.limit(key, rule)).success).toBe(true);
    clock.advance(6_000);
    expect((await limiter.limit(key, rule)).success).toBe(true);
    clock.advance(3_999);
    expect((await limiter.limit(key, rule)).success).toBe(false);
    // The first attempt counts during [t, t + 10 s): at exactly t + 10 s one slot is free, and only one,
    // since the second attempt is still inside the window (a fixed window would have reset both).
    clock.advance(1);
    expect((await limiter.limit(key, rule)).success).toBe(true);
    expect((await limiter.limit(key, rule)).success).toBe(false);
  });

  it("takes a released attempt back, once, and ignores unknown attempts", async () => {
    const { limiter } = setup();
    const key = uniqueKey("release");
    const rule = { limit: 2, windowSeconds: 60 };
    const first = await limiter.limit(key, rule);
    const second = await limiter.limit(key, rule);
    expect((await limiter.limit(key, rule)).success).toBe(false);
    expect(first.attempt).toEqual(expect.any(String));
    expect(second.attempt).not.toBe(first.attempt);
    await limiter.release(key, first.attempt!);
    await limiter.release(key, first.attempt!); // twice: still one slot
    await limiter.release(key, "no-such-attempt");
    await limiter.release(uniqueKey("never-used"), "x");
    expect(await limiter.limit(key, rule)).toMatchObject({ success: true, remaining: 0 });
    expect((await limiter.limit(key, rule)).success).toBe(false);
  });

  it("allows exactly the limit among 20 simultaneous calls", async () => {
    const { limiter } = setup();
    const key = uniqueKey("parallel");
    const results = await Promise.all(
      Array.from({ length: 20 }, () => limiter.limit(key, { limit: 5, windowSeconds: 60 })),
    );
    expect(results.filter((result) => result.success)).toHaveLength(5);
    expect(
      results
        .filter((result) => result.success)
        .map((result) => result.remaining)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4]);
  });

  it("allows exactly 5 of 20 simultaneous checks from one IP", async () => {
    const { check } = setup();
    const ip = uniqueIp();
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => check("login", { ip })));
    expect(verdicts.filter((verdict) => verdict.ok)).toHaveLength(5);
  });

  it("rejects a rule that would silently disable the limit", async () => {
    const { limiter } = setup();
    await expect(limiter.limit(uniqueKey("bad"), { limit: 0, windowSeconds: 60 })).rejects.toThrow();
    await expect(limiter.limit(uniqueKey("bad"), { limit: 1.5, windowSeconds: 60 })).rejects.toThrow();
  });
}

/** Sign-in's limits (lib/rate-limit/sign-in.ts) on one backend: the store's own policy, fake clock and sleep. */
export function signInThrottleContract(makeLimiter: MakeLimiter, options: { policy?: SignInPolicy } = {}): void {
  function setup() {
    const clock = fakeClock();
    const sleeps: number[] = [];
    const throttle = createSignInThrottle(makeLimiter(clock.now), {
      policy: options.policy,
      now: clock.now,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    /** One attempt that turns out to be a wrong password (nothing released). */
    const fail = (ip: string, account?: string) => throttle.begin({ ip, account });
    /** One attempt with the right password. */
    const succeed = async (ip: string, account?: string) => {
      const gate = await throttle.begin({ ip, account });
      if (gate.ok) await gate.succeeded();
      return gate;
    };
    return { clock, sleeps, throttle, fail, succeed };
  }

  const delays = (gates: SignInGate[]) => gates.map((gate) => (gate.ok ? gate.delayMs : "refused"));

  it("refuses the 6th failed attempt from one address within a minute, with the seconds to wait", async () => {
    const { clock, fail } = setup();
    const ip = uniqueIp();
    for (let n = 0; n < 5; n++) {
      expect((await fail(ip, uniqueAccount("any"))).ok).toBe(true);
      clock.advance(1_000);
    }
    expect(await fail(ip, uniqueAccount("any"))).toEqual({ ok: false, retryAfterSeconds: 55 });
    expect(await fail(uniqueIp(), uniqueAccount("any"))).toMatchObject({ ok: true, delayMs: 0 });
  });

  it("does not count successful sign-ins: the owner can sign in again and again", async () => {
    const { fail, succeed, sleeps } = setup();
    const ip = uniqueIp();
    const owner = uniqueAccount("owner");
    // 40 sign-ins from one address within a minute: none slowed, none refused.
    for (let n = 0; n < 40; n++) expect(await succeed(ip, owner)).toMatchObject({ ok: true, delayMs: 0 });
    expect(sleeps).toEqual([]);
    // They left nothing behind: this address still has its 5 failures per minute...
    for (let n = 0; n < 5; n++) expect((await fail(ip, uniqueAccount("typo"))).ok).toBe(true);
    expect((await fail(ip, owner)).ok).toBe(false);
  });

  it("slows failures from one address at one account more and more, then refuses that address only", async () => {
    const { clock, fail, succeed } = setup();
    const ip = uniqueIp();
    const account = uniqueAccount("target");
    const gates: SignInGate[] = [];
    for (let n = 0; n < 11; n++) {
      gates.push(await fail(ip, account));
      clock.advance(20_000); // 3 a minute: under the per-address limit
    }
    expect(delays(gates)).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000, 5_000, "refused"]);
    // Refused 200 s after the first failure, which leaves the 15-minute window 900 s after it was made.
    expect(gates[10]).toEqual({ ok: false, retryAfterSeconds: 700 });
    // Another address at the same account (the owner): not slowed, not refused.
    expect(await succeed(uniqueIp(), account)).toMatchObject({ ok: true, delayMs: 0 });
    // The same address at another account: not slowed either.
    expect(await fail(ip, uniqueAccount("other"))).toMatchObject({ ok: true, delayMs: 0 });
  });

  it("slows every attempt at an account past its ceiling, but never refuses: the owner still gets in", async () => {
    const { fail, succeed } = setup();
    const owner = uniqueAccount("owner");
    // An attack from many addresses: 4 failures each (under every per-address limit), 120 in all.
    const attack: SignInGate[] = [];
    for (let address = 0; address < 30; address++) {
      const ip = uniqueIp();
      for (let n = 0; n < 4; n++) attack.push(await fail(ip, owner));
    }
    expect(attack.every((gate) => gate.ok)).toBe(true);
    // Past the 30th failure, every attacker waits the maximum delay before being told anything.
    expect(delays(attack.slice(30))).toEqual(attack.slice(30).map(() => 5_000));
    // The owner, from their own address: slowed to the same 5 s, and in.
    const owners = await succeed(uniqueIp(), owner);
    expect(owners).toMatchObject({ ok: true, delayMs: 5_000 });
    // Still more attackers: still slowed, never refused.
    for (let n = 0; n < 10; n++) expect(await fail(uniqueIp(), owner)).toMatchObject({ ok: true, delayMs: 5_000 });
  });

  it("lets the ceiling fall back as the attack's failures leave the window", async () => {
    const { clock, fail } = setup();
    const account = uniqueAccount("owner");
    for (let n = 0; n < 30; n++) await fail(uniqueIp(), account);
    expect(await fail(uniqueIp(), account)).toMatchObject({ ok: true, delayMs: 5_000 });
    clock.advance(15 * 60_000);
    expect(await fail(uniqueIp(), account)).toMatchObject({ ok: true, delayMs: 0 });
  });

  it("counts parallel guesses before any password is checked: 5 of 20 simultaneous attempts go on", async () => {
    const { throttle } = setup();
    const ip = uniqueIp();
    const gates = await Promise.all(
      Array.from({ length: 20 }, () => throttle.begin({ ip, account: uniqueAccount("any") })),
    );
    expect(gates.filter((gate) => gate.ok)).toHaveLength(5);
  });
}
