import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CategoryView } from "@/components/category-view";
import { ProductGridSkeleton } from "@/components/skeletons";
import { getCategory, getCategorySlugs } from "@/lib/catalog/cache";
import { isWellFormedSlug, type SearchParamsRecord } from "@/lib/catalog/params";
import { parseSearchParams } from "@/lib/search/params";
import { FilteredListing, filteredCategoryMetadata } from "./_lib/filtered-listing";

// A category listing narrowed, sorted or paged by its query string, for a client-side navigation (an RSC
// request: a facet ticked, a sort chosen, the back button). Shoppers never see this path: next.config.ts
// rewrites /category/<slug>?<any listing parameter> here. A document request for such a URL was already
// rewritten by the web server to ./[key], the cached page of its normalised query
// (lib/search/listing-route.ts). A client navigation is rendered per request because the browser's router
// keeps what it fetched by the path it sees, which does not carry that key. Canonical URLs and links all
// use /category/<slug>.

interface FilteredCategoryPageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParamsRecord>;
}

const EMPTY_CATALOG_PLACEHOLDER = "__no-categories__";

/** Each category's header is prerendered; its listing is searched per request (the Suspense below). */
export async function generateStaticParams(): Promise<{ slug: string }[]> {
  const slugs = await getCategorySlugs();
  return slugs.length > 0 ? slugs.map((slug) => ({ slug })) : [{ slug: EMPTY_CATALOG_PLACEHOLDER }];
}

export async function generateMetadata({ params, searchParams }: FilteredCategoryPageProps): Promise<Metadata> {
  const { slug } = await params;
  const category = isWellFormedSlug(slug) ? await getCategory(slug) : null;
  if (!category) return { title: "Category not found", robots: { index: false } };
  return filteredCategoryMetadata(category, parseSearchParams(await searchParams));
}

export default async function FilteredCategoryPage({ params, searchParams }: FilteredCategoryPageProps) {
  // The slug is checked before anything streams, so an unknown category answers with HTTP 404.
  const { slug } = await params;
  const category = isWellFormedSlug(slug) ? await getCategory(slug) : null;
  if (!category) notFound();
  return (
    <CategoryView category={category}>
      {/* Filters, sort and page come from the query string, so the listing is read per request (from a
          short-lived cache of the search per normalised query, see getSearchListing) and streams in after
          the cached header. */}
      <Suspense fallback={<ProductGridSkeleton />}>
        <SearchedListing category={category} searchParams={searchParams} />
      </Suspense>
    </CategoryView>
  );
}

async function SearchedListing({
  category,
  searchParams,
}: {
  category: { slug: string; name: string };
  searchParams: Promise<SearchParamsRecord>;
}) {
  // The page's own category is the scope, not a facet: a ?category= parameter has no say here.
  const request = { ...parseSearchParams(await searchParams), category: [] };
  return <FilteredListing category={category} request={request} />;
}
