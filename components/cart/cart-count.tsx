import { connection } from "next/server";
import { prisma } from "@/lib/db";
import { readCartId } from "@/lib/cart/cookies";
import { findCart } from "@/lib/cart/cart";
import { isDatabaseUnavailable } from "@/lib/errors";

/** Number of items in the visitor's cart, read per request (rendered inside a Suspense boundary). */
export async function CartCount() {
  // Per request, explicitly: the not-found page is prerendered and must leave this hole for request time.
  await connection();
  const cartId = await readCartId();
  let count: number;
  try {
    const cart = await findCart(prisma, cartId);
    if (!cart) return null;
    const { _sum } = await prisma.cartLine.aggregate({ where: { cartId: cart.id }, _sum: { quantity: true } });
    count = _sum.quantity ?? 0;
  } catch (error) {
    // While the database is out of reach the header shows no count rather than failing the whole page.
    if (isDatabaseUnavailable(error)) return null;
    throw error;
  }
  if (count === 0) return null;
  return (
    <span
      data-testid="cart-count"
      className="absolute -right-1 -top-1 flex h-5 min-w-5 items-center justify-center rounded-full bg-zinc-900 px-1 text-xs font-semibold text-white"
    >
      {count}
      <span className="sr-only"> items</span>
    </span>
  );
}
