// When each cache tag was last revalidated, in the shape Next.js keeps it: a Map from tag to
// { stale, expired } timestamps (ms). Next's own copy (next/dist/server/lib/incremental-cache/
// tags-manifest.external.js) is what its page cache (ISR: prerendered shells, route handlers) checks tags
// against; the shared cache handler (./shared-cache.ts) writes the tags other instances revalidated into
// that same Map, so one admin edit makes every instance's pages stale, not only the 'use cache' entries.
//
//   stale    entries created before it are served once more and refreshed in the background
//            (revalidateTag(tag, "max"): stale-while-revalidate);
//   expired  entries created before it are misses once the time has come (updateTag, or a profile's expire).

export interface TagState {
  stale?: number;
  expired?: number;
}

export type TagManifest = Map<string, TagState>;

/** Same rule as Next's areTagsExpired: an expiry that has arrived and is newer than the entry. */
export function areTagsExpired(
  manifest: TagManifest,
  tags: readonly string[],
  timestamp: number,
  now: number,
): boolean {
  for (const tag of tags) {
    const expired = manifest.get(tag)?.expired;
    if (typeof expired === "number" && expired <= now && expired > timestamp) return true;
  }
  return false;
}

/** Same rule as Next's areTagsStale: revalidated after the entry was created. */
export function areTagsStale(manifest: TagManifest, tags: readonly string[], timestamp: number): boolean {
  for (const tag of tags) {
    const stale = manifest.get(tag)?.stale;
    if (typeof stale === "number" && stale > timestamp) return true;
  }
  return false;
}

/** The latest stale time among the tags (0 when none was revalidated). */
export function latestStale(manifest: TagManifest, tags: readonly string[]): number {
  let latest = 0;
  for (const tag of tags) latest = Math.max(latest, manifest.get(tag)?.stale ?? 0);
  return latest;
}

/** One revalidation of a tag: when it happened and what it set (Next's handlers set exactly these fields). */
export interface Revalidation extends TagState {
  at: number;
}

/**
 * A revalidation the way Next's handlers record one: with durations (a cacheLife profile such as "max"),
 * stale now and expired after the profile's expire; without, expired now.
 */
export function revalidation(now: number, durations?: { expire?: number }): Revalidation {
  if (!durations) return { at: now, expired: now };
  return durations.expire === undefined
    ? { at: now, stale: now }
    : { at: now, stale: now, expired: now + durations.expire * 1000 };
}

/**
 * Applies a revalidation unless a later one of the same tag was applied already (`appliedAt` remembers
 * them): the fields it sets replace the entry's, as in Next's own handlers, so applying the same change
 * twice, or an older one after a newer, changes nothing.
 */
export function applyRevalidation(
  manifest: TagManifest,
  appliedAt: Map<string, number>,
  tag: string,
  change: Revalidation,
): boolean {
  if ((appliedAt.get(tag) ?? -Infinity) >= change.at) return false;
  appliedAt.set(tag, change.at);
  const next: TagState = { ...manifest.get(tag) };
  if (change.stale !== undefined) next.stale = change.stale;
  if (change.expired !== undefined) next.expired = change.expired;
  manifest.set(tag, next);
  return true;
}
