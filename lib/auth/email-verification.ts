// Email verification: a new customer account starts unverified and gets a link by email (queued through
// the outbox in the sign-up transaction); following it marks the account verified (User.emailVerified).
// An unverified account shops as usual and sees a banner with "resend"; features that need a real address
// (reviews) ask isEmailVerified(). Staff accounts are created verified (the admin vouches for them), and a
// password reset by email verifies the account too. Accounts from before verification existed were marked
// verified by the migration that added it.
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { enqueue, type OutboxWriter } from "@/lib/outbox";
import { writeAudit } from "@/lib/audit/log";
import { EMAIL_VERIFICATION_TOPIC, type EmailVerificationPayload } from "@/lib/outbox/topics";
import { z } from "zod";
import { findAccountToken, isAccountTokenShape, spendAccountToken } from "./account-tokens";

/** A verification link works for a day; "resend" sends a fresh one. */
export const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;

export const INVALID_VERIFICATION_LINK_MESSAGE =
  "This confirmation link has expired or was already used. Sign in to get a new one.";

/** GET /api/account/email-status: the signed-in account's email while it is unconfirmed, else null (signed
 *  out, or confirmed). What the store's banner island asks on each page load. */
export interface EmailStatusResponse {
  unconfirmedEmail: string | null;
}

export function isEmailVerified(user: { emailVerified: Date | null | boolean }): boolean {
  return Boolean(user.emailVerified);
}

/** Queues the verification email, in the caller's transaction (the sign-up's, or its own for a resend). */
export async function enqueueVerificationEmail(
  tx: OutboxWriter,
  userId: string,
  now: Date = new Date(),
): Promise<void> {
  const payload: EmailVerificationPayload = {
    userId,
    expiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_TTL_MS).toISOString(),
  };
  await enqueue(tx, { topic: EMAIL_VERIFICATION_TOPIC, payload: { ...payload } });
}

/** "Resend": a new email unless the account is already verified. */
export async function resendVerificationEmail(
  db: Db,
  userId: string,
  now: Date = new Date(),
): Promise<"sent" | "already_verified"> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailVerified: true } });
  if (!user) throw new UserError("not_found", "Please sign in again.");
  if (user.emailVerified) return "already_verified";
  await enqueueVerificationEmail(db, userId, now);
  return "sent";
}

export const verifyEmailInput = z.object({
  token: z
    .string({ error: INVALID_VERIFICATION_LINK_MESSAGE })
    .refine(isAccountTokenShape, { message: INVALID_VERIFICATION_LINK_MESSAGE }),
});

/**
 * What the confirmation page shows for a link (spends nothing): its form while it can be used, "confirmed"
 * once its account is verified (the page after confirming, or the link opened again), else an error.
 */
export async function verificationLinkState(
  db: Db,
  token: unknown,
  now: Date = new Date(),
): Promise<{ state: "usable" } | { state: "verified"; email: string } | { state: "invalid" }> {
  const found = await findAccountToken(db, token, "EMAIL_VERIFICATION", now);
  if (!found) return { state: "invalid" };
  if (found.usable) return { state: "usable" };
  const user = await db.user.findUnique({ where: { id: found.userId }, select: { email: true, emailVerified: true } });
  return user?.emailVerified ? { state: "verified", email: user.email } : { state: "invalid" };
}

/**
 * Marks the account of a confirmation link verified, once: the token is spent by a conditional update
 * checked by its row count, in the transaction that sets emailVerified. Throws UserError("invalid_link").
 */
export async function verifyEmail(db: Db, token: unknown, now: Date = new Date()): Promise<{ email: string }> {
  return db.$transaction(async (tx) => {
    const userId = await spendAccountToken(tx, token, "EMAIL_VERIFICATION", now);
    if (!userId) throw new UserError("invalid_link", INVALID_VERIFICATION_LINK_MESSAGE);
    const { count } = await tx.user.updateMany({
      where: { id: userId, emailVerified: null },
      data: { emailVerified: now },
    });
    if (count === 1) {
      await writeAudit(tx, { actorId: userId, action: "user.email_verified", entityType: "User", entityId: userId });
    }
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    return { email: user.email };
  });
}
