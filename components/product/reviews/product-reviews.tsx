// The reviews section of the product page: the rating summary, the newest few reviews, links to every
// review in any order (/products/<slug>/reviews) and to "write a review" (/products/<slug>/review). All
// plain links and server-rendered text, the same for every visitor, so the product page stays one cached
// page: what depends on the visitor (their own review) lives on the review page. The links are not
// prefetched, so a product page view never asks the server for the pages behind them.
import Link from "next/link";
import type { RatingSummary as RatingSummaryData, ReviewPage } from "@/lib/catalog/types";
import { RatingSummary } from "../rating-summary";
import { ReviewsList } from "../reviews-list";
import { reviewsPath, writeReviewPath } from "./paths";
import { ReviewSortNav } from "./review-sort-nav";

export function ProductReviews({
  slug,
  rating,
  reviews,
}: {
  slug: string;
  rating: RatingSummaryData;
  reviews: ReviewPage;
}) {
  return (
    <section
      id="reviews"
      aria-labelledby="reviews-heading"
      className="grid scroll-mt-8 gap-10 border-t border-zinc-200 pt-10 lg:grid-cols-3"
    >
      <div className="flex flex-col gap-4">
        <h2 id="reviews-heading" className="text-2xl font-semibold tracking-tight">
          Customer reviews
        </h2>
        <RatingSummary rating={rating} />
        <Link
          href={writeReviewPath(slug)}
          prefetch={false}
          className="self-start rounded-md border border-zinc-900 px-4 py-2 text-sm font-semibold hover:bg-zinc-100"
          data-testid="write-review"
        >
          Write or edit your review
        </Link>
      </div>
      <div className="flex flex-col gap-4 lg:col-span-2">
        {reviews.total > 1 ? <ReviewSortNav slug={slug} current={null} /> : null}
        <ReviewsList reviews={reviews} />
        {reviews.total > reviews.items.length ? (
          <Link href={reviewsPath(slug)} prefetch={false} className="self-start font-semibold underline">
            See all {reviews.total} reviews
          </Link>
        ) : null}
      </div>
    </section>
  );
}
