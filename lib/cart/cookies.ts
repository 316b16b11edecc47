import "server-only";
import { cookies } from "next/headers";
import { CART_TTL_DAYS } from "./cart";

// The cart id is the only thing the browser keeps: httpOnly (no script can read it), sameSite=lax (not
// sent on cross-site POSTs), secure in production, and as long-lived as the cart itself.
export const CART_COOKIE = "cart_id";

export async function readCartId(): Promise<string | undefined> {
  const value = (await cookies()).get(CART_COOKIE)?.value;
  return value && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;
}

export async function writeCartId(cartId: string): Promise<void> {
  (await cookies()).set(CART_COOKIE, cartId, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production" && !process.env.SITE_URL?.startsWith("http://"),
    path: "/",
    maxAge: CART_TTL_DAYS * 24 * 60 * 60,
  });
}

export async function clearCartId(): Promise<void> {
  (await cookies()).delete(CART_COOKIE);
}
