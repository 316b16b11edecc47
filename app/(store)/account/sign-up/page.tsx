import type { Metadata } from "next";
import { Suspense } from "react";
import { SignUpForm } from "@/components/account/sign-up-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { siteUrl } from "@/lib/catalog/site";
import { signUpAction } from "@/app/(store)/account/actions";

export const metadata: Metadata = { title: "Create an account", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function Form({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  return <SignUpForm callbackUrl={safeCallbackUrl(params.callbackUrl, siteUrl())} signUp={signUpAction} />;
}

export default function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Create an account</h1>
        <p className="mt-1 text-sm text-zinc-600">See your orders in one place and keep your cart across devices.</p>
      </div>
      <Suspense fallback={<div className="h-80 animate-pulse rounded-md bg-zinc-100" aria-busy="true" />}>
        <Form searchParams={searchParams} />
      </Suspense>
    </div>
  );
}
