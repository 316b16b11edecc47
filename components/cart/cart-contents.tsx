"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import type { ShopperCart } from "@/lib/cart/cart";
import { useFormatMoney } from "@/components/money-display";
import { AcknowledgePricesButton } from "./acknowledge-prices-button";
import { CartDiscounts } from "./cart-discounts";
import { useCart } from "./cart-context";
import { CartLineItem } from "./cart-line-item";
import { RecentlyViewedIsland } from "@/components/recently-viewed-island";

/**
 * The cart page's lines and summary. The page reads the cart on the server (so it renders complete, with
 * or without JavaScript) and hands it to the shared cart context, which then keeps it and the header's
 * count and the drawer in step.
 */
export function CartContents({ serverCart }: { serverCart: ShopperCart | null }) {
  const formatMoney = useFormatMoney();
  const { cart: shared, loaded, adopt } = useCart();
  // Once per server answer: Next keeps a visited page mounted but hidden and re-runs its effects when it
  // shows again, and by then the shared cart is newer than this page's.
  const adopted = useRef<ShopperCart | null | undefined>(undefined);
  useEffect(() => {
    if (adopted.current === serverCart) return;
    adopted.current = serverCart;
    adopt(serverCart);
  }, [adopt, serverCart]);
  const cart = loaded ? shared : serverCart;
  if (!cart || cart.lines.length === 0) {
    return (
      <>
        <div
          className="flex flex-col items-start gap-4 rounded-lg border border-dashed border-zinc-300 p-10"
          data-testid="cart-empty"
        >
          <p className="text-lg text-zinc-700">Your cart is empty.</p>
          <Link
            href="/"
            className="rounded-md bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2"
          >
            Continue shopping
          </Link>
        </div>
        <div className="mt-10">
          <RecentlyViewedIsland />
        </div>
      </>
    );
  }
  const blocked = cart.hasProblems;
  return (
    <div className="grid gap-10 lg:grid-cols-[1fr_20rem]">
      <section aria-label="Items">
        {cart.hasPriceChanges ? (
          <div
            role="status"
            className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
          >
            <p>Some prices changed since you added the items. The cart shows the current prices.</p>
            <AcknowledgePricesButton />
          </div>
        ) : null}
        <ul className="divide-y divide-zinc-200 border-y border-zinc-200" data-testid="cart-lines">
          {cart.lines.map((line) => (
            <CartLineItem key={line.id} line={line} currency={cart.currency} />
          ))}
        </ul>
      </section>
      <aside aria-label="Order summary" className="h-fit rounded-lg bg-zinc-50 p-6">
        <h2 className="text-lg font-semibold">Summary</h2>
        <dl className="mt-4 flex justify-between text-base">
          <dt>
            Subtotal ({cart.itemCount} {cart.itemCount === 1 ? "item" : "items"})
          </dt>
          <dd data-testid="cart-subtotal" className="font-semibold">
            {formatMoney(cart.subtotalCents, cart.currency)}
          </dd>
        </dl>
        <CartDiscounts cart={cart} />
        <p className="mt-2 text-sm text-zinc-600">Shipping, tax and coupon codes are calculated at checkout.</p>
        {blocked ? (
          <p role="alert" className="mt-4 text-sm font-medium text-red-700">
            Some items are no longer available in the quantity you chose. Adjust them to continue.
          </p>
        ) : null}
        {blocked ? (
          <span
            aria-disabled="true"
            className="mt-6 block cursor-not-allowed rounded-md bg-zinc-300 px-5 py-3 text-center font-semibold text-zinc-600"
          >
            Checkout
          </span>
        ) : (
          <Link
            href="/checkout"
            data-testid="checkout-link"
            className="mt-6 block rounded-md bg-zinc-900 px-5 py-3 text-center font-semibold text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2"
          >
            Checkout
          </Link>
        )}
      </aside>
    </div>
  );
}
