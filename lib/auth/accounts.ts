// Accounts: customer sign-up, password changes, "sign out everywhere", staff sign-out, and the first admin
// of a new store.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/audit/log";
import { normalizeEmail } from "./email";
import { generatePassword, hashPassword, passwordSchema, verifyPassword } from "./password";
import { spendAllAccountTokens } from "./account-tokens";
import { enqueueVerificationEmail } from "./email-verification";

export const signUpInput = z.object({
  name: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters.")
    .optional()
    .transform((value) => value || undefined),
  email: z
    .string()
    .trim()
    .min(1, "Enter your email.")
    .max(254, "That email is too long.")
    .email("Enter a valid email address."),
  password: passwordSchema,
});

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords don't match.",
  });

/** A new customer account, unverified, with its verification email queued in the same transaction. */
export async function createCustomerAccount(db: Db, input: z.output<typeof signUpInput>) {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, name: input.name ?? null, passwordHash, role: "CUSTOMER" },
        select: { id: true, email: true },
      });
      await enqueueVerificationEmail(tx, user.id);
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const message = "An account with this email already exists. Sign in instead.";
      throw new UserError("email_taken", message, { fieldErrors: { email: message } });
    }
    throw error;
  }
}

/** Changes the password and ends every session of the account (the caller signs in again). */
export async function changePassword(
  db: Db,
  userId: string,
  input: z.output<typeof changePasswordInput>,
): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, omit: { passwordHash: false } });
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    const message = "Your current password is not correct.";
    throw new UserError("wrong_password", message, { fieldErrors: { currentPassword: message } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    // A reset link asked for earlier must not undo the password just chosen.
    await spendAllAccountTokens(tx, userId, "PASSWORD_RESET");
    await writeAudit(tx, { actorId: userId, action: "user.password_change", entityType: "User", entityId: userId });
  });
}

/** Invalidates every session of the account, on every device (their tokens carry the old version). */
export async function signOutEverywhere(db: Db, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await writeAudit(tx, { actorId: userId, action: "user.sign_out_everywhere", entityType: "User", entityId: userId });
  });
}

/**
 * Signing out of a staff or admin session ends every session of the account: a copied session cookie
 * (a shared computer, a leaked backup, a stolen laptop's profile) dies with the sign-out instead of
 * living out its 30 days. Customers' sign-outs end only the browser's own cookie. The role is the one in
 * the database, and a token whose version is already stale changes nothing (an old cookie cannot be used
 * to sign the current sessions out). Returns whether the version was bumped.
 */
export async function endStaffSessionsOnSignOut(
  db: Db,
  session: { userId: string; sessionVersion: number },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: session.userId, sessionVersion: session.sessionVersion, role: { in: ["STAFF", "ADMIN"] } },
      data: { sessionVersion: { increment: 1 } },
    });
    if (count === 0) return false;
    await writeAudit(tx, {
      actorId: session.userId,
      action: "user.staff_sign_out",
      entityType: "User",
      entityId: session.userId,
    });
    return true;
  });
}

export const DEFAULT_ADMIN_EMAIL = "admin@example.com";

/**
 * Why ADMIN_PASSWORD cannot be used (the same rules as every password: passwordSchema), or null when it can
 * or is unset. `npm start` refuses to start with this message rather than create a weak admin.
 */
export function adminPasswordProblem(password: string | undefined): string | null {
  if (password === undefined || password === "") return null;
  const parsed = passwordSchema.safeParse(password);
  return parsed.success ? null : `ADMIN_PASSWORD is not a valid password: ${parsed.error.issues[0]!.message}`;
}

/**
 * A new store gets one admin account. With ADMIN_PASSWORD unset the password is generated and returned so
 * `npm start` can print it once; it is never stored in clear, and the account must change it at its first
 * sign-in (mustChangePassword: it was shown in a terminal and maybe a log). Does nothing when an admin
 * already exists. A given password must follow the password rules.
 */
export async function ensureAdminAccount(
  db: Db,
  options: { email?: string; password?: string } = {},
): Promise<{ email: string; password: string; generated: boolean } | null> {
  const problem = adminPasswordProblem(options.password);
  if (problem) throw new UserError("weak_admin_password", problem);
  if ((await db.user.count({ where: { role: "ADMIN" } })) > 0) return null;
  const email = normalizeEmail(options.email || DEFAULT_ADMIN_EMAIL);
  const generated = !options.password;
  const password = options.password || generatePassword();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email },
      // Staff accounts count as verified: the store itself vouches for their address.
      create: {
        email,
        name: "Store admin",
        passwordHash,
        role: "ADMIN",
        mustChangePassword: generated,
        emailVerified: new Date(),
      },
      update: {
        passwordHash,
        role: "ADMIN",
        mustChangePassword: generated,
        sessionVersion: { increment: 1 },
        emailVerified: new Date(),
      },
    });
    await writeAudit(tx, { actorId: null, action: "user.bootstrap_admin", entityType: "User", entityId: user.id });
  });
  return { email, password, generated };
}
