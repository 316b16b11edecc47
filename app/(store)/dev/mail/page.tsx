import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { prisma } from "@/lib/db";
import { devMailboxEnabled } from "@/lib/email/config";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { requireStaffOrNotFound } from "@/lib/auth/guard";

// No title: the head is sent before the check below, and must not name the page either.
export const metadata: Metadata = { robots: { index: false } };

// Demo mode without SMTP_URL only (lib/email/transport.ts): every email the store would have sent, rendered
// from the outbox. It shows customers' addresses and links to their orders, so even then it is for signed-in
// staff only; anyone else, and everyone in production mode, gets a 404 (not a hint that it exists).
//
// The whole page is behind the check, heading included, so what streams before it (the static shell) says
// nothing about a mailbox. proxy.ts also answers a real HTTP 404 early to visitors without a staff session
// and in production mode; this page's own check is the rule.
export default function DevMailboxPage() {
  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <Suspense fallback={<div aria-busy="true" className="h-64 animate-pulse rounded-lg bg-zinc-100" />}>
        <Mailbox />
      </Suspense>
    </div>
  );
}

async function Mailbox() {
  await connection();
  if (!devMailboxEnabled()) notFound();
  await requireStaffOrNotFound();
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold tracking-tight">Development mailbox</h1>
      <p className="mb-8 text-zinc-600">
        Demo mode: emails are not sent (set SMTP_URL to deliver them). The newest 50 are shown here, to staff only.
      </p>
      <Messages />
    </>
  );
}

async function Messages() {
  const emails = await listDevMailbox(prisma);
  if (emails.length === 0) return <p data-testid="mailbox-empty">No emails yet.</p>;
  return (
    <ul className="flex flex-col gap-6" data-testid="mailbox">
      {emails.map(({ id, createdAt, processed, email }) => (
        <li key={id} className="rounded-lg border border-zinc-200 p-4">
          <p className="text-sm text-zinc-600">
            To {email.to} · {createdAt.toUTCString()} · {processed ? "processed" : "queued"}
          </p>
          <h2 className="font-semibold">{email.subject}</h2>
          <pre className="mt-2 whitespace-pre-wrap font-sans text-sm">{email.text}</pre>
        </li>
      ))}
    </ul>
  );
}
