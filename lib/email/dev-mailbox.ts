// What /dev/mail shows (demo mode without SMTP_URL, staff only: see lib/email/config.ts): the newest emails
// the store would have sent, rendered from their outbox events as the worker would send them.
import type { Db } from "@/lib/db";
import { EMAIL_RENDERERS, renderEmailEvent } from "./outbox-handlers";
import type { Email } from "./types";

export interface MailboxEntry {
  id: string;
  createdAt: Date;
  /** The worker has handled the event (sent it, or nothing was configured to send it with). */
  processed: boolean;
  email: Email;
}

/** The newest `limit` emails, newest first; an email whose order is gone is left out. */
export async function listDevMailbox(db: Db, limit = 50): Promise<MailboxEntry[]> {
  const events = await db.outboxEvent.findMany({
    // Every email topic: confirmations, shipping and cancellation emails.
    where: { topic: { in: Object.keys(EMAIL_RENDERERS) } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, topic: true, payload: true, status: true, createdAt: true },
  });
  const entries = await Promise.all(
    events.map(async (event) => {
      const email = await renderEmailEvent(db, event.topic, event.payload).catch(() => null);
      return email ? { id: event.id, createdAt: event.createdAt, processed: event.status === "DONE", email } : null;
    }),
  );
  return entries.filter((entry) => entry !== null);
}
