"use client";

import Link from "next/link";

// Shown when rendering a page fails. Only the opaque digest is shown (it matches the server log line);
// the error's message and stack never reach the browser.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto flex max-w-2xl flex-col items-center gap-6 px-4 py-24 text-center">
      <h1 className="text-3xl font-bold tracking-tight">Something went wrong</h1>
      <p className="text-zinc-600">This page could not be loaded just now. Please try again in a moment.</p>
      {error.digest ? <p className="text-xs text-zinc-500">Reference: {error.digest}</p> : null}
      <div className="flex flex-wrap justify-center gap-3">
        <button
          type="button"
          onClick={() => reset()}
          className="rounded-md bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-800"
        >
          Try again
        </button>
        <Link href="/" className="rounded-md border border-zinc-300 px-5 py-2.5 font-semibold hover:bg-zinc-100">
          Back to the home page
        </Link>
      </div>
    </div>
  );
}
