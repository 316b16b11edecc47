import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Suspense } from "react";
import { ResetPasswordForm } from "@/components/account/reset-password-form";
import { canUseResetLink, INVALID_RESET_LINK_MESSAGE } from "@/lib/auth/password-reset";
import { prisma } from "@/lib/db";
import { resetPasswordAction } from "@/app/(store)/account/actions";

// The link's token is in the address: next.config.ts sends this page with Referrer-Policy: no-referrer.
export const metadata: Metadata = { title: "Choose a new password", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function Reset({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : null;
  if (!value || !(await canUseResetLink(prisma, value))) {
    return (
      <div className="flex flex-col gap-3" data-testid="reset-link-invalid">
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800">
          {INVALID_RESET_LINK_MESSAGE}
        </p>
        <Link href="/account/forgot-password" className="text-sm font-medium underline">
          Ask for a new link
        </Link>
      </div>
    );
  }
  return <ResetPasswordForm token={value} reset={resetPasswordAction} />;
}

export default function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-2xl font-bold tracking-tight">Choose a new password</h1>
      <Suspense fallback={<div className="h-64 animate-pulse rounded-md bg-zinc-100" aria-busy="true" />}>
        <Reset searchParams={searchParams} />
      </Suspense>
    </div>
  );
}
