// The account emails: a password reset link and an email verification link. Queued through the outbox by
// lib/auth/password-reset.ts and lib/auth/email-verification.ts with the moment their link stops working;
// the link's token is minted here, when the email is rendered (lib/auth/account-tokens.ts), so the raw
// secret exists only in the email and the database holds its hash.
//
// A password reset is queued with the email typed, whether or not it has an account: the request does the
// same work either way, and only here, after the answer has been given, is the account looked up. An
// unknown email, an expired request and an already verified account render nothing (no email is sent).
import type { Db } from "@/lib/db";
import { mintAccountToken } from "@/lib/auth/account-tokens";
import { emailHtml, escapeHtml, linkHtml } from "./html";
import { EMAIL_VERIFICATION_TOPIC, PASSWORD_RESET_TOPIC } from "@/lib/outbox/topics";
import type { Email } from "./types";

export const RESET_PASSWORD_PATH = "/account/reset-password";
export const VERIFY_EMAIL_PATH = "/account/verify-email";

function field(payload: Record<string, unknown>, name: string, topic: string): string {
  const value = payload[name];
  if (typeof value !== "string" || value === "") throw new Error(`${topic} without a ${name}`);
  return value;
}

function expiry(payload: Record<string, unknown>, topic: string): Date {
  const date = new Date(field(payload, "expiresAt", topic));
  if (Number.isNaN(date.getTime())) throw new Error(`${topic} with an invalid expiresAt`);
  return date;
}

/** Whom the queued email is for (the payload's `name`) and when its link expires; null once expired (a
 *  link that would arrive dead helps nobody). */
function linkRequest(payload: Record<string, unknown>, name: string, topic: string, now: Date) {
  const recipient = field(payload, name, topic);
  const expiresAt = expiry(payload, topic);
  return expiresAt <= now ? null : { recipient, expiresAt };
}

/** A queued account email: its outbox payload, the site's address, the store's name; null sends nothing. */
type AccountEmailRenderer = (
  db: Db,
  payload: Record<string, unknown>,
  siteBase: string,
  storeName: string,
  now?: Date,
) => Promise<Email | null>;

function linkEmail(input: {
  to: string;
  subject: string;
  heading: string;
  intro: string;
  action: string;
  link: string;
  outro: string;
}): Email {
  const text = [input.intro, ``, `${input.action}: ${input.link}`, ``, input.outro].join("\n");
  const html = emailHtml(
    input.heading,
    `<p>${escapeHtml(input.intro)}</p>`,
    linkHtml(input.link, input.action),
    `<p>${escapeHtml(input.outro)}</p>`,
  );
  return { to: input.to, subject: input.subject, text, html };
}

export const renderPasswordReset: AccountEmailRenderer = async (db, payload, siteBase, storeName, now = new Date()) => {
  const request = linkRequest(payload, "email", PASSWORD_RESET_TOPIC, now);
  if (!request) return null;
  const { recipient: email, expiresAt } = request;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return null;
  const token = await mintAccountToken(db, { userId: user.id, purpose: "PASSWORD_RESET", expiresAt });
  const minutes = Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 60_000));
  return linkEmail({
    to: user.email,
    subject: `${storeName}: reset your password`,
    heading: "Reset your password",
    intro: `Someone (hopefully you) asked to reset the password of your ${storeName} account.`,
    action: "Choose a new password",
    link: `${siteBase}${RESET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`,
    outro:
      `The link works once, for the next ${minutes} minutes, and signs you out on every device. ` +
      `If you did not ask for it, ignore this email: your password stays as it is.`,
  });
};

export const renderEmailVerification: AccountEmailRenderer = async (
  db,
  payload,
  siteBase,
  storeName,
  now = new Date(),
) => {
  const request = linkRequest(payload, "userId", EMAIL_VERIFICATION_TOPIC, now);
  if (!request) return null;
  const { recipient: userId, expiresAt } = request;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, emailVerified: true },
  });
  if (!user || user.emailVerified) return null;
  const token = await mintAccountToken(db, { userId: user.id, purpose: "EMAIL_VERIFICATION", expiresAt });
  return linkEmail({
    to: user.email,
    subject: `${storeName}: confirm your email address`,
    heading: "Confirm your email address",
    intro: `Thanks for creating a ${storeName} account. Please confirm that this is your email address.`,
    action: "Confirm my email address",
    link: `${siteBase}${VERIFY_EMAIL_PATH}?token=${encodeURIComponent(token)}`,
    outro: "If you did not create an account, ignore this email.",
  });
};
