"use client";

// An admin page failed to render. Only the digest is shown (it matches the server log line).
export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-white p-8">
      <h1 className="text-xl font-bold">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-zinc-600">Please try again. If it keeps failing, check the server log.</p>
      {error.digest ? <p className="mt-2 text-xs text-zinc-500">Reference: {error.digest}</p> : null}
      <button
        type="button"
        onClick={() => reset()}
        className="mt-4 rounded-md bg-zinc-900 px-4 py-2 text-sm font-semibold text-white hover:bg-zinc-800"
      >
        Try again
      </button>
    </div>
  );
}
