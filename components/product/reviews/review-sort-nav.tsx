import { REVIEW_SORTS, REVIEW_SORT_LABELS, type ReviewSort } from "@/lib/catalog/types";
import { reviewsPath } from "./paths";

/**
 * The review orders as plain links (server rendered, no script, not next/link: each is its own URL, and a
 * plain <a> is lighter in the page's payload than a client component reference with its props).
 */
export function ReviewSortNav({ slug, current }: { slug: string; current: ReviewSort | null }) {
  return (
    // The links' look is set once on the nav (one class list in the page, not one per link).
    <nav
      aria-label="Sort reviews"
      className="flex flex-wrap items-center gap-2 text-sm [&_a]:rounded-full [&_a]:border [&_a]:border-zinc-300 [&_a]:px-3 [&_a]:py-1 [&_a:hover]:bg-zinc-100 [&_a[aria-current]]:bg-zinc-900 [&_a[aria-current]]:text-white"
    >
      <span className="text-zinc-600">Sort:</span>
      {REVIEW_SORTS.map((sort) => (
        <a key={sort} href={reviewsPath(slug, { sort })} {...(sort === current ? { "aria-current": "page" } : {})}>
          {REVIEW_SORT_LABELS[sort]}
        </a>
      ))}
    </nav>
  );
}
