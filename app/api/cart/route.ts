// GET /api/cart: the visitor's own cart as JSON, for the cart context that the header's count, the cart
// drawer and the cart page share (components/cart/cart-context.tsx). The only input is the httpOnly cart
// cookie (no query parameters are read), and the answer is per visitor: never stored by any cache.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { getShopperCart, type CartResponse } from "@/lib/cart/cart";
import { readCartId } from "@/lib/cart/cookies";
import { GENERIC_ERROR_MESSAGE, isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from "@/lib/errors";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function GET() {
  // Read outside the try: reading the cookie is what marks this handler as per request (never prerendered),
  // and that signal must not be caught as an error.
  const cartId = await readCartId();
  try {
    const body: CartResponse = { cart: await getShopperCart(prisma, cartId) };
    return NextResponse.json(body, { headers: NO_STORE });
  } catch (error) {
    console.error("[api/cart]", error);
    // A database outage is temporary (503: try again), not a fault of this handler.
    if (isDatabaseUnavailable(error)) {
      return NextResponse.json({ error: SERVICE_UNAVAILABLE_MESSAGE }, { status: 503, headers: NO_STORE });
    }
    return NextResponse.json({ error: GENERIC_ERROR_MESSAGE }, { status: 500, headers: NO_STORE });
  }
}
