"use server";
// Checkout steps. Public (guest checkout); each acts only on the cart in the caller's own cookie.
import { refresh } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
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
import { siteUrl } from "@/lib/catalog/site";
import { shippingAddressSchema } from "@/lib/checkout/address";
import { placeOrder } from "@/lib/checkout/place-order";
import type { ShopperRequest } from "@/lib/rate-limit/shopper-request";
import { prisma } from "@/lib/db";
import { isUserError, UserError } from "@/lib/errors";
import { orderAccessPath } from "@/lib/orders/access";
import { lookUpOrder, orderLookupInput } from "@/lib/orders/lookup";
import { requirePaymentProvider } from "@/lib/payments/provider";
import { orderPageAfterPayment, payWithTestCard } from "@/lib/checkout/test-card-payment";
import { getSessionUser } from "@/lib/auth/session";
import { checkRateLimit, clientIp } from "@/lib/rate-limit";

/** The caller's address and the store's limiter, for lib functions that rate limit before writing. */
async function shopperRequest(): Promise<ShopperRequest> {
  return { ip: clientIp(await headers()), checkRateLimit };
}

export const saveContactAction = defineAction(
  { role: "public", input: contactInput, echo: true },
  async ({ input }) => {
    await saveContact(prisma, await readCartId(), input.email);
    redirect("/checkout/shipping");
  },
);

export const saveAddressAction = defineAction(
  { role: "public", input: shippingAddressSchema, echo: true },
  async ({ input }) => {
    await saveShippingAddress(prisma, await readCartId(), input);
    redirect("/checkout/delivery");
  },
);

export const saveDeliveryAction = defineAction({ role: "public", input: shippingMethodInput }, async ({ input }) => {
  await saveShippingMethod(prisma, await readCartId(), input.shippingMethod);
  redirect("/checkout/review");
});

export const applyCouponAction = defineAction({ role: "public", input: couponInput, echo: true }, async ({ input }) => {
  await applyCouponCode(prisma, await readCartId(), input.code, await shopperRequest());
  redirect("/checkout/review");
});

export const removeCouponAction = defineAction({ role: "public" }, async () => {
  await removeCoupon(prisma, await readCartId());
});

/** The total the review step showed (see expectedTotalCents in lib/checkout/place-order.ts). */
const placeOrderForm = z.object({
  expectedTotalCents: z
    .string()
    .regex(/^\d{1,12}$/, "Please reload the page and try again.")
    .transform(Number)
    .optional(),
});

export const placeOrderAction = defineAction({ role: "public", input: placeOrderForm }, async ({ input }) => {
  // First, before anything is written: a store without a payment provider takes no orders.
  const provider = requirePaymentProvider();
  const cartId = await readCartId();
  const state = await getCheckoutState(prisma, cartId);
  if (!state || !state.email || !state.shippingAddress || !state.shippingMethod) {
    throw new UserError("checkout_incomplete", "Please complete every checkout step first.");
  }
  // Before anything is written (the checkout token below is a write): each order holds stock, so a
  // script placing orders in a loop is stopped per address and per email.
  const ip = clientIp(await headers());
  const limited = await checkRateLimit("checkoutPlace", { ip, account: state.email });
  if (!limited.ok) throw new UserError("rate_limited", limited.message);
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
    expectedTotalCents: input.expectedTotalCents,
  }).catch((error: unknown) => {
    // The review page shows the new total under the form's message.
    if (isUserError(error) && error.code === "total_changed") refresh();
    throw error;
  });
  // Payment starts after the order's transaction committed: no network call happens inside it. After
  // paying, the provider sends the shopper to the order page through the link placing it handed out.
  const base = siteUrl();
  const started = await provider.startPayment(prisma, order.id, {
    successUrl: `${base}${orderAccessPath(order.id, accessToken)}&session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${base}/checkout/review`,
  });
  redirect(started.redirectUrl);
});

/** Strings only: payWithTestCard validates them (after its demo-mode check) and answers with field errors. */
const testCardForm = z.object({
  paymentId: z.string().default(""),
  cardNumber: z.string().default(""),
  returnTo: z.string().optional(),
});

export const payWithTestCardAction = defineAction({ role: "public", input: testCardForm }, async ({ input }) => {
  const result = await payWithTestCard(
    prisma,
    { paymentId: input.paymentId, cardNumber: input.cardNumber },
    { request: await shopperRequest() },
  );
  if (!result.ok) {
    // A declined card keeps the cart; the next attempt must place a new order (this one's stock is released).
    if (result.error === "card_declined" || result.error === "insufficient_funds") {
      const cartId = await readCartId();
      if (cartId) await resetCheckoutToken(prisma, cartId);
    }
    throw new UserError(result.error, result.message, { fieldErrors: result.fieldErrors });
  }
  // The order page through the link checkout gave the payment page, or the signed-in owner's own order page
  // (an exchange difference paid from it carries no link); otherwise (an old or edited payment link) the
  // lookup form, since the order id alone opens nothing.
  const user = await getSessionUser();
  const viewer = user ? { userId: user.id } : null;
  redirect((await orderPageAfterPayment(prisma, input.returnTo, result.orderId, viewer)) ?? "/orders/lookup");
});

/** Valid input, then the rate limit, then the order (lib/orders/lookup.ts); a match gets a new link to the
 *  order page. */
export const lookupOrderAction = defineAction(
  { role: "public", input: orderLookupInput, echo: true },
  async ({ input }) => {
    const result = await lookUpOrder(prisma, input, await shopperRequest());
    if (!result.ok) throw new UserError(result.code, result.error, { fieldErrors: result.fieldErrors });
    redirect(result.path);
  },
);
