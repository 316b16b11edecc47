// "Forgot password": a request queues an email with a single-use link (lib/email/account-emails.ts mints
// it, lib/auth/account-tokens.ts spends it) valid for 30 minutes; using it sets the new password and ends
// every session of the account.
//
// The request's answer is the same whether or not the email has an account, and so is its work: it only
// queues the email with the address typed (one insert either way). The account is looked up by the worker,
// after the answer is given, and an unknown address gets no email. The request is rate limited per IP and
// per email by the caller (policy `passwordReset`), for every address alike.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { enqueue, type OutboxWriter } from "@/lib/outbox";
import { writeAudit } from "@/lib/audit/log";
import { PASSWORD_RESET_TOPIC, type PasswordResetPayload } from "@/lib/outbox/topics";
import { findUsableToken, isAccountTokenShape, spendAccountToken } from "./account-tokens";
import { normalizeEmail } from "./email";
import { hashPassword, passwordSchema } from "./password";

export const PASSWORD_RESET_TTL_MS = 30 * 60 * 1000;

/** What "forgot password" answers for every address, with an account or not. */
export const PASSWORD_RESET_SENT_MESSAGE =
  "If an account exists for that email, we have sent it a link to choose a new password. The link works for 30 minutes.";

export const INVALID_RESET_LINK_MESSAGE = "This reset link has expired or was already used. Ask for a new one.";

export const passwordResetRequestInput = z.object({
  email: z
    .string({ error: "Enter your email." })
    .trim()
    .min(1, "Enter your email.")
    .max(254, "That email is too long.")
    .email("Enter a valid email address."),
});

export const resetPasswordInput = z
  .object({
    token: z.string({ error: INVALID_RESET_LINK_MESSAGE }).refine(isAccountTokenShape, INVALID_RESET_LINK_MESSAGE),
    password: passwordSchema,
    confirmPassword: z.string({ error: "Repeat the new password." }).max(1024),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords don't match.",
  });

/** Queues the reset email for this address (sent only if it has an account). */
export async function requestPasswordReset(db: OutboxWriter, email: string, now: Date = new Date()): Promise<void> {
  const payload: PasswordResetPayload = {
    email: normalizeEmail(email),
    expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS).toISOString(),
  };
  await enqueue(db, { topic: PASSWORD_RESET_TOPIC, payload: { ...payload } });
}

/** Whether a reset link can still be used (for the reset page; spends nothing). */
export async function canUseResetLink(db: Db, token: unknown, now: Date = new Date()): Promise<boolean> {
  return (await findUsableToken(db, token, "PASSWORD_RESET", now)) !== null;
}

/**
 * Sets the new password with a reset link, once. In one transaction: the token is spent (a conditional
 * update checked by its row count, so two concurrent resets with one link give one success), the password
 * replaced, every session ended (sessionVersion), the email counted as verified (the link was read in its
 * mailbox) and the change audited. Throws UserError("invalid_link") for a link that cannot be used.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string },
  now: Date = new Date(),
): Promise<{ email: string }> {
  // A dead link is refused before the (deliberately slow) password hash.
  if (!(await canUseResetLink(db, input.token, now))) throw new UserError("invalid_link", INVALID_RESET_LINK_MESSAGE);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const userId = await spendAccountToken(tx, input.token, "PASSWORD_RESET", now);
    if (!userId) throw new UserError("invalid_link", INVALID_RESET_LINK_MESSAGE);
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      select: { id: true, email: true },
    });
    await tx.user.updateMany({ where: { id: userId, emailVerified: null }, data: { emailVerified: now } });
    await writeAudit(tx, { actorId: userId, action: "user.password_reset", entityType: "User", entityId: userId });
    return { email: user.email };
  });
}
