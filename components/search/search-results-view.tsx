// The body of a search page: sidebar, toolbar, results, pagination. Shared by /search and any listing
// that uses the engine (a category page passes its own basePath and scope).
import type { SearchResult } from "@/lib/search/types";
import { ActiveFilters } from "./active-filters";
import { DegradedNotice } from "./degraded-notice";
import { FacetSidebar } from "./facet-sidebar";
import { LiveStockProvider } from "./live-stock";
import { SearchResultCard } from "./result-card";
import { SearchPagination } from "./search-pagination";
import { SortSelect } from "./sort-select";
import { UnderstandingNotice } from "./understanding-notice";
import { ZeroResults, type PopularCategory } from "./zero-results";

export function SearchResultsView({
  result,
  basePath,
  popularCategories,
  label = "Search results",
  cardTestId,
  liveStock = false,
}: {
  result: SearchResult;
  basePath: string;
  popularCategories: PopularCategory[];
  /** Accessible name of the results region ("Running shoes products" on a category page). */
  label?: string;
  /** A listing page's cards are product cards (data-testid="product-card"); search results by default. */
  cardTestId?: string;
  /** The result comes from a cache: the cards' "Out of stock" notes are read again in the browser. */
  liveStock?: boolean;
}) {
  const { request } = result;
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.hits.length - 1;
  return (
    <div className="grid gap-8 lg:grid-cols-[16rem_1fr]">
      <FacetSidebar request={request} groups={result.facets} basePath={basePath} />
      <section aria-label={label} className="flex flex-col gap-6">
        {result.degraded ? <DegradedNotice unavailable={result.unavailable} /> : null}
        <UnderstandingNotice result={result} basePath={basePath} />
        <ActiveFilters result={result} basePath={basePath} />
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-zinc-600" data-testid="search-count" aria-live="polite">
            {result.hits.length > 0
              ? `Showing ${first}–${last} of ${result.totalHits} ${result.totalHits === 1 ? "product" : "products"}`
              : result.totalHits > 0
                ? `This page is past the last page of ${result.totalHits} results`
                : "No results"}
          </p>
          <SortSelect request={request} basePath={basePath} />
        </div>
        {result.hits.length > 0 ? (
          <LiveStockProvider productIds={liveStock ? result.hits.map((hit) => hit.id) : []}>
            {/* Each card is laid out and painted only near the viewport (content-visibility): on a phone the
                filters fill the first screen, and styling, laying out and painting 20 cards nobody sees yet
                was a third of the page's start-up work. The size stands in until a card is first shown. */}
            <ul className="grid grid-cols-1 gap-x-6 gap-y-10 sm:grid-cols-2 xl:grid-cols-3 *:[contain-intrinsic-size:auto_30rem] *:[content-visibility:auto]">
              {result.hits.map((hit, index) => (
                <li key={hit.id}>
                  <SearchResultCard hit={hit} eager={index < 3} testId={cardTestId} liveStock={liveStock} />
                </li>
              ))}
            </ul>
          </LiveStockProvider>
        ) : result.totalHits === 0 && !result.unavailable ? (
          <ZeroResults
            request={request}
            query={result.understanding?.query ?? request.q}
            help={result.help}
            categories={popularCategories}
            basePath={basePath}
          />
        ) : null}
        <SearchPagination request={request} totalPages={result.totalPages} basePath={basePath} />
      </section>
    </div>
  );
}
