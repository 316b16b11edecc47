// The shared 'use cache' handler (lib/cache/shared-cache.ts) against real Redis 7 behind the Upstash REST
// bridge: two handlers with their own memory and their own tag manifest play two instances. What one
// stores the other serves; a revalidation on one reaches the other's manifest through the tag log; the
// instance whose copy went stale picks up the one re-rendered elsewhere; and with Redis stopped nothing
// throws: entries are served and stored in memory, revalidations are kept and published once Redis is back.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CacheEntry } from "next/dist/server/lib/cache-handlers/types";
import { createSharedCacheHandler, type SharedCacheHandler } from "@/lib/cache/shared-cache";
import { areTagsExpired, type TagManifest } from "@/lib/cache/tag-manifest";
import { createUpstashRedis } from "@/lib/rate-limit/upstash";
import { redisAvailable, startTestRedis, type TestRedis } from "../helpers/redis";

const available = redisAvailable();

function entry(text: string, tags: string[], timestamp = Date.now()): Promise<CacheEntry> {
  return Promise.resolve({
    value: new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
    tags,
    stale: 300,
    timestamp,
    expire: 86_400,
    revalidate: 3_600,
  });
}

async function read(found: CacheEntry | undefined): Promise<{ text: string; revalidate: number } | undefined> {
  if (!found) return undefined;
  return { text: await new Response(found.value).text(), revalidate: found.revalidate };
}

