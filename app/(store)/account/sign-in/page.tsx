import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/components/account/sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { siteUrl } from "@/lib/catalog/site";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function Form({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  // ?error= is a code from a link anyone can craft: only its fixed sentence is shown, never its text.
  return (
    <SignInForm
      callbackUrl={safeCallbackUrl(params.callbackUrl, siteUrl())}
      initialError={signInErrorMessage(params.error)}
    />
  );
}

export default function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
      <Suspense fallback={<div className="h-64 animate-pulse rounded-md bg-zinc-100" aria-busy="true" />}>
        <Form searchParams={searchParams} />
      </Suspense>
    </div>
  );
}
