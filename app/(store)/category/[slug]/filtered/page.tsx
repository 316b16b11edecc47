import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CategoryListing, CategoryView } from "@/components/category-view";
import { ProductGridSkeleton } from "@/components/skeletons";
import { getCategory, getCategorySlugs, getSearchListing } from "@/lib/catalog/cache";
import { isWellFormedSlug, listingHref, type SearchParamsRecord } from "@/lib/catalog/params";
import { categoryPath } from "@/lib/catalog/site";
import { hasFilters, parseSearchParams } from "@/lib/search/params";
import { searchVocabulary } from "@/lib/search/service";
import { getCurrencyDisplay } from "@/lib/settings/money-format";

// A category listing narrowed, sorted or paged by its query string. Shoppers never see this path:
// next.config.ts rewrites /category/<slug>?<any listing parameter> here (the default view, without one,
// is the cached ../page.tsx). Canonical URLs and links all use /category/<slug>.

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
  const request = parseSearchParams(await searchParams);
  const { page } = request;
  // Each page of a listing is its own canonical URL; sorted views point at the default order.
  const canonical = listingHref(categoryPath(category.slug), { page });
  const description = category.description ?? `Shop ${category.name}: prices, reviews and availability.`;
  const title = page > 1 ? `${category.name} (page ${page})` : category.name;
  // Filtered views are endless permutations of the listing: crawlers follow them but do not index them.
  const narrowed = hasFilters(request) || request.q !== "";
  return {
    title,
    description,
    alternates: { canonical },
    openGraph: { title, description, url: canonical },
    ...(narrowed ? { robots: { index: false, follow: true } } : {}),
  };
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
  const [result, vocabulary] = await Promise.all([
    getSearchListing(request, category.slug, await getCurrencyDisplay()),
    searchVocabulary(),
  ]);
  const popularCategories = vocabulary.categories
    .filter((entry) => entry.depth === 0 && entry.slug !== category.slug)
    .slice(0, 8);
  return <CategoryListing category={category} result={result} popularCategories={popularCategories} liveStock />;
}
