import type { Metadata } from "next";
import Form from "next/form";
import { Suspense } from "react";
import { SearchRecommendations } from "@/components/search/search-recommendations";
import { SearchResultsView } from "@/components/search/search-results-view";
import { ProductGridSkeleton } from "@/components/skeletons";
import { MAX_QUERY_LENGTH, parseSearchParams, type SearchParamsInput } from "@/lib/search/params";
import { searchVocabulary } from "@/lib/search/service";
import { getCurrencyDisplay } from "@/lib/settings/money-format";
import { getSearchListing } from "@/lib/catalog/cache";
import { SEARCH_PATH } from "@/lib/search/url";

interface SearchPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: SearchPageProps): Promise<Metadata> {
  const { q } = parseSearchParams(await searchParams);
  // Result pages are endless permutations of the catalog: crawlers follow them but do not index them.
  return { title: q ? `Search: ${q}` : "Search", robots: { index: false, follow: true } };
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
  const request = parseSearchParams(await searchParams);
  const [result, vocabulary] = await Promise.all([
    getSearchListing(request, null, await getCurrencyDisplay()),
    searchVocabulary(),
  ]);
  const popularCategories = vocabulary.categories.filter((category) => category.depth === 0).slice(0, 8);
  return (
    <>
      <header className="flex flex-col gap-4">
        <h1 className="text-3xl font-bold tracking-tight">
          {request.q ? <>Results for “{request.q}”</> : "All products"}
        </h1>
        <Form key={request.q} action={SEARCH_PATH} className="flex max-w-xl gap-2" role="search">
          <label htmlFor="search-page-q" className="sr-only">
            Search products
          </label>
          <input
            id="search-page-q"
            name="q"
            type="search"
            defaultValue={request.q}
            maxLength={MAX_QUERY_LENGTH}
            placeholder="Search products"
            className="w-full rounded-md border border-zinc-300 px-3 py-2"
          />
          <button type="submit" className="rounded-md bg-zinc-900 px-4 py-2 font-semibold text-white hover:bg-zinc-800">
            Search
          </button>
        </Form>
      </header>
      {/* The result may come from a cache a few seconds old: "Out of stock" notes are read live. */}
      <SearchResultsView result={result} basePath={SEARCH_PATH} popularCategories={popularCategories} liveStock />
      {result.totalHits === 0 && !result.unavailable ? <SearchRecommendations /> : null}
    </>
  );
}
