"use server";
// Checkout steps. Public (guest checkout); each acts only on the cart in the caller's own cookie.
// `redirect()` is called outside try/catch: it works by throwing.
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db";
import { readCartId } from "@/lib/cart/cookies";
import {
  applyCouponCode,
  contactInput,
  couponInput,
  removeCoupon,
  saveContact,
  saveShippingAddress,
  saveShippingMethod,
  shippingMethodInput,
} from "@/lib/cart/checkout-state";
import { shippingAddressSchema } from "@/lib/checkout/address";
import { failure, formObject, invalidInput, ok, type ActionResult } from "@/lib/actions/result";

export async function saveContactAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = contactInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await saveContact(prisma, await readCartId(), parsed.data.email);
  } catch (error) {
    return failure(error, "saveContact");
  }
  redirect("/checkout/shipping");
}

export async function saveAddressAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = shippingAddressSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await saveShippingAddress(prisma, await readCartId(), parsed.data);
  } catch (error) {
    return failure(error, "saveAddress");
  }
  redirect("/checkout/delivery");
}

export async function saveDeliveryAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = shippingMethodInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await saveShippingMethod(prisma, await readCartId(), parsed.data.shippingMethod);
  } catch (error) {
    return failure(error, "saveDelivery");
  }
  redirect("/checkout/review");
}

export async function applyCouponAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = couponInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await applyCouponCode(prisma, await readCartId(), parsed.data.code);
  } catch (error) {
    return failure(error, "applyCoupon");
  }
  redirect("/checkout/review");
}

export async function removeCouponAction(): Promise<ActionResult> {
  try {
    await removeCoupon(prisma, await readCartId());
    return ok(undefined);
  } catch (error) {
    return failure(error, "removeCoupon");
  }
}
