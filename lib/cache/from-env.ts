// The cache handler Next.js loads (through ./next-cache-handler.mjs): shared through Redis when
// UPSTASH_REDIS_REST_URL and _TOKEN are set, except while `next build` prerenders (the build's entries stay
// in its own memory: a build is not yet serving, and its Redis may not be the one it will serve with).
import { createUpstashRedis } from "@/lib/rate-limit/upstash";
import { createSharedCacheHandler, type SharedCacheHandler, type SharedCacheOptions } from "./shared-cache";
import { registry, HANDLER } from "./registry";
import type { TagManifest } from "./tag-manifest";

type Env = Readonly<Record<string, string | undefined>>;

/** Whether the store shares its 'use cache' entries through Redis (next.config.ts reads this too). */
export function sharedCacheConfigured(env: Env = process.env): boolean {
  return Boolean(env.UPSTASH_REDIS_REST_URL?.trim() && env.UPSTASH_REDIS_REST_TOKEN?.trim());
}

function positiveNumber(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value?.trim() && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

/** One handler per process, whichever copy of this module asks (Next may load it more than once). */
export function cacheHandlerFromEnv(
  manifest: TagManifest,
  outsideRequest: SharedCacheOptions["outsideRequest"],
  env: Env = process.env,
): SharedCacheHandler {
  if (registry[HANDLER]) return registry[HANDLER];
  const building = env.NEXT_PHASE === "phase-production-build";
  const handler = createSharedCacheHandler({
    redis:
      sharedCacheConfigured(env) && !building
        ? createUpstashRedis(
            env.UPSTASH_REDIS_REST_URL!.trim(),
            env.UPSTASH_REDIS_REST_TOKEN!.trim(),
            positiveNumber(env.CACHE_REDIS_TIMEOUT_MS, 500),
          )
        : undefined,
    prefix: env.CACHE_PREFIX?.trim() || "cache:",
    memoryBytes: positiveNumber(env.CACHE_MEMORY_MB, 50) * 1024 * 1024,
    tagSyncMs: positiveNumber(env.CACHE_TAG_SYNC_MS, 500),
    manifest,
    outsideRequest,
  });
  registry[HANDLER] = handler;
  return handler;
}
