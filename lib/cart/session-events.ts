import "server-only";
// The cart's part of signing in and out. next-auth's route handler runs these (app/api/auth/[...nextauth]),
// the one place where a sign-in's cookies are writable; auth itself knows nothing of carts.
import { prisma } from "@/lib/db";
import { clearCartId, readCartId, writeCartId } from "./cookies";
import { adoptCartOnSignIn } from "./merge";

/** The guest cart joins the account's (lib/cart/merge.ts), and the cookie names the account's cart. */
export async function adoptCartAfterSignIn(userId: string): Promise<void> {
  try {
    const guestCartId = await readCartId();
    const cartId = await adoptCartOnSignIn(prisma, guestCartId, userId);
    if (cartId && cartId !== guestCartId) await writeCartId(cartId);
  } catch (error) {
    // A failed merge must not fail the sign-in itself: the guest cart is still there, untouched.
    console.error("[auth] cart merge after sign-in failed", error);
  }
}

/** The cart belongs to the account now: it is not left behind for the next person at this browser. */
export async function forgetCartAfterSignOut(): Promise<void> {
  await clearCartId().catch(() => {});
}
