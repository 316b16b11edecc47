"use client";
// A client component for its payload: React sends the not-found page inside every page's payload (the
// layouts' not-found boundaries), and a client component travels there as one reference instead of its tree.
import Link from "next/link";

/** The body of the not-found page: what happened and where to go from here. */
export function NotFoundMessage() {
  return (
    <div className="mx-auto flex max-w-2xl flex-col items-center gap-6 px-4 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-zinc-500">404</p>
      <h1 className="text-3xl font-bold tracking-tight">We couldn’t find that page</h1>
      <p className="text-zinc-600">
        The product or page may have moved or is no longer available. Try the home page or browse the categories.
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        <Link href="/" className="rounded-md bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-800">
          Back to the home page
        </Link>
        <Link
          href="/sitemap.xml"
          prefetch={false}
          className="rounded-md border border-zinc-300 px-5 py-2.5 font-semibold hover:bg-zinc-100"
        >
          See every page
        </Link>
      </div>
    </div>
  );
}
