import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { prisma } from "@/lib/db";
import { EMAIL_RENDERERS, renderEmailEvent } from "@/lib/email/outbox-handlers";
import { devMailboxEnabled } from "@/lib/email/transport";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };

// Local mode only (no SMTP_URL, DEV_MAILBOX=1, which `npm start` sets on the embedded database): every
// email the store would have sent, rendered from the outbox. Anywhere else this page does not exist.
export default function DevMailboxPage() {
  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="mb-2 text-3xl font-bold tracking-tight">Development mailbox</h1>
      <p className="mb-8 text-zinc-600">
        Emails are not sent: set SMTP_URL to deliver them. The newest 50 are shown here.
      </p>
      <Suspense fallback={<div aria-busy="true" className="h-64 animate-pulse rounded-lg bg-zinc-100" />}>
        <Messages />
      </Suspense>
    </div>
  );
}

async function Messages() {
  await connection();
  if (!devMailboxEnabled()) notFound();
  const events = await prisma.outboxEvent.findMany({
    // Every email topic: confirmations, shipping and cancellation emails.
    where: { topic: { in: Object.keys(EMAIL_RENDERERS) } },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  const emails = await Promise.all(
    events.map(async (event) => ({
      event,
      email: await renderEmailEvent(prisma, event.topic, event.payload).catch(() => null),
    })),
  );
  if (emails.length === 0) return <p data-testid="mailbox-empty">No emails yet.</p>;
  return (
    <ul className="flex flex-col gap-6" data-testid="mailbox">
      {emails.map(({ event, email }) =>
        email ? (
          <li key={event.id} className="rounded-lg border border-zinc-200 p-4">
            <p className="text-sm text-zinc-600">
              To {email.to} · {event.createdAt.toUTCString()} · {event.status === "DONE" ? "processed" : "queued"}
            </p>
            <h2 className="font-semibold">{email.subject}</h2>
            <pre className="mt-2 whitespace-pre-wrap font-sans text-sm">{email.text}</pre>
          </li>
        ) : null,
      )}
    </ul>
  );
}
