"use client";
// The body of the 403 and 401 pages. A client component for its payload: React sends these pages inside every
// page's payload (the layouts' forbidden and unauthorized boundaries), and a client component travels there
// as one reference instead of its element tree. Its links are plain links (a full page load): the component's
// code is loaded on every page with those boundaries, and next/link would bring its own copy of the router's
// link code (about 3 KB compressed) into that chunk.

const TEXT = {
  403: {
    heading: "You don’t have access to this page",
    body: "This area is for store staff. If you think you should have access, ask an administrator.",
    signIn: "Sign in with another account",
  },
  401: {
    heading: "Please sign in to see this page",
    body: "This page belongs to an account. Sign in and you will find it there.",
    signIn: "Sign in",
  },
} as const;

export function AccessMessage({ status }: { status: 401 | 403 }) {
  const text = TEXT[status];
  return (
    <main id="main" className="mx-auto flex max-w-2xl flex-col items-center gap-6 px-4 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-zinc-500">{status}</p>
      <h1 className="text-3xl font-bold tracking-tight">{text.heading}</h1>
      <p className="text-zinc-600">{text.body}</p>
      <div className="flex flex-wrap justify-center gap-3">
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above */}
        <a href="/" className="rounded-md bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-800">
          Back to the store
        </a>
        <a
          href="/account/sign-in"
          className="rounded-md border border-zinc-300 px-5 py-2.5 font-semibold hover:bg-zinc-100"
        >
          {text.signIn}
        </a>
      </div>
    </main>
  );
}
