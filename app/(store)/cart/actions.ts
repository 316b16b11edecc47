"use server";
// Cart mutations. Public (guest carts are first class); the cart is the one in the caller's own
// httpOnly cookie, so a forged line id of another cart changes nothing (lib/cart checks ownership).
import { revalidatePath } from "next/cache";
import { prisma } from "@/lib/db";
import { addToCart, acknowledgePriceChanges, removeLine, updateLineQuantity } from "@/lib/cart/cart";
import { readCartId, writeCartId } from "@/lib/cart/cookies";
import { getSessionUser } from "@/lib/auth/session";
import { addToCartInput, removeLineInput, updateLineInput } from "@/lib/cart/schemas";
import { failure, formObject, invalidInput, ok, type ActionResult } from "@/lib/actions/result";

export async function addToCartAction(
  _previous: unknown,
  formData: FormData,
): Promise<ActionResult<{ cartId: string }>> {
  const parsed = addToCartInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    // A cart started while signed in belongs to the account, so it is there again after signing back in.
    const user = await getSessionUser();
    const { cartId } = await addToCart(prisma, await readCartId(), parsed.data, new Date(), user?.id ?? null);
    await writeCartId(cartId);
    revalidatePath("/cart");
    return ok({ cartId });
  } catch (error) {
    return failure(error, "addToCart");
  }
}

export async function updateCartLineAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = updateLineInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await updateLineQuantity(prisma, await readCartId(), parsed.data);
    revalidatePath("/cart");
    return ok(undefined);
  } catch (error) {
    return failure(error, "updateCartLine");
  }
}

export async function removeCartLineAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = removeLineInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await removeLine(prisma, await readCartId(), parsed.data.lineId);
    revalidatePath("/cart");
    return ok(undefined);
  } catch (error) {
    return failure(error, "removeCartLine");
  }
}

export async function acknowledgePricesAction(): Promise<ActionResult> {
  try {
    await acknowledgePriceChanges(prisma, await readCartId());
    revalidatePath("/cart");
    return ok(undefined);
  } catch (error) {
    return failure(error, "acknowledgePrices");
  }
}
