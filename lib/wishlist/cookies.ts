import "server-only";
import { cookies } from "next/headers";
import { GUEST_WISHLIST_TTL_DAYS } from "./wishlist";

// A guest's wishlist id is all the browser keeps, as for the cart (lib/cart/cookies.ts): httpOnly,
// sameSite=lax, secure in production. Signed-in shoppers' wishlists are found by their account instead.
export const WISHLIST_COOKIE = "wishlist_id";

export async function readWishlistId(): Promise<string | undefined> {
  const value = (await cookies()).get(WISHLIST_COOKIE)?.value;
  return value && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;
}

export async function writeWishlistId(wishlistId: string): Promise<void> {
  (await cookies()).set(WISHLIST_COOKIE, wishlistId, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production" && !process.env.SITE_URL?.startsWith("http://"),
    path: "/",
    maxAge: GUEST_WISHLIST_TTL_DAYS * 24 * 60 * 60,
  });
}

export async function clearWishlistId(): Promise<void> {
  (await cookies()).delete(WISHLIST_COOKIE);
}
