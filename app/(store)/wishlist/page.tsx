import type { Metadata } from "next";
import { Suspense } from "react";
import { WishlistItems } from "@/components/wishlist/wishlist-items";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { readWishlistId } from "@/lib/wishlist/cookies";
import { getWishlistView } from "@/lib/wishlist/wishlist";
import { moveWishlistItemToCartAction, removeFromWishlistAction } from "./actions";

export const metadata: Metadata = { title: "Your wishlist", robots: { index: false } };

const itemActions = { moveToCart: moveWishlistItemToCartAction, remove: removeFromWishlistAction };

// Per visitor (the session or the guest's wishlist cookie), read at request time: never cached.
async function Wishlist() {
  const user = await getSessionUser();
  const items = await getWishlistView(prisma, { userId: user?.id ?? null, guestWishlistId: await readWishlistId() });
  return (
    <>
      {user ? null : (
        <p className="text-sm text-zinc-600">Sign in to keep your wishlist on every device: it joins your account.</p>
      )}
      <WishlistItems items={items} actions={itemActions} />
    </>
  );
}

export default function WishlistPage() {
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-12">
      <h1 className="text-2xl font-bold tracking-tight">Your wishlist</h1>
      <Suspense fallback={<div className="h-48 animate-pulse rounded-md bg-zinc-100" aria-busy="true" />}>
        <Wishlist />
      </Suspense>
    </div>
  );
}
