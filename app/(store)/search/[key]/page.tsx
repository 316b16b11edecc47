import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listingKey, requestFromListingKey } from "@/lib/search/listing-key";
import { EMPTY_REQUEST } from "@/lib/search/params";
import { SearchContent, searchMetadata } from "../_lib/search-content";

// The search page as a document. Shoppers never see this path: the web server rewrites a document request
// for /search?<query> here, the query normalised into the key (lib/search/listing-route.ts); client-side
// navigations go to ../page.tsx. The page reads nothing else from the request, so each normalised query is
// one page in Next's cache, served whole and searched again in the background at most every 15 s while it
// is visited (getSearchListing's lifetime), at once after an admin change (its tags). "Out of stock" notes
// are read live in the browser.

interface SearchPageProps {
  params: Promise<{ key: string }>;
}

/** The search without a query ("All products") is prerendered; every other one on its first visit. */
export function generateStaticParams(): { key: string }[] {
  return [{ key: listingKey(EMPTY_REQUEST) }];
}

export async function generateMetadata({ params }: SearchPageProps): Promise<Metadata> {
  return searchMetadata(requestFromListingKey((await params).key));
}

export default async function CachedSearchPage({ params }: SearchPageProps) {
  // A key that is not the canonical form of a query names no page (and makes no cache entry).
  const request = requestFromListingKey((await params).key);
  if (!request) notFound();
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-8 px-4 py-8 sm:px-6 lg:px-8">
      <SearchContent request={request} />
    </div>
  );
}