describe.skipIf(!available)("shared cache handler on Redis (two instances)", () => {
  let redis: TestRedis;
  const handlers: SharedCacheHandler[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    for (const handler of handlers) handler.close();
    await redis?.stop();
  });

  // While Redis is up, calls get a patient deadline: on a loaded machine a healthy call can take longer than
  // the short one, and the handler would then count Redis as down (a lost write, a miss, a log line) where
  // the test expects it up. Only while the outage test has stopped Redis do calls go through the short
  // deadline, so each costs 500 ms, not 15 s.
  let redisDown = false;
  function redisClient() {
    const patient = createUpstashRedis(redis.restUrl, redis.token, 15_000);
    const quick = createUpstashRedis(redis.restUrl, redis.token, 500);
    return new Proxy(patient, {
      get(_target, key) {
        const current = redisDown ? quick : patient;
        const value: unknown = Reflect.get(current, key);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(current) : value;
      },
    });
  }

  function instance(prefix: string, logs: string[] = []) {
    const manifest: TagManifest = new Map();
    const handler = createSharedCacheHandler({
      redis: redisClient(),
      prefix,
      manifest,
      tagSyncMs: 60_000, // synced by hand below
      retryAfterMs: 0,
      log: (message) => logs.push(message),
    });
    handlers.push(handler);
    return { handler, manifest, logs };
  }

  it("serves on B what A stored, then from B's own memory", async () => {
    const prefix = `t:${randomBytes(4).toString("hex")}:`;
    const a = instance(prefix);
    const b = instance(prefix);
    await a.handler.set("k1", entry("price $107.95", ["product:tee"]));

    expect(await read(await b.handler.get("k1", []))).toEqual({ text: "price $107.95", revalidate: 3_600 });
    expect(b.handler.stats()).toMatchObject({ redisHits: 1, memoryHits: 0, misses: 0 });
    expect(await read(await b.handler.get("k1", []))).toEqual({ text: "price $107.95", revalidate: 3_600 });
    expect(b.handler.stats()).toMatchObject({ redisHits: 1, memoryHits: 1 });
    expect(await b.handler.get("never-stored", [])).toBeUndefined();
    expect(b.handler.stats().misses).toBe(1);
  });

  it("a revalidation on A reaches B's manifest; B then takes the entry A re-rendered", async () => {
    const prefix = `t:${randomBytes(4).toString("hex")}:`;
    const a = instance(prefix);
    const b = instance(prefix);
    await Promise.all([a.handler.syncTags(), b.handler.syncTags()]); // the first (full) load
    await a.handler.set("page", entry("price $107.95", ["product:tee", "products"], Date.now() - 1_000));
    await read(await b.handler.get("page", [])); // B holds it in memory now

    // revalidateTag("product:tee", "max"): stale now, expired after the profile's expire.
    await a.handler.updateTags(["product:tee"], { expire: 365 * 24 * 3600 });
    expect(a.manifest.get("product:tee")?.stale).toBeTypeOf("number");
    expect(b.manifest.get("product:tee")).toBeUndefined();
    await b.handler.syncTags();
    expect(b.manifest.get("product:tee")).toEqual(a.manifest.get("product:tee"));
    expect(b.handler.stats().remoteRevalidations).toBe(1);
    expect(b.handler.stats().lastRemoteRevalidationAt).toBeTypeOf("number");
    expect(a.handler.stats().lastRemoteRevalidationAt).toBeNull(); // its own change is not a remote one

    // Nobody re-rendered yet: B serves its copy once more, marked for a background refresh.
    expect(await read(await b.handler.get("page", []))).toEqual({ text: "price $107.95", revalidate: -1 });

    // A re-renders; B finds the newer entry in Redis instead of rendering (querying the database) itself.
    await a.handler.set("page", entry("price $101.00", ["product:tee", "products"]));
    const redisHitsBefore = b.handler.stats().redisHits;
    expect(await read(await b.handler.get("page", []))).toEqual({ text: "price $101.00", revalidate: 3_600 });
    expect(b.handler.stats().redisHits).toBe(redisHitsBefore + 1);
    // Applying the same change again changes nothing.
    await b.handler.syncTags();
    expect(b.handler.stats().remoteRevalidations).toBe(1);
  });

  it("an immediate expiry (updateTag) on A makes B's copy a miss", async () => {
    const prefix = `t:${randomBytes(4).toString("hex")}:`;
    const a = instance(prefix);
    const b = instance(prefix);
    await Promise.all([a.handler.syncTags(), b.handler.syncTags()]);
    await a.handler.set("cart-free", entry("old", ["categories"], Date.now() - 1_000));
    await read(await b.handler.get("cart-free", []));
    await a.handler.updateTags(["categories"]);
    await b.handler.syncTags();
    expect(await b.handler.get("cart-free", [])).toBeUndefined();
    expect(await b.handler.getExpiration(["categories"])).toBeGreaterThan(0);
  });

  it("an admin edit's expiry ({ expire: 0 }) on A expires B's page cache and 'use cache' copies at once", async () => {
    const prefix = `t:${randomBytes(4).toString("hex")}:`;
    const a = instance(prefix);
    const b = instance(prefix);
    await Promise.all([a.handler.syncTags(), b.handler.syncTags()]);
    const builtAt = Date.now() - 1_000; // a page prerendered at build, and the entry it was rendered from
    await a.handler.set("product", entry("price $107.95", ["product:tee"], builtAt));
    await read(await b.handler.get("product", []));

    // revalidateProductPages: revalidateTag(tag, { expire: 0 }).
    await a.handler.updateTags(["product:tee"], { expire: 0 });
    await b.handler.syncTags();
    // Next's page cache drops a page whose tags expired after it was made (areTagsExpired): the prerendered
    // product page is rendered again instead of served stale, on B as on A.
    expect(areTagsExpired(b.manifest, ["product:tee"], builtAt, Date.now())).toBe(true);
    expect(await b.handler.get("product", [])).toBeUndefined();
  });

  it("a Redis outage degrades to memory with a warning, and revalidations are published once it is back", async () => {
    const prefix = `t:${randomBytes(4).toString("hex")}:`;
    const a = instance(prefix);
    const b = instance(prefix);
    await Promise.all([a.handler.syncTags(), b.handler.syncTags()]);
    await a.handler.set("hot", entry("in memory and Redis", ["product:mug"], Date.now() - 1_000));

    await redis.stopRedis();
    redisDown = true;
    try {
      expect(await read(await a.handler.get("hot", []))).toMatchObject({ text: "in memory and Redis" });
      await a.handler.set("rendered-during-outage", entry("memory only", ["products"]));
      expect(await read(await a.handler.get("rendered-during-outage", []))).toMatchObject({ text: "memory only" });
      await expect(a.handler.updateTags(["product:mug"], { expire: 3_600 })).resolves.toBeUndefined();
      await expect(a.handler.syncTags()).resolves.toBeUndefined();
      expect(await b.handler.get("hot", [])).toBeUndefined(); // B had no copy and Redis is gone: a render
      expect(a.handler.stats().redisReachable).toBe(false);
      expect(a.logs.filter((line) => line.includes("serving from this instance's memory only"))).toHaveLength(1);
    } finally {
      await redis.startRedis();
      redisDown = false;
    }

    // Back: A publishes the revalidation it made during the outage, and B applies it.
    await a.handler.syncTags();
    expect(a.handler.stats().redisReachable).toBe(true);
    expect(a.logs.some((line) => line.includes("reachable again"))).toBe(true);
    await b.handler.syncTags();
    await b.handler.syncTags();
    expect(b.manifest.get("product:mug")?.stale).toBe(a.manifest.get("product:mug")?.stale);
  });
});
