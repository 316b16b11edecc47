// The recently viewed list kept in the browser's localStorage: newest first, each product once, at most
// MAX_RECENT, and whatever else the storage holds (another version, a hand edit) is dropped, not trusted.
import { describe, expect, it } from "vitest";
import {
  MAX_RECENT,
  readRecentlyViewed,
  recordRecentlyViewed,
  RECENTLY_VIEWED_KEY,
  type RecentlyViewedEntry,
} from "@/components/product/recommendations/recently-viewed-store";

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, String(value)),
  };
}

const entry = (slug: string): RecentlyViewedEntry => ({
  slug,
  title: `Product ${slug}`,
  priceMinCents: 2500,
  currency: "USD",
  imageUrl: `/media/products/${slug}.svg`,
  imageAlt: slug,
});

describe("recently viewed", () => {
  it("keeps the newest first, each product once, at most MAX_RECENT", () => {
    const storage = memoryStorage();
    for (const slug of ["a", "b", "c", "a"]) recordRecentlyViewed(storage, entry(slug));
    expect(readRecentlyViewed(storage).map((item) => item.slug)).toEqual(["a", "c", "b"]);
    for (let i = 0; i < 20; i++) recordRecentlyViewed(storage, entry(`p${i}`));
    const slugs = readRecentlyViewed(storage).map((item) => item.slug);
    expect(slugs).toHaveLength(MAX_RECENT);
    expect(slugs[0]).toBe("p19");
  });

  it.each([
    ["not JSON", "{oops"],
    ["not a list", JSON.stringify({ slug: "a" })],
    ["a foreign image URL", JSON.stringify([{ ...entry("a"), imageUrl: "https://evil.example/x.svg" }])],
    ["a protocol-relative image URL", JSON.stringify([{ ...entry("a"), imageUrl: "//evil.example/x.svg" }])],
    ["a slug that is not one", JSON.stringify([{ ...entry("a"), slug: "../admin" }])],
    ["a negative price", JSON.stringify([{ ...entry("a"), priceMinCents: -1 }])],
    ["a price that is not whole", JSON.stringify([{ ...entry("a"), priceMinCents: 1.5 }])],
    ["a price as text", JSON.stringify([{ ...entry("a"), priceMinCents: "25" }])],
    ["a missing title", JSON.stringify([{ ...entry("a"), title: undefined }])],
    ["a currency that is not three letters long", JSON.stringify([{ ...entry("a"), currency: "US" }])],
    ["a list of strings", JSON.stringify(["a"])],
    ["null", "null"],
  ])("drops what does not parse: %s", (_, stored) => {
    expect(readRecentlyViewed(memoryStorage({ [RECENTLY_VIEWED_KEY]: stored }))).toEqual([]);
  });

  it("keeps the good entries of a partly broken list", () => {
    const stored = JSON.stringify([entry("a"), { slug: 3 }, entry("b")]);
    expect(readRecentlyViewed(memoryStorage({ [RECENTLY_VIEWED_KEY]: stored })).map((item) => item.slug)).toEqual([
      "a",
      "b",
    ]);
  });

  it("keeps only an entry's own fields, and an entry without an image", () => {
    const stored = JSON.stringify([{ ...entry("a"), imageUrl: null, extra: "<script>" }]);
    expect(readRecentlyViewed(memoryStorage({ [RECENTLY_VIEWED_KEY]: stored }))).toEqual([
      { ...entry("a"), imageUrl: null },
    ]);
  });
});
