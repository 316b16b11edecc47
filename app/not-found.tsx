import type { Metadata } from "next";
import Link from "next/link";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

// Rendered under the root layout only (for unknown URLs and for notFound() anywhere), so it brings the
// storefront chrome itself.
export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        <div className="mx-auto flex max-w-2xl flex-col items-center gap-6 px-4 py-24 text-center">
          <p className="text-sm font-semibold uppercase tracking-wide text-zinc-500">404</p>
          <h1 className="text-3xl font-bold tracking-tight">We couldn’t find that page</h1>
          <p className="text-zinc-600">
            The product or page may have moved or is no longer available. Try the home page or browse the categories
            above.
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
      </main>
      <SiteFooter />
    </>
  );
}
