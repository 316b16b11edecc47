import type { Metadata } from "next";
import Link from "next/link";
import { NotFoundMessage } from "@/components/not-found-message";
import { storeName } from "@/lib/catalog/site";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

// For URLs that match no route (and notFound() outside the storefront), rendered under the root layout
// only. Deliberately small: React sends this page inside every page's payload, as the root layout's
// not-found boundary. Inside the storefront, app/(store)/not-found.tsx renders within the store's chrome.
export default function NotFound() {
  return (
    <>
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto max-w-7xl px-4 py-4 sm:px-6 lg:px-8">
          <Link href="/" className="rounded-sm text-lg font-bold tracking-tight text-zinc-900">
            {storeName()}
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        <NotFoundMessage />
      </main>
    </>
  );
}
