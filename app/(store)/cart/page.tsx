import type { Metadata } from "next";
import { Suspense } from "react";
import { CartContents } from "@/components/cart/cart-contents";
import { CartUnavailable } from "@/components/cart/cart-unavailable";
import { getShopperCart } from "@/lib/cart/cart";
import { readCartId } from "@/lib/cart/cookies";
import { prisma } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/errors";
import { formatMoney, storeCurrency, type CurrencyDisplay } from "@/lib/money";
import { getStoreSettings } from "@/lib/settings/cache";

export const metadata: Metadata = { title: "Your cart", robots: { index: false } };

export default function CartPage() {
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="mb-8 text-3xl font-bold tracking-tight">Your cart</h1>
      {/* The cart is read per request from the shopper's cookie: never cached. */}
      <Suspense fallback={<CartSkeleton />}>
        <VisitorCart />
      </Suspense>
      <Suspense fallback={null}>
        <FreeShippingNote />
      </Suspense>
    </div>
  );
}

async function VisitorCart() {
  const cartId = await readCartId();
  let cart;
  try {
    cart = await getShopperCart(prisma, cartId);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error("[cart] database unavailable", error instanceof Error ? error.message : error);
    return <CartUnavailable />;
  }
  return <CartContents serverCart={cart} />;
}

/** The store-wide free-shipping threshold (/admin/settings), when the seller set one. */
async function FreeShippingNote() {
  let freeShippingThresholdCents: number | null;
  let currencyDisplay: CurrencyDisplay;
  try {
    ({ freeShippingThresholdCents, currencyDisplay } = await getStoreSettings());
  } catch (error) {
    // The cart above already says the store is unavailable.
    if (isDatabaseUnavailable(error)) return null;
    throw error;
  }
  if (freeShippingThresholdCents === null) return null;
  return (
    <p className="mt-6 text-sm text-zinc-600" data-testid="free-shipping-note">
      Free shipping on orders from{" "}
      {formatMoney(freeShippingThresholdCents, storeCurrency(), { display: currencyDisplay })} (after discounts).
    </p>
  );
}

function CartSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading your cart" className="flex flex-col gap-4">
      {[0, 1].map((key) => (
        <div key={key} className="h-28 animate-pulse rounded-lg bg-zinc-100" />
      ))}
    </div>
  );
}
