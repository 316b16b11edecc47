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
      <ul className="flex flex-col gap-1.5">
        {[5, 4, 3, 2, 1].map((stars) => {
          const count = rating.distribution[stars - 1] ?? 0;
          const percent = Math.round((count / rating.count) * 100);
          return (
            <li key={stars} className="flex items-center gap-3 text-sm">
              <span className="w-14 shrink-0 text-zinc-700">{stars} star</span>
              <span
                role="meter"
                aria-label={`${stars} star reviews`}
                aria-valuemin={0}
                aria-valuemax={rating.count}
                aria-valuenow={count}
                aria-valuetext={`${count} of ${rating.count} (${percent}%)`}
                className="h-2.5 flex-1 overflow-hidden rounded-full bg-zinc-200"
              >
                <span className="block h-full rounded-full bg-amber-500" style={{ width: `${percent}%` }} />
              </span>
              <span className="w-10 shrink-0 text-right tabular-nums text-zinc-600">{count}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
