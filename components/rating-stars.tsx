// Star rating as an image with a text alternative; the stars themselves are decoration.
const STAR_PATH = "M10 1.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L10 14.9l-5.2 2.7 1-5.8L1.5 7.7l5.9-.9L10 1.5z";

export function RatingStars({ rating, size = "sm" }: { rating: number; size?: "sm" | "md" }) {
  const clamped = Math.max(0, Math.min(5, rating));
  const px = size === "md" ? 20 : 16;
  return (
    <span role="img" aria-label={`Rated ${clamped.toFixed(1)} out of 5`} className="inline-flex">
      {[0, 1, 2, 3, 4].map((index) => {
        // Each star is filled by the fraction of the rating that falls on it (0 to 1).
        const fill = Math.max(0, Math.min(1, clamped - index));
        return (
          <svg key={index} width={px} height={px} viewBox="0 0 20 20" aria-hidden="true" className="shrink-0">
            <path d={STAR_PATH} className="fill-zinc-300" />
            {fill > 0 ? (
              <path
                d={STAR_PATH}
                className="fill-amber-500"
                style={{ clipPath: `inset(0 ${100 - fill * 100}% 0 0)` }}
              />
            ) : null}
          </svg>
        );
      })}
    </span>
  );
}

/** Stars plus the review count, as shown on cards and the product header. */
export function RatingLine({ average, count }: { average: number; count: number }) {
  if (count === 0) return <p className="text-xs text-zinc-500">No reviews yet</p>;
  return (
    <p className="flex items-center gap-1.5 text-xs text-zinc-600">
      <RatingStars rating={average} />
      <span>
        {count} {count === 1 ? "review" : "reviews"}
      </span>
    </p>
  );
}
