import type { Metadata } from "next";
import { Suspense } from "react";
import { CartContents } from "@/components/cart/cart-contents";
import { CartUnavailable } from "@/components/cart/cart-unavailable";
import { getShopperCart } from "@/lib/cart/cart";
import { readCartId } from "@/lib/cart/cookies";
import { prisma } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/errors";

export const metadata: Metadata = { title: "Your cart", robots: { index: false } };

export default function CartPage() {
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="mb-8 text-3xl font-bold tracking-tight">Your cart</h1>
      {/* The cart is read per request from the shopper's cookie: never cached. */}
      <Suspense fallback={<CartSkeleton />}>
        <VisitorCart />
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

function CartSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading your cart" className="flex flex-col gap-4">
      {[0, 1].map((key) => (
        <div key={key} className="h-28 animate-pulse rounded-lg bg-zinc-100" />
      ))}
    </div>
  );
}
