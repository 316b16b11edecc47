// Checkout progress kept on the cart (email, shipping address, shipping method, coupon code and the
// idempotency token of the attempt to place it), so each step's URL can be reloaded and resumed.
// Every value is validated here; prices are never part of it (checkout re-prices from the database).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { shippingAddressSchema, type ShippingAddress } from "./address";
import type { ShopperRequest } from "@/lib/rate-limit/shopper-request";
import { normalizeCouponCode } from "@/lib/pricing/coupons";
import { findCart } from "@/lib/cart/cart";

export const contactInput = z.object({
  email: z
    .string({ error: "Email is required." })
    .trim()
    .toLowerCase()
    .min(1, "Email is required.")
    .max(254, "Email must be at most 254 characters.")
    .pipe(z.email("Enter a valid email address.")),
});
export const shippingMethodInput = z.object({
  shippingMethod: z.enum(["STANDARD", "EXPRESS"], { error: "Choose a shipping option." }),
});
export const couponInput = z.object({
  code: z.string().trim().min(1, "Enter a discount code.").max(64, "That code is too long."),
});

export interface CheckoutState {
  cartId: string;
  email: string | null;
  shippingAddress: ShippingAddress | null;
  shippingMethod: "STANDARD" | "EXPRESS" | null;
  couponCode: string | null;
  checkoutToken: string | null;
}

async function requireCart(db: Db, cartId: string | null | undefined) {
  const cart = await findCart(db, cartId);
  if (!cart) throw new UserError("cart_not_found", "Your cart is empty or has expired.");
  return cart;
}

export async function getCheckoutState(db: Db, cartId: string | null | undefined): Promise<CheckoutState | null> {
  const cart = await findCart(db, cartId);
  if (!cart) return null;
  const coupon = cart.couponId
    ? await db.coupon.findUnique({ where: { id: cart.couponId }, select: { code: true } })
    : null;
  // A stored address is re-validated on read: rules may have changed since it was saved.
  const address = cart.shippingAddress ? shippingAddressSchema.safeParse(cart.shippingAddress) : null;
  return {
    cartId: cart.id,
    email: cart.email,
    shippingAddress: address?.success ? address.data : null,
    shippingMethod: cart.shippingMethod,
    couponCode: coupon?.code ?? null,
    checkoutToken: cart.checkoutToken,
  };
}

export async function saveContact(db: Db, cartId: string | null | undefined, email: string) {
  const cart = await requireCart(db, cartId);
  await db.cart.update({ where: { id: cart.id }, data: { email, checkoutToken: null } });
}

export async function saveShippingAddress(db: Db, cartId: string | null | undefined, address: ShippingAddress) {
  const cart = await requireCart(db, cartId);
  await db.cart.update({ where: { id: cart.id }, data: { shippingAddress: address, checkoutToken: null } });
}

export async function saveShippingMethod(db: Db, cartId: string | null | undefined, method: "STANDARD" | "EXPRESS") {
  const cart = await requireCart(db, cartId);
  await db.cart.update({ where: { id: cart.id }, data: { shippingMethod: method, checkoutToken: null } });
}

/** Attaches a coupon by code; whether it applies to this cart is checked when totals are computed. */
/** Rate limited per address and per cart (policy couponApply) before anything is read or written: codes can be guessed. */
export async function applyCouponCode(
  db: Db,
  cartId: string | null | undefined,
  code: string,
  request: ShopperRequest,
) {
  const limited = await request.checkRateLimit("couponApply", { ip: request.ip, account: cartId ?? undefined });
  if (!limited.ok) throw new UserError("rate_limited", limited.message);
  const cart = await requireCart(db, cartId);
  const normalized = normalizeCouponCode(code);
  const coupon = await db.coupon.findUnique({ where: { code: normalized }, select: { id: true, active: true } });
  if (!coupon || !coupon.active) throw new UserError("coupon_not_found", `The code ${normalized} is not valid.`);
  await db.cart.update({ where: { id: cart.id }, data: { couponId: coupon.id, checkoutToken: null } });
}

export async function removeCoupon(db: Db, cartId: string | null | undefined) {
  const cart = await requireCart(db, cartId);
  await db.cart.update({ where: { id: cart.id }, data: { couponId: null, checkoutToken: null } });
}

/**
 * The token that makes placing this checkout idempotent. Set at most once per attempt with a
 * conditional update, so two concurrent submits read the same token and place one order.
 */
export async function ensureCheckoutToken(db: Db, cartId: string): Promise<string> {
  const candidate = randomBytes(18).toString("base64url");
  await db.$executeRaw`UPDATE "Cart" SET "checkoutToken" = ${candidate} WHERE id = ${cartId} AND "checkoutToken" IS NULL`;
  const cart = await db.cart.findUniqueOrThrow({ where: { id: cartId }, select: { checkoutToken: true } });
  return cart.checkoutToken ?? candidate;
}

/** A new attempt (after a declined payment): the next submit places a new order. */
export async function resetCheckoutToken(db: Db, cartId: string) {
  await db.cart.updateMany({ where: { id: cartId }, data: { checkoutToken: null } });
}
