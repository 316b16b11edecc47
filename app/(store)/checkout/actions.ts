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
} from "@/lib/checkout/checkout-state";
import { shippingAddressSchema } from "@/lib/checkout/address";
import { placeOrder } from "@/lib/checkout/place-order";
import { siteUrl } from "@/lib/catalog/site";
import type { ShopperRequest } from "@/lib/rate-limit/shopper-request";
import { orderAccessPath } from "@/lib/orders/access";
import { lookUpOrder } from "@/lib/orders/lookup";
import { requirePaymentProvider } from "@/lib/payments/provider";
import { payWithTestCard, safeOrderReturnPath } from "@/lib/checkout/test-card-payment";
import { failure, formObject, invalidInput, ok, type ActionResult } from "@/lib/actions/result";
import { checkRateLimit, clientIp } from "@/lib/rate-limit";

/** The caller's address and the store's limiter, for lib functions that rate limit before writing. */
async function shopperRequest(): Promise<ShopperRequest> {
  return { ip: clientIp(await headers()), checkRateLimit };
}

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
    await applyCouponCode(prisma, await readCartId(), parsed.data.code, await shopperRequest());
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
    const ip = clientIp(await headers());
    const limited = await checkRateLimit("checkoutPlace", { ip, account: state.email });
    if (!limited.ok) return { ok: false, code: "rate_limited", error: limited.message };
    // The same token for every submit of this attempt: a double click places one order.
    const checkoutToken = await ensureCheckoutToken(prisma, state.cartId);
    const { order, accessToken } = await placeOrder(prisma, {
      checkoutToken,
      cartId: state.cartId,
      email: state.email,
      shippingAddress: state.shippingAddress,
      shippingMethod: state.shippingMethod,
      couponCode: state.couponCode ?? undefined,
      clientIp: ip,
    });
    // Payment starts after the order's transaction committed: no network call happens inside it. After
    // paying, the provider sends the shopper to the order page through the link placing it handed out.
    const base = siteUrl();
    const started = await provider.startPayment(prisma, order.id, {
      successUrl: `${base}${orderAccessPath(order.id, accessToken)}&session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${base}/checkout/review`,
    });
    redirectUrl = started.redirectUrl;
  } catch (error) {
    return failure(error, "placeOrder");
  }
  redirect(redirectUrl);
}

export async function payWithTestCardAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  let orderPath: string;
  try {
    // payWithTestCard validates both fields with zod and answers with field errors.
    const fields = formObject(formData);
    const result = await payWithTestCard(
      prisma,
      { paymentId: fields.paymentId ?? "", cardNumber: fields.cardNumber ?? "" },
      { request: await shopperRequest() },
    );
    if (!result.ok) {
      // A declined card keeps the cart; the next attempt must place a new order (this one's stock is released).
      if (result.error === "card_declined" || result.error === "insufficient_funds") {
        const cartId = await readCartId();
        if (cartId) await resetCheckoutToken(prisma, cartId);
      }
      return { ok: false, code: result.error, error: result.message, fieldErrors: result.fieldErrors };
    }
    // The order page through the link checkout gave the payment page; without one (an old or edited
    // payment link), the lookup form, since the order id alone opens nothing.
    orderPath = safeOrderReturnPath(fields.returnTo, result.orderId) ?? "/orders/lookup";
  } catch (error) {
    return failure(error, "payWithTestCard");
  }
  redirect(orderPath);
}

export async function lookupOrderAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const values = formObject(formData);
  let path: string;
  try {
    // Validation, the rate limit, then the order; a match gets a new link to the order page.
    const result = await lookUpOrder(prisma, values, await shopperRequest());
    if (!result.ok) return { ...result, values };
    path = result.path;
  } catch (error) {
    return failure(error, "lookupOrder", values);
  }
  redirect(path);
}
