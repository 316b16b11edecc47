import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "No access", robots: { index: false } };

// Rendered with HTTP 403 by forbidden() (lib/auth/guard.ts): signed in, but without the role for this page.
export default function Forbidden() {
  return (
    <main id="main" className="mx-auto flex max-w-2xl flex-col items-center gap-6 px-4 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-zinc-500">403</p>
      <h1 className="text-3xl font-bold tracking-tight">You don’t have access to this page</h1>
      <p className="text-zinc-600">
        This area is for store staff. If you think you should have access, ask an administrator.
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        <Link href="/" className="rounded-md bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-800">
          Back to the store
        </Link>
        <Link
          href="/account/sign-in"
          className="rounded-md border border-zinc-300 px-5 py-2.5 font-semibold hover:bg-zinc-100"
        >
          Sign in with another account
        </Link>
      </div>
    </main>
  );
}
