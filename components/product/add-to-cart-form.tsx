"use client";

import Link from "next/link";
import { useRef } from "react";
import type { CartActionResult } from "@/lib/cart/cart";
import { useCart } from "@/components/cart/cart-context";
import { openCartDrawer } from "@/components/cart/cart-drawer-store";
import { useFormAction } from "@/components/ui/use-form-action";

/**
 * Posts { variantId, quantity } only: the price is looked up on the server. The action answers with the
 * cart, which the shared cart context shows (header count, drawer), and the cart drawer opens. Opening
 * happens in the action itself, not in an effect on the result: Next keeps visited pages mounted but
 * hidden and re-runs their effects when they show again, which would reopen the drawer on every return.
 */
export function AddToCartForm({
  variantId,
  maxQuantity,
  soldOut,
}: {
  variantId: string;
  maxQuantity: number;
  soldOut: boolean;
}) {
  const { addItem } = useCart();
  const submitRef = useRef<HTMLButtonElement>(null);
  const { result, action, pending, failed } = useFormAction(
    async (_previous: CartActionResult | null, formData: FormData) => {
      const next = await addItem(formData);
      // Focus goes back to the button when the drawer closes; the drawer shows the add's answer as it is.
      if (next.ok) openCartDrawer(submitRef.current, { reload: false });
      return next;
    },
  );

  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="variantId" value={variantId} />
      <div className="flex items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Quantity</span>
          <select
            name="quantity"
            defaultValue="1"
            disabled={soldOut}
            data-testid="quantity"
            className="rounded-md border border-zinc-300 px-3 py-3 focus-visible:outline-2"
          >
            {Array.from({ length: Math.max(1, Math.min(maxQuantity, 10)) }, (_, index) => index + 1).map((quantity) => (
              <option key={quantity} value={quantity}>
                {quantity}
              </option>
            ))}
          </select>
        </label>
        <button
          ref={submitRef}
          type="submit"
          data-testid="add-to-cart"
          data-variant-id={variantId}
          disabled={soldOut || pending}
          className="flex-1 rounded-md bg-zinc-900 px-6 py-3 text-base font-semibold text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:bg-zinc-300 disabled:text-zinc-600"
        >
          {pending ? "Adding…" : "Add to cart"}
        </button>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm" data-testid="add-to-cart-status">
        {result?.ok ? (
          <span className="text-green-700">
            Added to your cart.{" "}
            <Link href="/cart" className="font-semibold underline">
              View cart
            </Link>
          </span>
        ) : failed ? (
          <span className="text-red-700">{failed.error}</span>
        ) : null}
      </p>
    </form>
  );
}
