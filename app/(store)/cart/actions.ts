"use server";
// Cart mutations. Public (guest carts are first class); the cart is the one in the caller's own
// httpOnly cookie, so a forged line id of another cart changes nothing (lib/cart checks ownership).
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { getSessionUser } from "@/lib/auth/session";
import { acknowledgePriceChanges, addToCart, removeLine, updateLineQuantity } from "@/lib/cart/cart";
import { readCartId, writeCartId } from "@/lib/cart/cookies";
import { addToCartInput, removeLineInput, updateLineInput } from "@/lib/cart/schemas";
import { prisma } from "@/lib/db";

export const addToCartAction = defineAction({ role: "public", input: addToCartInput }, async ({ input }) => {
  // A cart started while signed in belongs to the account, so it is there again after signing back in.
  const user = await getSessionUser();
  const { cartId } = await addToCart(prisma, await readCartId(), input, new Date(), user?.id ?? null);
  await writeCartId(cartId);
  revalidatePath("/cart");
  return { cartId };
});

export const updateCartLineAction = defineAction({ role: "public", input: updateLineInput }, async ({ input }) => {
  await updateLineQuantity(prisma, await readCartId(), input);
  revalidatePath("/cart");
});

export const removeCartLineAction = defineAction({ role: "public", input: removeLineInput }, async ({ input }) => {
  await removeLine(prisma, await readCartId(), input.lineId);
  revalidatePath("/cart");
});

export const acknowledgePricesAction = defineAction({ role: "public" }, async () => {
  await acknowledgePriceChanges(prisma, await readCartId());
  revalidatePath("/cart");
});
