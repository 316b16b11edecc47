"use client";
// The heart: saves the product to the visitor's wishlist or takes it out again (guests too: the wishlist
// then lives in a cookie-named record and joins the account at sign-in). On a product page it also saves
// the variant the shopper chose (picked, or opened by a link naming it), so "move to cart" knows which one. Drawn by the .heart classes of
// app/globals.css (a CSS mask, no inline SVG): a listing repeats it on every card, in its HTML and payload.
import { useState, useTransition } from "react";
import { useWishlistProduct } from "@/components/wishlist/wishlist-context";
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
  const { saved, toggle } = useWishlistProduct(productId);
  const { chosenId } = useVariantSelection();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onClick() {
    setError(null);
    startTransition(async () => {
      const result = await toggle(chosenId ?? undefined);
      if (!result.ok) setError(result.error);
    });
  }

  const button = (
    <button
      type="button"
      onClick={onClick}
      disabled={pending}
      aria-pressed={saved}
      aria-label={saved ? `Remove ${title} from your wishlist` : `Save ${title} to your wishlist`}
      data-testid="wishlist-button"
      className={placement === "card" ? "heart card-heart" : "heart"}
    />
  );
  const alert = error ? (
    <span role="alert" className={placement === "card" ? "sr-only" : "text-sm text-red-700"}>
      {error}
    </span>
  ) : null;
  if (placement === "card")
    return (
      <>
        {button}
        {alert}
      </>
    );
  return (
    <span className="inline-flex items-center gap-2 self-start">
      {button}
      {alert}
    </span>
  );
}
