"use client";

import { useCart } from "./cart-context";

/** Number of items in the visitor's cart, from the shared cart context (pages themselves are not per visitor). */
export function CartCount() {
  const { cart } = useCart();
  const count = cart?.itemCount ?? 0;
  if (count === 0) return null;
  return (
    <span
      data-testid="cart-count"
      className="absolute -right-1 -top-1 flex h-5 min-w-5 items-center justify-center rounded-full bg-zinc-900 px-1 text-xs font-semibold text-white"
    >
      {count}
      <span className="sr-only"> items</span>
    </span>
  );
}
