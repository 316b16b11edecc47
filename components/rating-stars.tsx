// Star rating as an image with a text alternative. One element per rating: the five stars are a CSS
// mask over a gradient filled to the rating's share (.stars in app/globals.css), so a product card
// carries a few bytes for its stars instead of ten SVG paths in the HTML and again in the RSC payload.
import type { CSSProperties } from "react";

export function RatingStars({ rating, size = "sm" }: { rating: number; size?: "sm" | "md" }) {
  const clamped = Math.max(0, Math.min(5, rating));
  return (
    <span
      role="img"
      aria-label={`Rated ${clamped.toFixed(1)} out of 5`}
      className={size === "md" ? "stars text-xl" : "stars"}
      style={{ "--fill": `${(clamped / 5) * 100}%` } as CSSProperties}
    />
  );
}

/** Stars plus the review count, as shown on cards and the product header. */
export function RatingLine({ average, count }: { average: number; count: number }) {
  if (count === 0) return <p className="text-xs text-zinc-500">No reviews yet</p>;
  return (
    <p className="rating-line">
      <RatingStars rating={average} />
      {/* One text node: a listing hydrates every card's. */}
      <span>{`${count} ${count === 1 ? "review" : "reviews"}`}</span>
    </p>
  );
}
