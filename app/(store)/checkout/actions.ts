"use server";
// Checkout steps. Public (guest checkout); each acts only on the cart in the caller's own cookie.
// `redirect()` is called outside try/catch: it works by throwing.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db";
import { readCartId } from "@/lib/cart/cookies";
import {
  applyCouponCode,
  contactInput,
  couponInput,
  ensureCheckoutToken,
  getCheckoutState,
  removeCoupon,
  resetCheckoutToken,
  saveContact,
  saveShippingAddress,
  saveShippingMethod,
  shippingMethodInput,
} from "@/lib/cart/checkout-state";
import { shippingAddressSchema } from "@/lib/checkout/address";
import { placeOrder } from "@/lib/checkout/place-order";
import { siteUrl } from "@/lib/catalog/site";
import { findOrderForLookup, orderLookupInput } from "@/lib/orders/lookup";
import { requirePaymentProvider } from "@/lib/payments/provider";
import { payWithTestCard } from "@/lib/payments/test-provider";
import { failure, formObject, invalidInput, ok, type ActionResult } from "@/lib/actions/result";
import { checkRateLimit, clientIp } from "@/lib/rate-limit";

export async function saveContactAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const values = formObject(formData);
  const parsed = contactInput.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  try {
    await saveContact(prisma, await readCartId(), parsed.data.email);
  } catch (error) {
    return failure(error, "saveContact", values);
  }
  redirect("/checkout/shipping");
}

export async function saveAddressAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const values = formObject(formData);
  const parsed = shippingAddressSchema.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  try {
    await saveShippingAddress(prisma, await readCartId(), parsed.data);
  } catch (error) {
    return failure(error, "saveAddress", values);
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
  const values = formObject(formData);
  const parsed = couponInput.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  try {
    await applyCouponCode(prisma, await readCartId(), parsed.data.code);
  } catch (error) {
    return failure(error, "applyCoupon", values);
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

export async function placeOrderAction(_previous: unknown): Promise<ActionResult> {
  let redirectUrl: string;
  try {
    // First, before anything is written: a store without a payment provider takes no orders.
    const provider = requirePaymentProvider();
    const cartId = await readCartId();
    const state = await getCheckoutState(prisma, cartId);
    if (!state || !state.email || !state.shippingAddress || !state.shippingMethod) {
      return { ok: false, code: "checkout_incomplete", error: "Please complete every checkout step first." };
    }
    // Before anything is written (the checkout token below is a write): each order holds stock, so a
    // script placing orders in a loop is stopped per address and per email.
    const limited = await checkRateLimit("checkoutPlace", { ip: clientIp(await headers()), account: state.email });
    if (!limited.ok) return { ok: false, code: "rate_limited", error: limited.message };
    // The same token for every submit of this attempt: a double click places one order.
    const checkoutToken = await ensureCheckoutToken(prisma, state.cartId);
    const { order } = await placeOrder(prisma, {
      checkoutToken,
      cartId: state.cartId,
      email: state.email,
      shippingAddress: state.shippingAddress,
      shippingMethod: state.shippingMethod,
      couponCode: state.couponCode ?? undefined,
    });
    // Payment starts after the order's transaction committed: no network call happens inside it.
    const base = siteUrl();
    const started = await provider.startPayment(prisma, order.id, {
      successUrl: `${base}/orders/${order.id}?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${base}/checkout/review`,
    });
    redirectUrl = started.redirectUrl;
  } catch (error) {
    return failure(error, "placeOrder");
  }
  redirect(redirectUrl);
}

export async function payWithTestCardAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  let orderId: string;
  try {
    // payWithTestCard validates both fields with zod and answers with field errors.
    const fields = formObject(formData);
    const result = await payWithTestCard(prisma, {
      paymentId: fields.paymentId ?? "",
      cardNumber: fields.cardNumber ?? "",
    });
    if (!result.ok) {
      // A declined card keeps the cart; the next attempt must place a new order (this one's stock is released).
      if (result.error === "card_declined" || result.error === "insufficient_funds") {
        const cartId = await readCartId();
        if (cartId) await resetCheckoutToken(prisma, cartId);
      }
      return { ok: false, code: result.error, error: result.message, fieldErrors: result.fieldErrors };
    }
    orderId = result.orderId;
  } catch (error) {
    return failure(error, "payWithTestCard");
  }
  redirect(`/orders/${orderId}`);
}

export async function lookupOrderAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const values = formObject(formData);
  const parsed = orderLookupInput.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  let orderId: string | null;
  try {
    orderId = await findOrderForLookup(prisma, parsed.data);
  } catch (error) {
    return failure(error, "lookupOrder", values);
  }
  // One answer for "no such number" and "wrong email": the form reveals nothing about other orders.
  if (!orderId)
    return { ok: false, code: "not_found", error: "We could not find an order with that number and email.", values };
  redirect(`/orders/${orderId}`);
}
