import type { Metadata } from "next";
import { Suspense } from "react";
import { ProductGridSkeleton } from "@/components/skeletons";
import { parseSearchParams, type SearchParamsInput } from "@/lib/search/params";
import { SearchContent, searchMetadata } from "./_lib/search-content";

// The search page for a client-side navigation (an RSC request: a query typed, a facet ticked, a sort
// chosen, the back button). A document request for /search is rewritten by the web server to ./[key], the
// cached page of its normalised query (lib/search/listing-route.ts). A client navigation is rendered here
// per request because the browser's router keeps what it fetched by the path it sees (/search), which does
// not carry that key: with one cached route per key, Back showed the filters of the page left.

interface SearchPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: SearchPageProps): Promise<Metadata> {
  return searchMetadata(parseSearchParams(await searchParams));
}

export default function SearchPage({ searchParams }: SearchPageProps) {
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-8 px-4 py-8 sm:px-6 lg:px-8">
      {/* The query lives in the URL, so the results stream in per request after the static shell. */}
      <Suspense fallback={<SearchFallback />}>
        <SearchPageBody searchParams={searchParams} />
      </Suspense>
    </div>
  );
}

function SearchFallback() {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Search</h1>
      <ProductGridSkeleton />
    </>
  );
}

async function SearchPageBody({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  return <SearchContent request={parseSearchParams(await searchParams)} />;
}
