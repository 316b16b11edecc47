"use server";
// Cart mutations. Public (guest carts are first class); the cart is the one in the caller's own
// httpOnly cookie, so a forged line id of another cart changes nothing (lib/cart checks ownership).
// Each answers with the cart as it now is (lib/cart getShopperCart), which the browser's cart context
// shows at once: no page refresh and no second read of the cart after a change.
import { prisma } from "@/lib/db";
import {
  addToCart,
  acknowledgePriceChanges,
  getShopperCart,
  removeLine,
  updateLineQuantity,
  type CartActionResult,
} from "@/lib/cart/cart";
import { readCartId, writeCartId } from "@/lib/cart/cookies";
import { getSessionUser } from "@/lib/auth/session";
import { addToCartInput, removeLineInput, updateLineInput } from "@/lib/cart/schemas";
import { failure, formObject, invalidInput, ok } from "@/lib/actions/result";

export async function addToCartAction(_previous: unknown, formData: FormData): Promise<CartActionResult> {
  const parsed = addToCartInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    // A cart started while signed in belongs to the account, so it is there again after signing back in.
    const user = await getSessionUser();
    const { cartId } = await addToCart(prisma, await readCartId(), parsed.data, new Date(), user?.id ?? null);
    await writeCartId(cartId);
    return ok({ cart: await getShopperCart(prisma, cartId) });
  } catch (error) {
    return failure(error, "addToCart");
  }
}

export async function updateCartLineAction(_previous: unknown, formData: FormData): Promise<CartActionResult> {
  const parsed = updateLineInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const cartId = await readCartId();
    await updateLineQuantity(prisma, cartId, parsed.data);
    return ok({ cart: await getShopperCart(prisma, cartId) });
  } catch (error) {
    return failure(error, "updateCartLine");
  }
}

export async function removeCartLineAction(_previous: unknown, formData: FormData): Promise<CartActionResult> {
  const parsed = removeLineInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const cartId = await readCartId();
    await removeLine(prisma, cartId, parsed.data.lineId);
    return ok({ cart: await getShopperCart(prisma, cartId) });
  } catch (error) {
    return failure(error, "removeCartLine");
  }
}

export async function acknowledgePricesAction(): Promise<CartActionResult> {
  try {
    const cartId = await readCartId();
    await acknowledgePriceChanges(prisma, cartId);
    return ok({ cart: await getShopperCart(prisma, cartId) });
  } catch (error) {
    return failure(error, "acknowledgePrices");
  }
}
