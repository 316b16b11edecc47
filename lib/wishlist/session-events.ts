import "server-only";
// The wishlist's part of signing in and out, run by next-auth's route handler beside the cart's
// (app/api/auth/[...nextauth]): the one place where a sign-in's cookies are writable.
import { prisma } from "@/lib/db";
import { clearWishlistId, readWishlistId } from "./cookies";
import { adoptWishlistOnSignIn } from "./merge";

/** The guest wishlist joins the account's (./merge.ts); its cookie is then spent. */
export async function adoptWishlistAfterSignIn(userId: string): Promise<void> {
  try {
    const guestWishlistId = await readWishlistId();
    if (!guestWishlistId) return;
    await adoptWishlistOnSignIn(prisma, guestWishlistId, userId);
    await clearWishlistId();
  } catch (error) {
    // A failed merge must not fail the sign-in: the guest wishlist and its cookie are still there.
    console.error("[auth] wishlist merge after sign-in failed", error);
  }
}

/** Nothing saved as a guest is left behind for the next person at this browser. */
export async function forgetWishlistAfterSignOut(): Promise<void> {
  await clearWishlistId().catch(() => {});
}
