// Sends the store's emails the way lib/email/config.ts says: through SMTP_URL, into nothing in demo mode
// (the development mailbox reads them from the outbox), or not at all when email is not configured.
import nodemailer, { type Transporter } from "nodemailer";
import { emailTransport } from "./config";
import type { Email } from "./types";

let transporter: Transporter | undefined;

export function mailFrom(): string {
  return process.env.MAIL_FROM ?? `${process.env.STORE_NAME ?? "Northwind Supply"} <orders@localhost>`;
}

export class EmailNotConfiguredError extends Error {
  constructor() {
    super("Email is not configured: set SMTP_URL (production mode has no development mailbox).");
    this.name = "EmailNotConfiguredError";
  }
}

/** Returns how the email was delivered. Throws on an SMTP failure (the outbox retries it) and when no
 *  transport is configured (never reports an email as delivered that went nowhere). */
export async function deliver(email: Email, options: { messageId?: string } = {}): Promise<"smtp" | "dev-mailbox"> {
  const transport = emailTransport();
  if (transport === "none") throw new EmailNotConfiguredError();
  if (transport === "dev-mailbox") return "dev-mailbox";
  transporter ??= nodemailer.createTransport(process.env.SMTP_URL);
  await transporter.sendMail({
    from: mailFrom(),
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    ...(email.headers ? { headers: email.headers } : {}),
    ...(options.messageId ? { messageId: options.messageId } : {}),
  });
  return "smtp";
}
