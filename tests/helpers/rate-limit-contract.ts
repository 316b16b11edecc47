// The behaviour every rate-limit backend must have, run against each of them: the memory limiter in
// tests/unit/rate-limit.test.ts and Upstash Redis (real Redis behind the REST bridge) in
// tests/integration/rate-limit.test.ts. Real time, with short windows where a window must pass.
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { createRateLimitCheck } from "@/lib/rate-limit/check";
import type { RateLimiter } from "@/lib/rate-limit/types";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const uniqueKey = (label: string) => `${label}:${randomBytes(6).toString("hex")}`;

/** Declares the contract's tests; `makeLimiter` gives a limiter whose keys no other test shares. */
export function rateLimiterContract(makeLimiter: () => RateLimiter): void {
  it("allows the first 5 sign-in attempts from one IP within a minute and refuses the 6th", async () => {
    const check = createRateLimitCheck(makeLimiter());
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await check("signIn", { ip: "203.0.113.10" }), `attempt ${attempt}`).toEqual({ ok: true });
    }
    const refused = await check("signIn", { ip: "203.0.113.10" });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(55);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(refused.message).toBe(`Too many attempts. Try again in ${refused.retryAfterSeconds} seconds.`);
    // Still refused: refusals do not count, but they do not free a slot either.
    expect((await check("signIn", { ip: "203.0.113.10" })).ok).toBe(false);
  });

  it("counts each IP separately", async () => {
    const check = createRateLimitCheck(makeLimiter());
    for (let attempt = 0; attempt < 5; attempt++) await check("signIn", { ip: "203.0.113.20" });
    expect((await check("signIn", { ip: "203.0.113.20" })).ok).toBe(false);
    expect(await check("signIn", { ip: "203.0.113.21" })).toEqual({ ok: true });
    expect(await check("signIn", { ip: "2001:db8:1:2::99" })).toEqual({ ok: true });
  });

  it("limits an account across IPs (10 per 15 minutes), whatever the case of the email", async () => {
    const check = createRateLimitCheck(makeLimiter());
    for (let attempt = 1; attempt <= 10; attempt++) {
      const email = attempt % 2 ? "Shopper@Example.com" : " shopper@example.com ";
      expect(await check("signIn", { ip: `198.51.100.${attempt}`, account: email }), `attempt ${attempt}`).toEqual({
        ok: true,
      });
    }
    const refused = await check("signIn", { ip: "198.51.100.200", account: "shopper@example.com" });
    expect(refused).toEqual({
      ok: false,
      retryAfterSeconds: expect.any(Number),
      message: "Too many attempts. Try again in 15 minutes.",
    });
    expect(await check("signIn", { ip: "198.51.100.200", account: "someone-else@example.com" })).toEqual({ ok: true });
  });

  it("does not count an attempt refused per IP against the account", async () => {
    const check = createRateLimitCheck(makeLimiter());
    for (let attempt = 0; attempt < 5; attempt++)
      await check("signIn", { ip: "203.0.113.30", account: "victim@example.com" });
    // One address hammering: refused by the IP rule, 20 times.
    for (let attempt = 0; attempt < 20; attempt++) {
      expect((await check("signIn", { ip: "203.0.113.30", account: "victim@example.com" })).ok).toBe(false);
    }
    // The account has used 5 of its 10: the owner, elsewhere, still gets in.
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await check("signIn", { ip: `192.0.2.${attempt + 1}`, account: "victim@example.com" })).toEqual({
        ok: true,
      });
    }
  });

  it("counts down remaining and reports when the oldest attempt leaves the window", async () => {
    const limiter = makeLimiter();
    const key = uniqueKey("remaining");
    const before = Date.now();
    const first = await limiter.limit(key, { limit: 3, windowSeconds: 30 });
    expect(first.success).toBe(true);
    expect(first.remaining).toBe(2);
    expect(first.resetAt.getTime()).toBeGreaterThanOrEqual(before + 30_000);
    expect(first.resetAt.getTime()).toBeLessThanOrEqual(Date.now() + 30_000);
    expect((await limiter.limit(key, { limit: 3, windowSeconds: 30 })).remaining).toBe(1);
    expect((await limiter.limit(key, { limit: 3, windowSeconds: 30 })).remaining).toBe(0);
    const refused = await limiter.limit(key, { limit: 3, windowSeconds: 30 });
    expect(refused).toMatchObject({ success: false, remaining: 0 });
    expect(refused.resetAt.getTime()).toBe(first.resetAt.getTime());
  });

  it("frees attempts as they leave the window (a sliding window, not a fixed one)", async () => {
    const limiter = makeLimiter();
    const key = uniqueKey("window");
    const rule = { limit: 2, windowSeconds: 1.2 };
    expect((await limiter.limit(key, rule)).success).toBe(true);
    await sleep(600);
    expect((await limiter.limit(key, rule)).success).toBe(true);
    const refused = await limiter.limit(key, rule);
    expect(refused.success).toBe(false);
    // Just after the first attempt leaves the window, exactly one slot is free again: the second attempt
    // is still inside it (a fixed window would have reset both).
    await sleep(Math.max(0, refused.resetAt.getTime() - Date.now()) + 30);
    expect((await limiter.limit(key, rule)).success).toBe(true);
    expect((await limiter.limit(key, rule)).success).toBe(false);
  });

  it("allows exactly the limit among 20 simultaneous calls", async () => {
    const limiter = makeLimiter();
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

  it("allows exactly 5 of 20 simultaneous sign-ins from one IP", async () => {
    const check = createRateLimitCheck(makeLimiter());
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => check("signIn", { ip: "203.0.113.40" })));
    expect(verdicts.filter((verdict) => verdict.ok)).toHaveLength(5);
  });

  it("rejects a rule that would silently disable the limit", async () => {
    const limiter = makeLimiter();
    await expect(limiter.limit(uniqueKey("bad"), { limit: 0, windowSeconds: 60 })).rejects.toThrow();
    await expect(limiter.limit(uniqueKey("bad"), { limit: 1.5, windowSeconds: 60 })).rejects.toThrow();
  });
}
