/**
 * The body of the storefront's error pages: what happened, the digest (it matches the server log line;
 * the error's message and stack never reach the browser), a retry and a way home (a full page load, the
 * surest way back after a failure; and no next/link, whose own copy of the router's link code would
 * otherwise come with the global error page's code, which every page loads).
 *   - in a page (app/(store)/error.tsx): inside the store's layout;
 *   - as the whole document (app/global-error.tsx): the root layout itself failed, so it is the <main> and
 *     names the document.
 */
export function ErrorMessage({
  digest,
  reset,
  replacesLayout = false,
}: {
  digest?: string;
  reset: () => void;
  replacesLayout?: boolean;
}) {
  const body = (
    <>
      {replacesLayout ? <title>Something went wrong</title> : null}
      <h1 className="text-3xl font-bold tracking-tight">Something went wrong</h1>
      <p className="text-zinc-600">
        {replacesLayout ? "The store" : "This page"} could not be loaded just now. Please try again in a moment.
      </p>
      {digest ? <p className="text-xs text-zinc-500">Reference: {digest}</p> : null}
      <div className="flex flex-wrap justify-center gap-3">
        <button
          type="button"
          onClick={() => reset()}
          className="rounded-md bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-800"
        >
          Try again
        </button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- the router may be what failed (see above) */}
        <a href="/" className="rounded-md border border-zinc-300 px-5 py-2.5 font-semibold hover:bg-zinc-100">
          Back to the home page
        </a>
      </div>
    </>
  );
  return replacesLayout ? (
    <main role="alert" className="flex max-w-xl flex-col items-center gap-6 px-4 py-24 text-center">
      {body}
    </main>
  ) : (
    <div role="alert" className="mx-auto flex max-w-2xl flex-col items-center gap-6 px-4 py-24 text-center">
      {body}
    </div>
  );
}
