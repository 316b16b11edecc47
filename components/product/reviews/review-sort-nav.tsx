import Link from "next/link";
import { REVIEW_SORTS, REVIEW_SORT_LABELS, type ReviewSort } from "@/lib/catalog/types";
import { reviewsPath } from "./paths";

/** The review orders as plain links (server rendered, no script): each is its own URL. */
export function ReviewSortNav({ slug, current }: { slug: string; current: ReviewSort | null }) {
  return (
    <nav aria-label="Sort reviews" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-zinc-600">Sort:</span>
      {REVIEW_SORTS.map((sort) => (
        <Link
          key={sort}
          href={reviewsPath(slug, { sort })}
          aria-current={sort === current ? "page" : undefined}
          className="rounded-full border border-zinc-300 px-3 py-1 hover:bg-zinc-100 aria-[current=page]:border-zinc-900 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white"
        >
          {REVIEW_SORT_LABELS[sort]}
        </Link>
      ))}
    </nav>
  );
}
