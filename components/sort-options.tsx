import Link from "next/link";
import { listingHref } from "@/lib/catalog/params";
import { SORT_KEYS, type SortKey } from "@/lib/catalog/types";

export const SORT_LABELS: Record<SortKey, string> = {
  featured: "Featured",
  newest: "Newest",
  "price-asc": "Price: low to high",
  "price-desc": "Price: high to low",
  rating: "Top rated",
};

/** Sort choices as plain links: they work without JavaScript and each sorted view has its own URL. */
export function SortOptions({ basePath, current }: { basePath: string; current: SortKey }) {
  return (
    <nav aria-label="Sort products" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-zinc-600" aria-hidden="true">
        Sort by:
      </span>
      <ul className="flex flex-wrap gap-2">
        {SORT_KEYS.map((key) => (
          <li key={key}>
            {/* Changing the sort starts again at page 1. */}
            <Link
              href={listingHref(basePath, { sort: key })}
              aria-current={key === current ? "true" : undefined}
              className={
                key === current
                  ? "inline-block rounded-full bg-zinc-900 px-3 py-1.5 text-white"
                  : "inline-block rounded-full border border-zinc-300 px-3 py-1.5 text-zinc-700 hover:bg-zinc-100"
              }
            >
              {SORT_LABELS[key]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
