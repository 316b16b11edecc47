import "server-only";
// What happens around a sign-in and a sign-out, inside next-auth's route handler (so cookies are writable).
import { prisma } from "@/lib/db";
import { adoptCartOnSignIn } from "@/lib/cart/merge";
import { clearCartId, readCartId, writeCartId } from "@/lib/cart/cookies";

export async function afterSignIn(userId: string): Promise<void> {
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
export async function afterSignOut(): Promise<void> {
  await clearCartId().catch(() => {});
}
