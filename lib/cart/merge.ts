// Signing in keeps what the shopper put in the cart as a guest and brings back the cart they left signed in
// on another visit or device: one cart, owned by the account.
//
// The same variant in both carts is kept once, at the larger quantity (the same item twice is nearly
// always the same intent, not a wish to buy double), capped at 99. Lines past the 50-line limit are dropped,
// the guest's own lines first kept. Availability is not checked here: the cart page reports any shortfall
// before checkout, as it does for every cart.
import type { Db } from "@/lib/db";
import { CART_TTL_DAYS, findCart } from "./cart";
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from "./limits";

/** Returns the id of the account's cart after the merge (for the cookie), or null when it has none. */
export async function adoptCartOnSignIn(
  db: Db,
  guestCartId: string | undefined,
  userId: string,
  now = new Date(),
): Promise<string | null> {
  const cookieCart = await findCart(db, guestCartId, now);
  // A cookie naming another account's cart (a shared computer) is not merged into this account.
  const guest = cookieCart && (cookieCart.userId === null || cookieCart.userId === userId) ? cookieCart : null;
  const saved = await db.cart.findFirst({
    where: { userId, expiresAt: { gt: now }, id: guest ? { not: guest.id } : undefined, lines: { some: {} } },
    orderBy: { updatedAt: "desc" },
  });
  const expiresAt = new Date(now.getTime() + CART_TTL_DAYS * 24 * 60 * 60 * 1000);
  if (!guest) return saved?.id ?? null;

  await db.$transaction(async (tx) => {
    if (saved && saved.currency === guest.currency) {
      const guestLines = await tx.cartLine.findMany({ where: { cartId: guest.id } });
      const savedLines = await tx.cartLine.findMany({ where: { cartId: saved.id }, orderBy: { createdAt: "asc" } });
      const byVariant = new Map(guestLines.map((line) => [line.variantId, line]));
      let lineCount = guestLines.length;
      for (const line of savedLines) {
        const existing = byVariant.get(line.variantId);
        if (existing) {
          const quantity = Math.min(MAX_LINE_QUANTITY, Math.max(existing.quantity, line.quantity));
          if (quantity !== existing.quantity)
            await tx.cartLine.update({ where: { id: existing.id }, data: { quantity } });
        } else if (lineCount < MAX_CART_LINES) {
          await tx.cartLine.create({
            data: {
              cartId: guest.id,
              variantId: line.variantId,
              quantity: Math.min(MAX_LINE_QUANTITY, line.quantity),
              unitPriceCentsAtAdd: line.unitPriceCentsAtAdd,
            },
          });
          lineCount += 1;
        }
      }
      // The old cart is emptied and expired rather than deleted: orders may still point at it.
      await tx.cartLine.deleteMany({ where: { cartId: saved.id } });
      await tx.cart.update({ where: { id: saved.id }, data: { expiresAt: now, checkoutToken: null } });
    }
    await tx.cart.update({ where: { id: guest.id }, data: { userId, expiresAt, checkoutToken: null } });
  });
  return guest.id;
}
