import Form from "next/form";
import { SearchRecommendations } from "@/components/search/search-recommendations";
import { SearchResultsView } from "@/components/search/search-results-view";
import { getCategoryTree, getSearchListing } from "@/lib/catalog/cache";
import { MAX_QUERY_LENGTH, type SearchRequest } from "@/lib/search/params";
import { SEARCH_PATH } from "@/lib/search/url";
import { getCurrencyDisplay } from "@/lib/settings/money-format";

// What the search page shows, the same for its cached page per normalised query (../[key], documents) and
// the one rendered per request (../page.tsx, client-side navigations).

/** The search page's heading, search form and results for `request`. */
export async function SearchContent({ request }: { request: SearchRequest }) {
  // The top-level categories from the cached tree (the search vocabulary's own cache reads the clock,
  // which a cached page may not).
  const [result, tree] = await Promise.all([
    getSearchListing(request, null, await getCurrencyDisplay()),
    getCategoryTree(),
  ]);
  const popularCategories = tree.slice(0, 8);
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

/** Result pages are endless permutations of the catalog: crawlers follow them but do not index them. */
export function searchMetadata(request: SearchRequest | null) {
  return { title: request?.q ? `Search: ${request.q}` : "Search", robots: { index: false, follow: true } };
}
