// Per-process sliding-window log, the default when Upstash is not configured (local runs, tests, a
// single-instance deployment). Same semantics as the Redis script: an attempt counts when allowed, and
// the N+1th attempt within any window of the rule's length is refused.
//
// Memory stays bounded without ever forgetting a count that still matters:
// - A key holds at most `limit` attempts and is dropped once its newest attempt has left the window
//   (expired keys are swept as time passes).
// - Keys live in groups, one per policy and identifier: the key without its last segment ("signIn:ip",
//   "searchSuggest:ip", "signIn:account"). Each group has its own budget of `maxKeysPerGroup` keys, so a
//   flood in one group (random addresses asking for search suggestions, or guessing passwords) cannot
//   touch another group's counts (the account being guessed).
// - A key still inside its window is never evicted. When a group is full of live keys, a NEW key of that
//   group gets the answer its rule gives when the store is failing (failure-policy.ts): a failClosed rule
//   refuses it until the group's oldest key expires, any other rule allows it without counting it; the
//   answer is marked `degraded`. Keys already in the group go on being counted exactly. A warning (at
//   most one per 30 s) names the full group.
import { createThrottledLogger, type Log } from "./throttled-log";
import { windowMsOf, type LimitResult, type RateLimiter, type RateLimitRule } from "./types";

export interface MemoryLimiterOptions {
  prefix?: string;
  /** Keys kept at most per group (default 50,000: a few MB per group). */
  maxKeysPerGroup?: number;
  now?: () => number;
  log?: Log;
}

interface Entry {
  /** Counted attempts, oldest first (ms). */
  hits: number[];
  /** Each attempt's handle (same order as hits), for release(). */
  ids: number[];
  windowMs: number;
}

export const DEFAULT_MAX_KEYS_PER_GROUP = 50_000;
// A full sweep is O(keys); doing it at most this often keeps the per-call cost O(1) amortised.
const SWEEP_INTERVAL_MS = 10_000;

export interface MemoryLimiter extends RateLimiter {
  readonly backend: "memory";
  /** Keys currently held, in all groups or in one (for tests and diagnostics). */
  size(group?: string): number;
}

/** The group of a key: everything before its last ":" ("signIn:ip:<hash>" -> "signIn:ip"). */
export function keyGroup(key: string): string {
  const end = key.lastIndexOf(":");
  return end < 0 ? "" : key.slice(0, end);
}

function newestHit(entry: Entry): number | undefined {
  return entry.hits[entry.hits.length - 1];
}

function expired(entry: Entry, at: number): boolean {
  const newest = newestHit(entry);
  return newest === undefined || newest + entry.windowMs <= at;
}

export function createMemoryLimiter(options: MemoryLimiterOptions = {}): MemoryLimiter {
  const prefix = options.prefix ?? "rl:";
  const maxKeysPerGroup = options.maxKeysPerGroup ?? DEFAULT_MAX_KEYS_PER_GROUP;
  const now = options.now ?? Date.now;
  const warn = createThrottledLogger({ intervalMs: 30_000, log: options.log, now });
  // Per group, keys in the order of their newest counted attempt (a key is re-inserted when it counts
  // one), so the first keys of a group are the first to expire: groups hold one rule, so one window.
  const groups = new Map<string, Map<string, Entry>>();
  let lastSweep = now();
  let nextId = 0;

  function sweep(at: number): void {
    lastSweep = at;
    for (const [name, group] of groups) {
      for (const [key, entry] of group) if (expired(entry, at)) group.delete(key);
      if (group.size === 0) groups.delete(name);
    }
  }

  function dropExpiredFront(group: Map<string, Entry>, at: number): void {
    for (const [key, entry] of group) {
      if (!expired(entry, at)) break;
      group.delete(key);
    }
  }

  function full(name: string, group: Map<string, Entry>, rule: RateLimitRule, windowMs: number, at: number) {
    warn(
      `[rate-limit] memory limiter: group "${name}" holds ${group.size} live keys (its budget); new keys are ` +
        (rule.failClosed ? "refused" : "allowed without counting") +
        " until some expire. Use Redis (UPSTASH_REDIS_REST_URL) to count without a per-process budget.",
    );
    const first = group.values().next().value;
    const frees = first ? (newestHit(first) ?? at) + first.windowMs : at + windowMs;
    if (rule.failClosed)
      return { success: false, remaining: 0, resetAt: new Date(Math.max(frees, at + 1)), degraded: true };
    return { success: true, remaining: rule.limit, resetAt: new Date(at + windowMs), degraded: true };
  }

  function limitNow(key: string, rule: RateLimitRule): LimitResult {
    const windowMs = windowMsOf(rule);
    const at = now();
    if (at - lastSweep >= SWEEP_INTERVAL_MS) sweep(at);

    const name = keyGroup(key);
    const fullKey = prefix + key;
    let group = groups.get(name);
    if (!group) {
      group = new Map();
      groups.set(name, group);
    }
    let entry = group.get(fullKey);
    if (entry) {
      entry.windowMs = windowMs;
      // Drop attempts that left the window (an attempt at t counts during [t, t + window)).
      let gone = 0;
      while (gone < entry.hits.length && (entry.hits[gone] ?? 0) <= at - windowMs) gone++;
      if (gone > 0) {
        entry.hits.splice(0, gone);
        entry.ids.splice(0, gone);
      }
    } else {
      if (group.size >= maxKeysPerGroup) dropExpiredFront(group, at);
      if (group.size >= maxKeysPerGroup) return full(name, group, rule, windowMs, at);
      entry = { hits: [], ids: [], windowMs };
    }

    let attempt: string | undefined;
    if (entry.hits.length < rule.limit) {
      const id = nextId++;
      entry.hits.push(at);
      entry.ids.push(id);
      attempt = String(id);
      group.delete(fullKey);
      group.set(fullKey, entry);
    }
    const oldest = entry.hits[0] ?? at;
    const remaining = Math.max(0, rule.limit - entry.hits.length);
    const resetAt = new Date(oldest + windowMs);
    return attempt === undefined
      ? { success: false, remaining, resetAt }
      : { success: true, remaining, resetAt, attempt };
  }

  function releaseNow(key: string, attempt: string): void {
    const group = groups.get(keyGroup(key));
    const fullKey = prefix + key;
    const entry = group?.get(fullKey);
    const index = entry ? entry.ids.indexOf(Number(attempt)) : -1;
    if (!group || !entry || index < 0) return;
    entry.hits.splice(index, 1);
    entry.ids.splice(index, 1);
    if (entry.hits.length === 0) group.delete(fullKey);
  }

  return {
    backend: "memory",
    // Synchronous inside: concurrent callers in one process are serialised by the event loop, so the
    // count is exact without locks.
    limit: async (key, rule) => limitNow(key, rule),
    release: async (key, attempt) => releaseNow(key, attempt),
    size: (name) => {
      if (name !== undefined) return groups.get(name)?.size ?? 0;
      let total = 0;
      for (const group of groups.values()) total += group.size;
      return total;
    },
  };
}
