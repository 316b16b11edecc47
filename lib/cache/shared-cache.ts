// The 'use cache' handler of a store that runs as several instances (next.config.ts `cacheHandlers`, loaded
// through ./next-cache-handler.mjs when UPSTASH_REDIS_REST_URL / _TOKEN are set). Without Redis, Next's
// built-in in-memory handler is used, exactly as before.
//
//   entries      every instance writes what it renders to Redis (`<prefix>e:<hash of the key>`, with the
//                entry's expire as TTL) and keeps a copy in a byte-bounded LRU in its own memory, so a hot
//                page is served without a network round trip; an entry found in neither is rendered.
//   tags         a revalidation (revalidateTag/updateTag after an admin edit) is applied here at once and
//                published to Redis: one hash field per tag (when and what it set) plus a sorted set of
//                recent changes. Every instance polls that set every CACHE_TAG_SYNC_MS (500 ms) and applies
//                what others published to Next's own tag manifest (./tag-manifest.ts), which is what both
//                this handler and Next's page cache (prerendered shells) check entries against. A local copy
//                whose tags went stale is looked up in Redis again, where the instance that re-rendered it
//                may already have put the fresh one.
//   outage       Redis errors and timeouts never reach a shopper: the handler serves and stores in memory
//                only, logs one warning (then at most one a minute), retries Redis every few seconds, and
//                when it answers again publishes the revalidations it could not and reloads every tag.
import { createHash } from "node:crypto";
import type { Redis } from "@upstash/redis";
import type { CacheEntry, CacheHandler } from "next/dist/server/lib/cache-handlers/types";
import { ByteLru } from "./lru";
import {
  applyRevalidation,
  areTagsExpired,
  areTagsStale,
  revalidation,
  type Revalidation,
  type TagManifest,
  type TagState,
} from "./tag-manifest";

type EntryMeta = Omit<CacheEntry, "value">;

interface StoredEntry {
  meta: EntryMeta;
  bytes: Uint8Array;
}

export interface SharedCacheStats {
  backend: "redis" | "memory";
  /** Served from this process's memory. */
  memoryHits: number;
  /** Served from Redis (written by this or another instance). */
  redisHits: number;
  /** Found nowhere: rendered. */
  misses: number;
  /** Redis calls that failed or timed out. */
  redisErrors: number;
  /** Whether the last Redis call succeeded. */
  redisReachable: boolean;
  /** Tag changes of other instances applied here. */
  remoteRevalidations: number;
  /** When (epoch ms, this process's clock) the last of them was applied; null before the first. */
  lastRemoteRevalidationAt: number | null;
  memoryEntries: number;
  memoryBytes: number;
}

export interface SharedCacheOptions {
  /** Absent: memory only (the build, or a store without Redis). */
  redis?: Redis;
  /** Prefix of every key (default "cache:"). */
  prefix?: string;
  /** Budget of the in-process copy (default 50 MB, as Next's own handler). */
  memoryBytes?: number;
  /** How often tags are pulled from Redis (default 500 ms). */
  tagSyncMs?: number;
  /** After a failed Redis call, how long to serve from memory only before trying again (default 5 s). */
  retryAfterMs?: number;
  /** Next's tag manifest; a private one when absent (tests). */
  manifest?: TagManifest;
  log?: (message: string) => void;
  now?: () => number;
  /**
   * Runs a Redis call outside the request that asked (./next-cache-handler.mjs leaves Next's request
   * storage). Needed: Redis is reached over HTTP, and during a prerender Next's fetch answers an
   * uncached request with a promise that never settles (it marks the render dynamic). A cache read
   * inside a page's prerender would wait for it forever, and the prerender for the read.
   */
  outsideRequest?: <T>(run: () => Promise<T>) => Promise<T>;
}

export interface SharedCacheHandler extends CacheHandler {
  stats(): SharedCacheStats;
  /** One tag sync now (the timer does it every tagSyncMs). */
  syncTags(): Promise<void>;
  /** Stops the sync timer. */
  close(): void;
}

/** Changes older than this are dropped from the change log; an instance further behind reloads every tag. */
const LOG_RETENTION_MS = 10 * 60_000;
/** Each sync reads back this far before the last change it saw: clocks of instances differ a little. */
const SYNC_OVERLAP_MS = 30_000;
/** Entries live in Redis at most this long, whatever their expire. */
const MAX_TTL_SECONDS = 30 * 24 * 3600;
const WARN_EVERY_MS = 60_000;

const UNAVAILABLE = Symbol("redis unavailable");

function bytesToStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

async function streamToBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const revalidationSchema = (value: unknown): Revalidation | undefined => {
  if (!value || typeof value !== "object") return undefined;
  const { at, stale, expired } = value as Record<string, unknown>;
  if (typeof at !== "number") return undefined;
  return {
    at,
    ...(typeof stale === "number" ? { stale } : {}),
    ...(typeof expired === "number" ? { expired } : {}),
  };
};

