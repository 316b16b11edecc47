"use server";
// Cart mutations. Public (guest carts are first class); the cart is the one in the caller's own
// httpOnly cookie, so a forged line id of another cart changes nothing (lib/cart checks ownership).
// Each answers with the cart as it now is (lib/cart getShopperCart), which the browser's cart context
// shows at once: no page refresh and no second read of the cart after a change.
import { defineAction } from "@/lib/actions/define-action";
import { getSessionUser } from "@/lib/auth/session";
import { acknowledgePriceChanges, addToCart, getShopperCart, removeLine, updateLineQuantity } from "@/lib/cart/cart";
import { readCartId, writeCartId } from "@/lib/cart/cookies";
import { addToCartInput, removeLineInput, updateLineInput } from "@/lib/cart/schemas";
import { prisma } from "@/lib/db";

export const addToCartAction = defineAction({ role: "public", input: addToCartInput }, async ({ input }) => {
  // A cart started while signed in belongs to the account, so it is there again after signing back in.
  const user = await getSessionUser();
  const { cartId } = await addToCart(prisma, await readCartId(), input, new Date(), user?.id ?? null);
  await writeCartId(cartId);
  return { cart: await getShopperCart(prisma, cartId) };
});

export const updateCartLineAction = defineAction({ role: "public", input: updateLineInput }, async ({ input }) => {
  const cartId = await readCartId();
  await updateLineQuantity(prisma, cartId, input);
  return { cart: await getShopperCart(prisma, cartId) };
});

export const removeCartLineAction = defineAction({ role: "public", input: removeLineInput }, async ({ input }) => {
  const cartId = await readCartId();
  await removeLine(prisma, cartId, input.lineId);
  return { cart: await getShopperCart(prisma, cartId) };
});

export const acknowledgePricesAction = defineAction({ role: "public" }, async () => {
  const cartId = await readCartId();
  await acknowledgePriceChanges(prisma, cartId);
  return { cart: await getShopperCart(prisma, cartId) };
});
