// Per-process sliding-window log, the default when Upstash is not configured (local runs, tests, a
// single-instance deployment). Same semantics as the Redis script: an attempt counts when allowed, and
// the N+1th attempt within any window of the rule's length is refused.
//
// Memory stays bounded: a key holds at most `limit` timestamps, expired keys are swept as time passes,
// and past `maxKeys` the least recently used keys are dropped (which forgets their counts: under a
// flood of distinct keys the limiter leans towards allowing, never towards growing without bound).
import { windowMsOf, type LimitResult, type RateLimiter, type RateLimitRule } from "./types";

export interface MemoryLimiterOptions {
  prefix?: string;
  /** Keys kept at most (default 50,000: a few MB). */
  maxKeys?: number;
  now?: () => number;
}

interface Entry {
  /** Allowed attempts, oldest first (ms). */
  hits: number[];
  windowMs: number;
}

const DEFAULT_MAX_KEYS = 50_000;
// A full sweep is O(keys); doing it at most this often keeps the per-call cost O(1) amortised.
const SWEEP_INTERVAL_MS = 10_000;

export interface MemoryLimiter extends RateLimiter {
  readonly backend: "memory";
  /** Keys currently held (for tests and diagnostics). */
  size(): number;
}

export function createMemoryLimiter(options: MemoryLimiterOptions = {}): MemoryLimiter {
  const prefix = options.prefix ?? "rl:";
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const now = options.now ?? Date.now;
  // Map iteration order is insertion order; re-inserting a key on use makes the first key the least
  // recently used one.
  const entries = new Map<string, Entry>();
  let lastSweep = now();

  function sweep(at: number): void {
    lastSweep = at;
    for (const [key, entry] of entries) {
      const newest = entry.hits[entry.hits.length - 1];
      if (newest === undefined || newest + entry.windowMs <= at) entries.delete(key);
    }
  }

  function limitNow(key: string, rule: RateLimitRule): LimitResult {
    const windowMs = windowMsOf(rule);
    const at = now();
    if (at - lastSweep >= SWEEP_INTERVAL_MS) sweep(at);

    const fullKey = prefix + key;
    const entry = entries.get(fullKey) ?? { hits: [], windowMs };
    entries.delete(fullKey);
    entry.windowMs = windowMs;
    // Drop attempts that left the window (an attempt at t counts during [t, t + window)).
    let expired = 0;
    while (expired < entry.hits.length && (entry.hits[expired] ?? 0) <= at - windowMs) expired++;
    if (expired > 0) entry.hits.splice(0, expired);

    let success = false;
    if (entry.hits.length < rule.limit) {
      entry.hits.push(at);
      success = true;
    }
    if (entry.hits.length > 0) {
      entries.set(fullKey, entry);
      if (entries.size > maxKeys) {
        sweep(at);
        // Still over: drop least recently used keys.
        for (const oldest of entries.keys()) {
          if (entries.size <= maxKeys) break;
          entries.delete(oldest);
        }
      }
    }
    const oldest = entry.hits[0] ?? at;
    return { success, remaining: Math.max(0, rule.limit - entry.hits.length), resetAt: new Date(oldest + windowMs) };
  }

  return {
    backend: "memory",
    // Synchronous inside: concurrent callers in one process are serialised by the event loop, so the
    // count is exact without locks.
    limit: async (key, rule) => limitNow(key, rule),
    size: () => entries.size,
  };
}
