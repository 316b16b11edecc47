import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { JsonLd } from "@/components/json-ld";
import { SearchResultsView } from "@/components/search/search-results-view";
import { ProductGridSkeleton } from "@/components/skeletons";
import { getCategory, getCategorySlugs } from "@/lib/catalog/cache";
import { isWellFormedSlug, listingHref, type SearchParamsRecord } from "@/lib/catalog/params";
import { categoryPath } from "@/lib/catalog/site";
import { breadcrumbListJsonLd, categoryTrail } from "@/lib/catalog/structured-data";
import { hasFilters, parseSearchParams } from "@/lib/search/params";
import { searchCatalog, searchVocabulary } from "@/lib/search/service";

interface CategoryPageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParamsRecord>;
}

// Cache Components requires at least one prerendered param; on an empty catalog this one renders the
// not-found page at build time and nothing else.
const EMPTY_CATALOG_PLACEHOLDER = "__no-categories__";

/** Every category is prerendered at build; a category added later renders on first visit, then is cached. */
export async function generateStaticParams(): Promise<{ slug: string }[]> {
  const slugs = await getCategorySlugs();
  return slugs.length > 0 ? slugs.map((slug) => ({ slug })) : [{ slug: EMPTY_CATALOG_PLACEHOLDER }];
}

export async function generateMetadata({ params, searchParams }: CategoryPageProps): Promise<Metadata> {
  const { slug } = await params;
  // A malformed slug names nothing: no lookup, no cache entry.
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

export default async function CategoryPage({ params, searchParams }: CategoryPageProps) {
  // The slug is checked before anything streams, so an unknown category answers with HTTP 404.
  const { slug } = await params;
  // A malformed slug names nothing: no lookup, no cache entry.
  const category = isWellFormedSlug(slug) ? await getCategory(slug) : null;
  if (!category) notFound();
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
                  <Link
                    href={categoryPath(child.slug)}
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
      {/* Filters, sort and page come from the query string, so the listing is searched per request (Meilisearch,
          or PostgreSQL when the engine is down) and streams in after the cached header. */}
      <Suspense fallback={<ProductGridSkeleton />}>
        <CategoryListing slug={category.slug} name={category.name} searchParams={searchParams} />
      </Suspense>
    </div>
  );
}

async function CategoryListing({
  slug,
  name,
  searchParams,
}: {
  slug: string;
  name: string;
  searchParams: Promise<SearchParamsRecord>;
}) {
  // The page's own category is the scope, not a facet: a ?category= parameter has no say here.
  const request = { ...parseSearchParams(await searchParams), category: [] };
  const [result, vocabulary] = await Promise.all([
    searchCatalog(request, { scope: { categorySlug: slug } }),
    searchVocabulary(),
  ]);
  const basePath = categoryPath(slug);

  if (result.totalHits === 0 && !result.unavailable && !hasFilters(result.request) && !result.request.q) {
    return (
      <section
        aria-label={`${name} products`}
        className="rounded-xl border border-dashed border-zinc-300 px-6 py-16 text-center"
      >
        <h2 className="text-lg font-semibold">Nothing here yet</h2>
        <p className="mt-2 text-zinc-600">There are no products in {name} right now.</p>
        <Link
          href="/"
          className="mt-6 inline-block rounded-md bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-800"
        >
          Back to the home page
        </Link>
      </section>
    );
  }

  const popularCategories = vocabulary.categories
    .filter((category) => category.depth === 0 && category.slug !== slug)
    .slice(0, 8);
  return (
    <SearchResultsView
      result={result}
      basePath={basePath}
      popularCategories={popularCategories}
      label={`${name} products`}
      cardTestId="product-card"
    />
  );
}
