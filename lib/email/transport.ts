// Sends email through SMTP when SMTP_URL is set (smtp://user:pass@host:587 or smtps://...). Without it
// the store is in local mode: emails are not sent anywhere, and the development mailbox (/dev/mail)
// renders them from the outbox instead, so nothing is lost and a developer can read every message.
import nodemailer, { type Transporter } from "nodemailer";
import type { Email } from "./types";

let transporter: Transporter | undefined;

export function smtpConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

/** The development mailbox shows every customer's email, so it is on only in local mode: no SMTP and
 *  DEV_MAILBOX=1 (set by `npm start` when it runs the embedded database). */
export function devMailboxEnabled(): boolean {
  return !smtpConfigured() && process.env.DEV_MAILBOX === "1";
}

export function mailFrom(): string {
  return process.env.MAIL_FROM ?? `${process.env.STORE_NAME ?? "Northwind Supply"} <orders@localhost>`;
}

/** Returns how the email was delivered. Throws on an SMTP failure (the outbox retries it). */
export async function deliver(email: Email): Promise<"smtp" | "dev-mailbox"> {
  if (!smtpConfigured()) return "dev-mailbox";
  transporter ??= nodemailer.createTransport(process.env.SMTP_URL);
  await transporter.sendMail({
    from: mailFrom(),
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
  });
  return "smtp";
}
