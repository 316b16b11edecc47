import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { JsonLd } from "@/components/json-ld";
import { Pagination } from "@/components/pagination";
import { ProductGrid } from "@/components/product-card";
import { ProductGridSkeleton } from "@/components/skeletons";
import { SortOptions } from "@/components/sort-options";
import { getCategory, getCategoryListing, getCategorySlugs } from "@/lib/catalog/cache";
import { isPageInRange, listingHref, parseListingParams, parsePage, type SearchParamsRecord } from "@/lib/catalog/params";
import { categoryPath } from "@/lib/catalog/site";
import { breadcrumbListJsonLd, categoryTrail } from "@/lib/catalog/structured-data";

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
  const category = await getCategory(slug);
  if (!category) return { title: "Category not found", robots: { index: false } };
  const page = parsePage((await searchParams).page);
  // Each page of a listing is its own canonical URL; sorted views point at the default order.
  const canonical = listingHref(categoryPath(category.slug), { page });
  const description = category.description ?? `Shop ${category.name}: prices, reviews and availability.`;
  const title = page > 1 ? `${category.name} (page ${page})` : category.name;
  return {
    title,
    description,
    alternates: { canonical },
    openGraph: { title, description, url: canonical },
  };
}

export default async function CategoryPage({ params, searchParams }: CategoryPageProps) {
  // The slug is checked before anything streams, so an unknown category answers with HTTP 404.
  const { slug } = await params;
  const category = await getCategory(slug);
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
      {/* Page and sort come from the query string, so the listing renders per request (from cached data). */}
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
  const { page, sort } = parseListingParams(await searchParams);
  const listing = await getCategoryListing(slug, sort, page);
  // A page past the last is the not-found page (see isPageInRange for why, and for its status code).
  if (!listing || !isPageInRange(page, listing.totalPages)) notFound();
  const basePath = categoryPath(slug);

  if (listing.total === 0) {
    return (
      <section aria-label={`${name} products`} className="rounded-xl border border-dashed border-zinc-300 px-6 py-16 text-center">
        <h2 className="text-lg font-semibold">Nothing here yet</h2>
        <p className="mt-2 text-zinc-600">There are no products in {name} right now.</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-800">
          Back to the home page
        </Link>
      </section>
    );
  }

  const first = (page - 1) * listing.pageSize + 1;
  const last = first + listing.items.length - 1;
  return (
    <section aria-label={`${name} products`} className="flex flex-col gap-8">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-zinc-600" data-testid="result-count">
          Showing {first}–{last} of {listing.total} products
        </p>
        <SortOptions basePath={basePath} current={sort} />
      </div>
      <ProductGrid products={listing.items} />
      <Pagination basePath={basePath} page={page} totalPages={listing.totalPages} sort={sort} />
    </section>
  );
}
