"use client";

import "./globals.css";

// Replaces the root layout when the layout itself fails, so it renders its own <html> and <body>.
// Like error.tsx it shows no error details, only the digest that matches the server log.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen items-center justify-center bg-white font-sans text-zinc-900">
        <main role="alert" className="flex max-w-xl flex-col items-center gap-6 px-4 py-24 text-center">
          <title>Something went wrong</title>
          <h1 className="text-3xl font-bold tracking-tight">Something went wrong</h1>
          <p className="text-zinc-600">The store could not be loaded just now. Please try again in a moment.</p>
          {error.digest ? <p className="text-xs text-zinc-500">Reference: {error.digest}</p> : null}
          <div className="flex flex-wrap justify-center gap-3">
            <button
              type="button"
              onClick={() => reset()}
              className="rounded-md bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-800"
            >
              Try again
            </button>
            {/* A plain link: a full page load is the surest way back when the app shell failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- the router may be what failed */}
            <a href="/" className="rounded-md border border-zinc-300 px-5 py-2.5 font-semibold hover:bg-zinc-100">
              Back to the home page
            </a>
          </div>
        </main>
      </body>
    </html>
  );
}
