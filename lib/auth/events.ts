import "server-only";
// What happens around a sign-in and a sign-out, inside next-auth's route handler (so cookies are writable).
import type { JWT } from "next-auth/jwt";
import { prisma } from "@/lib/db";
import { endStaffSessionsOnSignOut } from "./accounts";
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

/**
 * The cart belongs to the account now: it is not left behind for the next person at this browser. A staff
 * or admin sign-out also ends every session of the account (lib/auth/accounts.ts), so a copy of this
 * cookie dies with it. `token` is the signed-out session's, already verified by next-auth.
 */
export async function afterSignOut(token: JWT | null | undefined): Promise<void> {
  await clearCartId().catch(() => {});
  if (!token?.uid || typeof token.sv !== "number") return;
  try {
    await endStaffSessionsOnSignOut(prisma, { userId: token.uid, sessionVersion: token.sv });
  } catch (error) {
    // The cookie is still cleared in this browser; copies of it live on until they expire.
    console.error("[auth] ending staff sessions on sign-out failed", error);
  }
}
