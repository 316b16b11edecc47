import { REVIEW_SORT_LABELS, type ReviewPage, type ReviewSort } from "@/lib/catalog/types";
import { RatingStars } from "../rating-stars";

// Fixed locale and zone: the date is rendered once into a cached page and must not depend on the server.
const dateFormat = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});

// Reviews are plain text: React renders them as text (never as HTML); line breaks are kept by CSS.
export function ReviewsList({
  reviews,
  sort = "newest",
  offset = 0,
}: {
  reviews: ReviewPage;
  sort?: ReviewSort;
  offset?: number;
}) {
  return (
    <div data-testid="reviews" className="flex flex-col gap-6">
      <p className="text-sm text-zinc-600">
        {reviews.total === 0
          ? "Be the first to review this product."
          : reviews.items.length === 0
            ? `No reviews on this page (${reviews.total} in all).`
            : `Showing ${offset + 1}–${offset + reviews.items.length} of ${reviews.total} ${reviews.total === 1 ? "review" : "reviews"}, ${REVIEW_SORT_LABELS[sort].toLowerCase()} first.`}
      </p>
      {/* Styled by the .reviews classes of app/globals.css: one class list for all of them. */}
      <ol className="reviews">
        {reviews.items.map((review) => (
          <li key={review.id}>
            <article>
              <RatingStars rating={review.rating} />
              {review.title ? <h3>{review.title}</h3> : null}
              <p className="review-by">
                {`${review.authorName}${review.verified ? " · Verified buyer" : ""} · `}
                <time dateTime={review.createdAt}>{dateFormat.format(new Date(review.createdAt))}</time>
              </p>
              {review.body ? <p className="review-body">{review.body}</p> : null}
            </article>
          </li>
        ))}
      </ol>
    </div>
  );
}
