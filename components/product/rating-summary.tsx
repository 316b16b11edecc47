import type { RatingSummary as RatingSummaryData } from "@/lib/catalog/types";
import { RatingStars } from "../rating-stars";

/** Average, count and a bar per star level (5 down to 1). */
export function RatingSummary({ rating }: { rating: RatingSummaryData }) {
  if (rating.count === 0) return <p className="text-sm text-zinc-600">No reviews yet.</p>;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center gap-3">
        <p className="text-4xl font-semibold text-zinc-900">{rating.average.toFixed(1)}</p>
        <div className="flex flex-col gap-1">
          <RatingStars rating={rating.average} size="md" />
          <p className="text-sm text-zinc-600">
            Based on {rating.count} {rating.count === 1 ? "review" : "reviews"}
          </p>
        </div>
      </div>
      {/* Styled by the .rating-bars classes of app/globals.css (one class list for the five bars). */}
      <ul className="rating-bars">
        {[5, 4, 3, 2, 1].map((stars) => {
          const count = rating.distribution[stars - 1] ?? 0;
          const percent = Math.round((count / rating.count) * 100);
          return (
            <li key={stars}>
              <span>{stars} star</span>
              {/* aria-valuemin is 0 by default for a meter. */}
              <span
                role="meter"
                aria-label={`${stars} star reviews`}
                aria-valuemax={rating.count}
                aria-valuenow={count}
                aria-valuetext={`${count} of ${rating.count} (${percent}%)`}
              >
                <span style={{ width: `${percent}%` }} />
              </span>
              <span>{count}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
