// A category page: its trail, heading and subcategories, then its listing. Shared by the default view
// (app/(store)/category/[slug]/page.tsx, served whole from the cache) and the filtered, sorted or paged
// views under the same URL (app/(store)/category/[slug]/filtered: one cached page per normalised query for a
// document, rendered per request for a client-side navigation).
import Link from "next/link";
import type { ReactNode } from "react";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { JsonLd } from "@/components/json-ld";
import { SearchResultsView } from "@/components/search/search-results-view";
import { categoryPath } from "@/lib/catalog/site";
import { breadcrumbListJsonLd, categoryTrail } from "@/lib/catalog/structured-data";
import type { CategoryDetail } from "@/lib/catalog/types";
import { hasFilters } from "@/lib/search/params";
import type { SearchResult } from "@/lib/search/types";
import type { PopularCategory } from "@/components/search/zero-results";

export function CategoryView({ category, children }: { category: CategoryDetail; children: ReactNode }) {
  const trail = categoryTrail(category.ancestors, category);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-8 px-4 py-8 sm:px-6 lg:px-8">
      <JsonLd data={breadcrumbListJsonLd(trail)} />
      <Breadcrumbs items={trail} />
      <header className="flex flex-col gap-3">
        <h1 className="text-3xl font-bold tracking-tight">{category.name}</h1>
        {category.description ? <p className="max-w-3xl text-zinc-600">{category.description}</p> : null}
        {category.children.length > 0 ? (
          <nav aria-label={`${category.name} subcategories`}>
            <ul className="flex flex-wrap gap-2">
              {category.children.map((child) => (
                <li key={child.id}>
                  {/* Not prefetched, like the breadcrumbs: at the top of the page they are in view at once, and
                      each subcategory's payload (about 30 KB) was fetched and parsed while the page started. */}
                  <Link
                    href={categoryPath(child.slug)}
                    prefetch={false}
                    className="inline-block rounded-full border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100"
                  >
                    {child.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      {children}
    </div>
  );
}

/**
 * The listing under the header. `liveStock`: the result comes from a cache, so the cards' "Out of stock"
 * notes are read again in the browser (components/search/live-stock.tsx).
 */
export function CategoryListing({
  category,
  result,
  popularCategories,
  liveStock = false,
}: {
  category: Pick<CategoryDetail, "slug" | "name">;
  result: SearchResult;
  popularCategories: PopularCategory[];
  liveStock?: boolean;
}) {
  if (result.totalHits === 0 && !result.unavailable && !hasFilters(result.request) && !result.request.q) {
    return (
      <section
        aria-label={`${category.name} products`}
        className="rounded-xl border border-dashed border-zinc-300 px-6 py-16 text-center"
      >
        <h2 className="text-lg font-semibold">Nothing here yet</h2>
        <p className="mt-2 text-zinc-600">There are no products in {category.name} right now.</p>
        <Link
          href="/"
          className="mt-6 inline-block rounded-md bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-800"
        >
          Back to the home page
        </Link>
      </section>
    );
  }
  return (
    <SearchResultsView
      result={result}
      basePath={categoryPath(category.slug)}
      popularCategories={popularCategories}
      label={`${category.name} products`}
      cardTestId="product-card"
      liveStock={liveStock}
    />
  );
}
