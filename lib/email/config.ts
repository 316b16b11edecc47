// How the store's emails leave it, decided by SMTP_URL and the store's mode (lib/ops/store-mode.ts):
//   smtp         SMTP_URL is set (smtp://user:pass@host:587 or smtps://...): emails are sent through it;
//   dev-mailbox  demo mode without SMTP_URL: emails are not sent anywhere; the development mailbox
//                (/dev/mail, staff only) renders them from the outbox instead;
//   none         production mode without SMTP_URL: email is not configured. Nothing pretends to deliver:
//                the worker leaves email events pending in the outbox (sent once SMTP_URL is set), and
//                the start banner and the admin dashboard say so.
// No dependencies: proxy.ts reads it too.
import { isDemoMode } from "@/lib/ops/store-mode";

export type EmailTransport = "smtp" | "dev-mailbox" | "none";

type Env = Readonly<Record<string, string | undefined>>;

export function smtpConfigured(env: Env = process.env): boolean {
  return Boolean(env.SMTP_URL?.trim());
}

export function emailTransport(env: Env = process.env): EmailTransport {
  if (smtpConfigured(env)) return "smtp";
  return isDemoMode(env) ? "dev-mailbox" : "none";
}

/** The development mailbox shows every customer's email: it exists only in demo mode without SMTP. */
export function devMailboxEnabled(env: Env = process.env): boolean {
  return emailTransport(env) === "dev-mailbox";
}
