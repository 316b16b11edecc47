"use client";
// The wishlist as a list (the /wishlist page and the account page): each saved product with its live price
// and stock, "move to cart" (the cart's own writer adds it; the header's cart then shows the answer) and
// "remove". After either, the page is read again from the server.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { ShopperCart } from "@/lib/cart/cart";
import { productPath } from "@/lib/catalog/site";
import { useFormatMoney } from "@/components/money-display";
import type { WishlistItemView } from "@/lib/wishlist/wishlist";
import { useCart } from "@/components/cart/cart-context";

export interface WishlistItemActions {
  moveToCart(input: { productId: string }): Promise<ActionResult<{ cart: ShopperCart | null }>>;
  remove(input: { productId: string }): Promise<ActionResult<{ productIds: string[] }>>;
}

function stockLine(item: WishlistItemView): string {
  if (item.unavailable) return "No longer available";
  if (item.available === 0) return "Out of stock";
  return item.available <= 5 ? `Only ${item.available} left` : "In stock";
}

export function WishlistItems({ items, actions }: { items: WishlistItemView[]; actions: WishlistItemActions }) {
  const formatMoney = useFormatMoney();
  const router = useRouter();
  const { adopt } = useCart();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ productId: string; message: string } | null>(null);

  function run(productId: string, kind: "move" | "remove") {
    setError(null);
    startTransition(async () => {
      const result = kind === "move" ? await actions.moveToCart({ productId }) : await actions.remove({ productId });
      if (!result.ok) {
        setError({ productId, message: result.error });
        return;
      }
      if (kind === "move" && "cart" in result.data) adopt(result.data.cart);
      router.refresh();
    });
  }

  if (items.length === 0) {
    return (
      <p className="text-sm text-zinc-600" data-testid="wishlist-empty">
        Nothing saved yet. Tap the heart on a product to keep it here.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200" data-testid="wishlist-items">
      {items.map((item) => (
        <li key={item.productId} className="flex flex-wrap items-center gap-4 p-4" data-testid="wishlist-item">
          {item.imageUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- small SVGs and already-sized uploads: nothing to optimise
            <img src={item.imageUrl} alt={item.imageAlt} width={64} height={64} className="rounded-md bg-zinc-100" />
          ) : null}
          <div className="flex min-w-40 flex-1 flex-col gap-1">
            <Link href={productPath(item.slug)} className="font-medium hover:underline">
              {item.title}
            </Link>
            {item.variantTitle ? <span className="text-sm text-zinc-600">{item.variantTitle}</span> : null}
            <span className="text-sm">
              <span className="font-semibold" data-testid="wishlist-price">
                {formatMoney(item.priceCents, item.currency)}
              </span>{" "}
              · <span data-testid="wishlist-stock">{stockLine(item)}</span>
            </span>
            {error?.productId === item.productId ? (
              <span role="alert" className="text-sm text-red-700">
                {error.message}
              </span>
            ) : null}
          </div>
          <div className="flex items-center gap-2">
            {item.cartVariantId && !item.unavailable && item.available > 0 ? (
              <button
                type="button"
                disabled={pending}
                onClick={() => run(item.productId, "move")}
                className="rounded-md bg-zinc-900 px-3 py-2 text-sm font-semibold text-white hover:bg-zinc-800 disabled:opacity-60"
              >
                Move to cart
              </button>
            ) : !item.unavailable ? (
              <Link href={productPath(item.slug)} className="rounded-md border border-zinc-300 px-3 py-2 text-sm">
                {item.available > 0 ? "Choose options" : "View"}
              </Link>
            ) : null}
            <button
              type="button"
              disabled={pending}
              onClick={() => run(item.productId, "remove")}
              className="rounded-md px-3 py-2 text-sm text-zinc-700 underline hover:text-zinc-900 disabled:opacity-60"
            >
              Remove
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