function parseJson(text: unknown): unknown {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseStoredEntry(raw: unknown): StoredEntry | undefined {
  const parsed = parseJson(raw) as { m?: EntryMeta; v?: string } | undefined;
  if (!parsed?.m || typeof parsed.v !== "string" || !Array.isArray(parsed.m.tags)) return undefined;
  const { tags, stale, timestamp, expire, revalidate } = parsed.m;
  if ([stale, timestamp, expire, revalidate].some((n) => typeof n !== "number")) return undefined;
  return { meta: { tags, stale, timestamp, expire, revalidate }, bytes: Buffer.from(parsed.v, "base64") };
}

export function createSharedCacheHandler(options: SharedCacheOptions = {}): SharedCacheHandler {
  const redis = options.redis;
  const prefix = options.prefix ?? "cache:";
  const now = options.now ?? Date.now;
  const manifest: TagManifest = options.manifest ?? new Map<string, TagState>();
  const log = options.log ?? ((message: string) => console.warn(message));
  const retryAfterMs = options.retryAfterMs ?? 5_000;
  const tagSyncMs = options.tagSyncMs ?? 500;
  const outsideRequest = options.outsideRequest ?? (<T>(run: () => Promise<T>) => run());
  const keys = { tags: `${prefix}tags`, log: `${prefix}tag-log`, entry: (key: string) => `${prefix}e:${key}` };

  const memory = new ByteLru<StoredEntry>(options.memoryBytes ?? 50 * 1024 * 1024, (entry) => entry.bytes.byteLength);
  const pendingSets = new Map<string, Promise<void>>();
  /** When the revalidation applied last for each tag happened (ours and others'). */
  const appliedAt = new Map<string, number>();
  /** Revalidations made here while Redis was unreachable: published when it answers again. */
  const unpublished = new Map<string, Revalidation>();
  const stats = {
    memoryHits: 0,
    redisHits: 0,
    misses: 0,
    redisErrors: 0,
    remoteRevalidations: 0,
    lastRemoteRevalidationAt: null as number | null,
  };

  let downUntil = 0;
  let reachable = redis !== undefined;
  let lastWarning = -Infinity;
  let needFullLoad = true;
  let cursor = 0;

  // Keys hold the build id and the function's arguments: hashed, they stay short whatever was passed.
  const redisKey = (cacheKey: string) => keys.entry(createHash("sha256").update(cacheKey).digest("base64url"));

  async function call<T>(what: string, run: (client: Redis) => Promise<T>): Promise<T | typeof UNAVAILABLE> {
    if (!redis || now() < downUntil) return UNAVAILABLE;
    try {
      const result = await outsideRequest(() => run(redis));
      if (!reachable) {
        reachable = true;
        needFullLoad = true;
        log("[cache] Redis is reachable again: sharing cache entries and revalidations with the other instances");
      }
      return result;
    } catch (error) {
      stats.redisErrors++;
      reachable = false;
      downUntil = now() + retryAfterMs;
      if (now() - lastWarning >= WARN_EVERY_MS) {
        lastWarning = now();
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        log(
          `[cache] Redis ${what} failed (${reason.slice(0, 200)}): serving from this instance's memory only; ` +
            `other instances see this instance's revalidations once Redis is back`,
        );
      }
      return UNAVAILABLE;
    }
  }

  function usable(entry: StoredEntry, at: number): boolean {
    const { meta } = entry;
    if (at > meta.timestamp + meta.expire * 1000) return false;
    return !areTagsExpired(manifest, meta.tags, meta.timestamp, at);
  }

  function serve(entry: StoredEntry): CacheEntry {
    const stale = areTagsStale(manifest, entry.meta.tags, entry.meta.timestamp);
    return { ...entry.meta, revalidate: stale ? -1 : entry.meta.revalidate, value: bytesToStream(entry.bytes) };
  }

  async function readRemote(cacheKey: string): Promise<StoredEntry | undefined> {
    const raw = await call("read", (client) => client.get<string>(redisKey(cacheKey)));
    if (raw === UNAVAILABLE || raw === null) return undefined;
    return parseStoredEntry(raw);
  }

  async function writeRemote(cacheKey: string, entry: StoredEntry): Promise<void> {
    const ttl = Math.max(1, Math.min(MAX_TTL_SECONDS, Math.ceil(entry.meta.expire)));
    const value = JSON.stringify({ m: entry.meta, v: Buffer.from(entry.bytes).toString("base64") });
    await call("write", (client) => client.set(redisKey(cacheKey), value, { ex: ttl }));
  }

  async function publish(changes: ReadonlyMap<string, Revalidation>): Promise<boolean> {
    if (changes.size === 0) return true;
    const fields: Record<string, string> = {};
    const members: { score: number; member: string }[] = [];
    for (const [tag, change] of changes) {
      fields[tag] = JSON.stringify(change);
      members.push({ score: change.at, member: tag });
    }
    const [first, ...rest] = members;
    const result = await call("publish", (client) => {
      // A pipeline, not MULTI: the commands run in order, and the log entry only announces the hash field.
      const pipeline = client.pipeline();
      pipeline.hset(keys.tags, fields);
      pipeline.zadd(keys.log, first!, ...rest);
      pipeline.zremrangebyscore(keys.log, "-inf", now() - LOG_RETENTION_MS);
      return pipeline.exec();
    });
    return result !== UNAVAILABLE;
  }

  function applyRemote(tag: string, value: unknown): void {
    const change = revalidationSchema(parseJson(value));
    if (!change || !applyRevalidation(manifest, appliedAt, tag, change)) return;
    stats.remoteRevalidations++;
    stats.lastRemoteRevalidationAt = now();
  }

  let syncing: Promise<void> | undefined;
  async function syncOnce(): Promise<void> {
    if (!redis) return;
    if (unpublished.size > 0) {
      const batch = new Map(unpublished);
      if (await publish(batch)) for (const tag of batch.keys()) unpublished.delete(tag);
    }
    if (needFullLoad || now() - cursor > LOG_RETENTION_MS - SYNC_OVERLAP_MS) {
      const startedAt = now();
      const all = await call("tag load", (client) => client.hgetall<Record<string, unknown>>(keys.tags));
      if (all === UNAVAILABLE) return;
      for (const [tag, value] of Object.entries(all ?? {})) applyRemote(tag, value);
      needFullLoad = false;
      cursor = startedAt;
      return;
    }
    const from = cursor - SYNC_OVERLAP_MS;
    const recent = await call("tag sync", (client) =>
      client.zrange<(string | number)[]>(keys.log, from, "+inf", { byScore: true, withScores: true }),
    );
    if (recent === UNAVAILABLE) return;
    const changed: string[] = [];
    for (let index = 0; index + 1 < recent.length; index += 2) {
      const tag = String(recent[index]);
      const at = Number(recent[index + 1]);
      if (at > (appliedAt.get(tag) ?? -Infinity)) changed.push(tag);
      if (at > cursor) cursor = at;
    }
    if (changed.length === 0) return;
    const values: unknown = await call("tag read", (client) => client.hmget(keys.tags, ...changed));
    if (values === UNAVAILABLE) return;
    // Without automatic deserialization the client hands back HMGET's array as it came.
    changed.forEach((tag, index) =>
      applyRemote(tag, Array.isArray(values) ? values[index] : (values as Record<string, unknown> | null)?.[tag]),
    );
  }

  function syncTags(): Promise<void> {
    syncing ??= syncOnce().finally(() => (syncing = undefined));
    return syncing;
  }

  const firstSync = syncTags();
  const timer = redis ? setInterval(() => void syncTags(), tagSyncMs) : undefined;
  timer?.unref();

  return {
    async get(cacheKey) {
      const pending = pendingSets.get(cacheKey);
      if (pending) await pending;
      const at = now();
      let local = memory.get(cacheKey);
      if (local && !usable(local, at)) {
        memory.delete(cacheKey);
        local = undefined;
      }
      if (local && !areTagsStale(manifest, local.meta.tags, local.meta.timestamp)) {
        stats.memoryHits++;
        return serve(local);
      }
      // Missing here, or out of date: the instance that re-rendered it may have put a newer one in Redis.
      const remote = await readRemote(cacheKey);
      if (remote && usable(remote, at) && (!local || remote.meta.timestamp > local.meta.timestamp)) {
        memory.set(cacheKey, remote);
        stats.redisHits++;
        return serve(remote);
      }
      if (local) {
        stats.memoryHits++;
        return serve(local);
      }
      stats.misses++;
      return undefined;
    },

    async set(cacheKey, pendingEntry) {
      let done!: () => void;
      pendingSets.set(cacheKey, new Promise<void>((resolve) => (done = resolve)));
      try {
        const entry = await pendingEntry;
        // expire 0 is a dynamic entry that Next never serves back (as in its own handler): not stored.
        if (entry.expire === 0) return;
        const bytes = await streamToBytes(entry.value);
        const { value: _value, ...meta } = entry;
        const stored: StoredEntry = { meta, bytes };
        memory.set(cacheKey, stored);
        await writeRemote(cacheKey, stored);
      } catch {
        // A failed render (its stream errored): nothing is kept.
        memory.delete(cacheKey);
      } finally {
        done();
        pendingSets.delete(cacheKey);
      }
    },

    async refreshTags() {
      // Only the first request waits, for the tags revalidated before this instance started.
      await firstSync;
    },

    async getExpiration(tags) {
      let latest = 0;
      for (const tag of tags) latest = Math.max(latest, manifest.get(tag)?.expired ?? 0);
      return latest;
    },

    async updateTags(tags, durations) {
      const change = revalidation(now(), durations);
      const changes = new Map<string, Revalidation>();
      for (const tag of tags) {
        applyRevalidation(manifest, appliedAt, tag, change);
        changes.set(tag, change);
      }
      if (!redis) return;
      if (!(await publish(changes))) for (const [tag, value] of changes) unpublished.set(tag, value);
    },

    stats: () => ({
      backend: redis ? "redis" : "memory",
      ...stats,
      redisReachable: reachable,
      memoryEntries: memory.size,
      memoryBytes: memory.bytes,
    }),
    syncTags,
    close: () => clearInterval(timer),
  };
}
