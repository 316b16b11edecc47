import type { Metadata } from "next";
import { Suspense } from "react";
import { CartContents } from "@/components/cart/cart-contents";
import { getShopperCart } from "@/lib/cart/cart";
import { readCartId } from "@/lib/cart/cookies";
import { prisma } from "@/lib/db";

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
  return <CartContents serverCart={await getShopperCart(prisma, await readCartId())} />;
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
