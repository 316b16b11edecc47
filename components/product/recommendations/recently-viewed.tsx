"use client";

import Link from "next/link";
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { productPath } from "@/lib/catalog/site";
import { useFormatMoney } from "@/components/money-display";
import {
  readRecentlyViewed,
  recordRecentlyViewed,
  RECENTLY_VIEWED_KEY,
  type RecentlyViewedEntry,
} from "./recently-viewed-store";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage can be refused altogether (blocked site data): nothing is recorded or shown.
    return null;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
}

/**
 * Shows the shopper's other recently viewed products and records this one, in this browser's storage
 * (without `current`, on the empty cart and the 404 page: shows them all and records nothing).
 * Read after hydration only (the server snapshot is empty): the cached page is the same for everyone.
 */
export function RecentlyViewed({ current }: { current?: RecentlyViewedEntry }) {
  const formatMoney = useFormatMoney();
  // The stored text is the snapshot: a string compares by value, so renders stay stable.
  const stored = useSyncExternalStore(
    subscribe,
    () => storage()?.getItem(RECENTLY_VIEWED_KEY) ?? null,
    () => null,
  );
  const items = useMemo(
    () =>
      stored === null
        ? []
        : readRecentlyViewed({ getItem: () => stored }).filter((item) => item.slug !== current?.slug),
    [stored, current?.slug],
  );

  useEffect(() => {
    const target = storage();
    if (target && current) recordRecentlyViewed(target, current);
  }, [current]);

  if (items.length === 0) return null;
  return (
    <section
      aria-labelledby="recently-viewed-heading"
      className="flex flex-col gap-4 border-t border-zinc-200 pt-10"
      data-testid="recently-viewed"
    >
      <h2 id="recently-viewed-heading" className="text-2xl font-semibold tracking-tight">
        Recently viewed
      </h2>
      <ul className="grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-6">
        {items.slice(0, 6).map((item) => (
          <li key={item.slug} data-testid="recently-viewed-item">
            <Link href={productPath(item.slug)} className="group flex flex-col gap-2 rounded-sm">
              {item.imageUrl ? (
                // eslint-disable-next-line @next/next/no-img-element -- the same small SVGs as the product cards
                <img
                  src={item.imageUrl}
                  alt={item.imageAlt}
                  width={160}
                  height={200}
                  loading="lazy"
                  decoding="async"
                  className="aspect-[4/5] w-full rounded-md bg-zinc-100 object-cover"
                />
              ) : null}
              <span className="text-sm font-medium group-hover:underline">{item.title}</span>
              <span className="text-sm text-zinc-600">From {formatMoney(item.priceMinCents, item.currency)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
