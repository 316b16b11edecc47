"use server";
// Wishlist and back-in-stock mutations. Public (guests have a wishlist too): whose wishlist is decided by
// the session or the httpOnly wishlist cookie (lib/wishlist), never by the request, which sends ids only.
// Rate limited per address: each save writes, and each "notify me" can send an email to the address typed.
import { headers } from "next/headers";
import { defineAction } from "@/lib/actions/define-action";
import { getSessionUser } from "@/lib/auth/session";
import { getShopperCart } from "@/lib/cart/cart";
import { readCartId, writeCartId } from "@/lib/cart/cookies";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { STOCK_ALERT_SAVED_MESSAGE, stockAlertInput, subscribeToRestock } from "@/lib/inventory/back-in-stock";
import { checkRateLimit, clientIp } from "@/lib/rate-limit";
import { readWishlistId, writeWishlistId } from "@/lib/wishlist/cookies";
import { wishlistItemInput, wishlistProductInput } from "@/lib/wishlist/schemas";
import {
  addToWishlist,
  listWishlistProductIds,
  moveWishlistItemToCart,
  removeFromWishlist,
  type WishlistOwner,
} from "@/lib/wishlist/wishlist";

async function owner(): Promise<WishlistOwner> {
  const user = await getSessionUser();
  return { userId: user?.id ?? null, guestWishlistId: await readWishlistId() };
}

async function limitWishlistWrites(): Promise<void> {
  const limit = await checkRateLimit("wishlist", { ip: clientIp(await headers()) });
  if (!limit.ok) throw new UserError("rate_limited", limit.message);
}

/** The heart: saves a product (with the variant chosen on its page). Answers with the saved product ids. */
export const saveToWishlistAction = defineAction(
  { role: "public", input: wishlistProductInput, from: "argument" },
  async ({ input }) => {
    await limitWishlistWrites();
    const who = await owner();
    const { wishlistId } = await addToWishlist(prisma, who, input);
    if (!who.userId) await writeWishlistId(wishlistId);
    return { productIds: await listWishlistProductIds(prisma, { ...who, guestWishlistId: wishlistId }) };
  },
);

/** The heart again, or "remove" on the wishlist page. Answers with the saved product ids. */
export const removeFromWishlistAction = defineAction(
  { role: "public", input: wishlistItemInput, from: "argument" },
  async ({ input }) => {
    await limitWishlistWrites();
    const who = await owner();
    await removeFromWishlist(prisma, who, input.productId);
    return { productIds: await listWishlistProductIds(prisma, who) };
  },
);

/** "Move to cart" on the wishlist page: through the cart's own writer; answers with the cart as it now is. */
export const moveWishlistItemToCartAction = defineAction(
  { role: "public", input: wishlistItemInput, from: "argument" },
  async ({ input }) => {
    await limitWishlistWrites();
    const { cartId } = await moveWishlistItemToCart(prisma, await owner(), input.productId, await readCartId());
    await writeCartId(cartId);
    return { cart: await getShopperCart(prisma, cartId) };
  },
);

/** "Notify me" on a sold-out variant: one email when it is back (lib/inventory/back-in-stock.ts). */
export const subscribeStockAlertAction = defineAction(
  { role: "public", input: stockAlertInput, echo: ["email"] },
  async ({ input }) => {
    const limit = await checkRateLimit("stockAlert", { ip: clientIp(await headers()), account: input.email });
    if (!limit.ok) throw new UserError("rate_limited", limit.message);
    await subscribeToRestock(prisma, input);
    return { message: STOCK_ALERT_SAVED_MESSAGE };
  },
);
