"use client";
// The heart: saves the product to the visitor's wishlist or takes it out again (guests too: the wishlist
// then lives in a cookie-named record and joins the account at sign-in). On a product page it also saves
// the variant the shopper picked, so "move to cart" knows which one.
import { useState, useTransition } from "react";
import { useWishlist } from "@/components/wishlist/wishlist-context";
import { useVariantSelection } from "./variant-selection";

export function WishlistButton({
  productId,
  title,
  placement = "page",
}: {
  productId: string;
  title: string;
  placement?: "card" | "page";
}) {
  const { saved, toggle } = useWishlist();
  const { pick } = useVariantSelection();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const isSaved = saved?.has(productId) ?? false;

  function onClick() {
    setError(null);
    startTransition(async () => {
      const result = await toggle(productId, isSaved, pick?.variantId);
      if (!result.ok) setError(result.error);
    });
  }

  const label = isSaved ? `Remove ${title} from your wishlist` : `Save ${title} to your wishlist`;
  return (
    <span className={placement === "card" ? "card-heart" : "inline-flex items-center gap-2 self-start"}>
      <button
        type="button"
        onClick={onClick}
        disabled={pending || saved === null}
        aria-pressed={isSaved}
        aria-label={label}
        title={label}
        data-testid="wishlist-button"
        className="flex h-9 w-9 items-center justify-center rounded-full border border-zinc-200 bg-white/90 text-zinc-700 shadow-sm hover:text-red-600 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-60"
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" className={isSaved ? "text-red-600" : ""}>
          <path
            d="M12 21s-7.5-4.6-9.3-9.1C1.5 8.6 3.6 5 7.1 5c2 0 3.4 1.1 4.9 2.9C13.5 6.1 14.9 5 16.9 5c3.5 0 5.6 3.6 4.4 6.9C19.5 16.4 12 21 12 21z"
            fill={isSaved ? "currentColor" : "none"}
            stroke="currentColor"
            strokeWidth="1.8"
          />
        </svg>
      </button>
      {error ? (
        <span role="alert" className={placement === "card" ? "sr-only" : "text-sm text-red-700"}>
          {error}
        </span>
      ) : null}
    </span>
  );
}
