import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Suspense } from "react";
import { VerifyEmailForm } from "@/components/account/verify-email-form";
import { EmailStatusChanged } from "@/components/account/email-status-events";
import { INVALID_VERIFICATION_LINK_MESSAGE, verificationLinkState } from "@/lib/auth/email-verification";
import { prisma } from "@/lib/db";
import { verifyEmailAction } from "@/app/(store)/account/actions";

// The link's token is in the address: next.config.ts sends this page with Referrer-Policy: no-referrer.
export const metadata: Metadata = { title: "Confirm your email", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function Verify({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : null;
  const link = value ? await verificationLinkState(prisma, value) : ({ state: "invalid" } as const);
  if (link.state === "verified") {
    // Also what the page shows right after confirming (the action refreshes it): the layout's banner,
    // mounted across the refresh, is told to ask again.
    return (
      <div role="status" data-testid="email-verified" className="flex flex-col gap-3">
        <EmailStatusChanged />
        <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm">
          Thank you: {link.email} is confirmed.
        </p>
        <Link href="/" className="font-medium underline">
          Continue shopping
        </Link>
      </div>
    );
  }
  if (!value || link.state === "invalid") {
    return (
      <div className="flex flex-col gap-3" data-testid="verify-link-invalid">
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800">
          {INVALID_VERIFICATION_LINK_MESSAGE}
        </p>
        <Link href="/account" className="text-sm font-medium underline">
          Go to your account
        </Link>
      </div>
    );
  }
  return <VerifyEmailForm token={value} verify={verifyEmailAction} />;
}

export default function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-2xl font-bold tracking-tight">Confirm your email address</h1>
      <Suspense fallback={<div className="h-32 animate-pulse rounded-md bg-zinc-100" aria-busy="true" />}>
        <Verify searchParams={searchParams} />
      </Suspense>
    </div>
  );
}
