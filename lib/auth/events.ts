import "server-only";
// What auth does after a sign-out, inside next-auth's route handler (app/api/auth/[...nextauth]), which
// also runs the cart's part (lib/cart/session-events.ts).
import type { JWT } from "next-auth/jwt";
import { prisma } from "@/lib/db";
import { endStaffSessionsOnSignOut } from "./accounts";

/**
 * A staff or admin sign-out ends every session of the account (lib/auth/accounts.ts), so a copy of the
 * session cookie dies with it. `token` is the signed-out session's, already verified by next-auth.
 */
export async function endStaffSessionsAfterSignOut(token: JWT | null | undefined): Promise<void> {
  if (!token?.uid || typeof token.sv !== "number") return;
  try {
    await endStaffSessionsOnSignOut(prisma, { userId: token.uid, sessionVersion: token.sv });
  } catch (error) {
    // The cookie is still cleared in this browser; copies of it live on until they expire.
    console.error("[auth] ending staff sessions on sign-out failed", error);
  }
}
