// The shopper's recently viewed products, kept in this browser's localStorage only: no cookie, nothing
// sent to the server. Newest first, at most MAX_RECENT, each entry just what a small card shows.
import { z } from "zod";

export const RECENTLY_VIEWED_KEY = "recently-viewed:v1";
export const MAX_RECENT = 8;

const entrySchema = z.object({
  slug: z
    .string()
    .max(200)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  title: z.string().max(300),
  priceMinCents: z.number().int().nonnegative(),
  currency: z.string().length(3),
  // A path on this site only (not "//host/...", which browsers read as another site).
  imageUrl: z
    .string()
    .max(500)
    .regex(/^\/(?!\/)/)
    .nullable(),
  imageAlt: z.string().max(300),
});

export type RecentlyViewedEntry = z.infer<typeof entrySchema>;

/** What is stored, dropping anything malformed (storage is the browser's: it may hold anything). */
export function readRecentlyViewed(storage: Pick<Storage, "getItem">): RecentlyViewedEntry[] {
  try {
    const parsed = z.array(z.unknown()).safeParse(JSON.parse(storage.getItem(RECENTLY_VIEWED_KEY) ?? "[]"));
    if (!parsed.success) return [];
    return parsed.data.flatMap((item) => {
      const entry = entrySchema.safeParse(item);
      return entry.success ? [entry.data] : [];
    });
  } catch {
    return [];
  }
}

/** Puts `entry` first (once) and keeps the newest MAX_RECENT. */
export function recordRecentlyViewed(storage: Storage, entry: RecentlyViewedEntry): void {
  const before = readRecentlyViewed(storage);
  const after = [entry, ...before.filter((item) => item.slug !== entry.slug)].slice(0, MAX_RECENT);
  try {
    storage.setItem(RECENTLY_VIEWED_KEY, JSON.stringify(after));
  } catch {
    // Storage full or refused (private mode): the row just stays empty.
  }
}
