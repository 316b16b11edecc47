import type { Metadata } from "next";
import { CategoryListing } from "@/components/category-view";
import { getCategoryTree, getSearchListing } from "@/lib/catalog/cache";
import { listingHref } from "@/lib/catalog/params";
import { categoryPath } from "@/lib/catalog/site";
import type { CategoryDetail } from "@/lib/catalog/types";
import { hasFilters, type SearchRequest } from "@/lib/search/params";
import { getCurrencyDisplay } from "@/lib/settings/money-format";

// What a filtered category view shows, the same for its cached page per normalised query (../[key],
// documents) and the one rendered per request (../page.tsx, client-side navigations).

export function filteredCategoryMetadata(category: CategoryDetail, request: SearchRequest): Metadata {
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

/** The listing of `request` in the category (its own category is the scope: `request.category` is empty). */
export async function FilteredListing({
  category,
  request,
}: {
  category: { slug: string; name: string };
  request: SearchRequest;
}) {
  // The top-level categories from the cached tree, as on the default view (the search vocabulary's own
  // cache reads the clock, which a cached page may not).
  const [result, tree] = await Promise.all([
    getSearchListing(request, category.slug, await getCurrencyDisplay()),
    getCategoryTree(),
  ]);
  const popularCategories = tree.filter((top) => top.slug !== category.slug).slice(0, 8);
  // The result may come from a cache a few seconds old: "Out of stock" notes are read live.
  return <CategoryListing category={category} result={result} popularCategories={popularCategories} liveStock />;
}
