import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CategoryView } from "@/components/category-view";
import { getCategory, getCategorySlugs } from "@/lib/catalog/cache";
import { isWellFormedSlug } from "@/lib/catalog/params";
import { listingKey, requestFromListingKey } from "@/lib/search/listing-key";
import { EMPTY_REQUEST } from "@/lib/search/params";
import { FilteredListing, filteredCategoryMetadata } from "../_lib/filtered-listing";

// A category listing narrowed, sorted or paged by its query string, as a document. Shoppers never see
// this path: the web server rewrites a document request for /category/<slug>?<any listing parameter> here,
// the query normalised into the key (lib/search/listing-route.ts; the default view, without one, is
// ../../page.tsx; client-side navigations go to ../page.tsx). The page reads nothing else from the
// request, so each normalised query is one page in Next's cache like the default view: searched again in
// the background at most every 15 s while it is visited, at once after an admin change. Canonical URLs
// and links all use /category/<slug>.

interface FilteredCategoryPageProps {
  params: Promise<{ slug: string; key: string }>;
}

const EMPTY_CATALOG_PLACEHOLDER = "__no-categories__";

/** One view is prerendered (Cache Components wants one); every other on its first visit. */
export async function generateStaticParams(): Promise<{ slug: string; key: string }[]> {
  const [slug] = await getCategorySlugs();
  return [{ slug: slug ?? EMPTY_CATALOG_PLACEHOLDER, key: listingKey(EMPTY_REQUEST) }];
}

/** The category and the request its key names, or null: an unknown category, or a key not in canonical form. */
async function listingOf(params: FilteredCategoryPageProps["params"]) {
  const { slug, key } = await params;
  const request = requestFromListingKey(key);
  // The page's own category is the scope, not a facet (the key leaves ?category= out).
  if (!request || request.category.length > 0 || !isWellFormedSlug(slug)) return null;
  const category = await getCategory(slug);
  return category ? { category, request } : null;
}

export async function generateMetadata({ params }: FilteredCategoryPageProps): Promise<Metadata> {
  const listing = await listingOf(params);
  if (!listing) return { title: "Category not found", robots: { index: false } };
  return filteredCategoryMetadata(listing.category, listing.request);
}

export default async function CachedFilteredCategoryPage({ params }: FilteredCategoryPageProps) {
  const listing = await listingOf(params);
  if (!listing) notFound();
  const { category, request } = listing;
  return (
    <CategoryView category={category}>
      <FilteredListing category={category} request={request} />
    </CategoryView>
  );
}
