// The shopper's recently viewed products, kept in this browser's localStorage only: no cookie, nothing
// sent to the server. Newest first, at most MAX_RECENT, each entry just what a small card shows.
// Read with a hand-written check rather than zod: this runs in the browser on every product page, and zod
// would be the biggest script the page loads.

export const RECENTLY_VIEWED_KEY = "recently-viewed:v1";
export const MAX_RECENT = 8;

export interface RecentlyViewedEntry {
  slug: string;
  title: string;
  priceMinCents: number;
  currency: string;
  imageUrl: string | null;
  imageAlt: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// A path on this site only (not "//host/...", which browsers read as another site).
const SITE_PATH = /^\/(?!\/)/;

const text = (value: unknown, max: number): value is string => typeof value === "string" && value.length <= max;

/** The entry's fields, or null when any is missing or malformed (other fields are left behind). */
function parseEntry(item: unknown): RecentlyViewedEntry | null {
  if (typeof item !== "object" || item === null) return null;
  const { slug, title, priceMinCents, currency, imageUrl, imageAlt } = item as Record<string, unknown>;
  if (!text(slug, 200) || !SLUG.test(slug) || !text(title, 300) || !text(imageAlt, 300)) return null;
  if (!Number.isSafeInteger(priceMinCents) || (priceMinCents as number) < 0) return null;
  if (!text(currency, 3) || currency.length !== 3) return null;
  if (imageUrl !== null && (!text(imageUrl, 500) || !SITE_PATH.test(imageUrl))) return null;
  return { slug, title, priceMinCents: priceMinCents as number, currency, imageUrl, imageAlt };
}

/** What is stored, dropping anything malformed (storage is the browser's: it may hold anything). */
export function readRecentlyViewed(storage: Pick<Storage, "getItem">): RecentlyViewedEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(RECENTLY_VIEWED_KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((item) => {
      const entry = parseEntry(item);
      return entry ? [entry] : [];
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
