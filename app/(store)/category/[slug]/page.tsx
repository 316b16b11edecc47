import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CategoryListing, CategoryView } from "@/components/category-view";
import { getCategory, getCategoryListing, getCategorySlugs, getCategoryTree } from "@/lib/catalog/cache";
import { isWellFormedSlug } from "@/lib/catalog/params";
import { categoryPath } from "@/lib/catalog/site";
import { getCurrencyDisplay } from "@/lib/settings/money-format";

interface CategoryPageProps {
  params: Promise<{ slug: string }>;
}

// Cache Components requires at least one prerendered param; on an empty catalog this one renders the
// not-found page at build time and nothing else.
const EMPTY_CATALOG_PLACEHOLDER = "__no-categories__";

/** Every category is prerendered at build; a category added later renders on first visit, then is cached. */
export async function generateStaticParams(): Promise<{ slug: string }[]> {
  const slugs = await getCategorySlugs();
  return slugs.length > 0 ? slugs.map((slug) => ({ slug })) : [{ slug: EMPTY_CATALOG_PLACEHOLDER }];
}

export async function generateMetadata({ params }: CategoryPageProps): Promise<Metadata> {
  const { slug } = await params;
  // A malformed slug names nothing: no lookup, no cache entry.
  const category = isWellFormedSlug(slug) ? await getCategory(slug) : null;
  if (!category) return { title: "Category not found", robots: { index: false } };
  const canonical = categoryPath(category.slug);
  const description =
    category.seoDescription ?? category.description ?? `Shop ${category.name}: prices, reviews and availability.`;
  const title = category.seoTitle ?? category.name;
  return {
    title,
    description,
    alternates: { canonical },
    openGraph: { title, description, url: canonical },
  };
}

// The category's default view: no query string is read, so the page is the same for everyone and served
// whole from the cache (its listing is re-searched in the background at most every 15 s, and at once
// after an admin change; stock notes are read live in the browser). A URL with any listing parameter
// (filters, sort, page, q) is rewritten to ./filtered by next.config.ts and searched per request.
export default async function CategoryPage({ params }: CategoryPageProps) {
  // The slug is checked before anything streams, so an unknown category answers with HTTP 404.
  const { slug } = await params;
  // A malformed slug names nothing: no lookup, no cache entry.
  const category = isWellFormedSlug(slug) ? await getCategory(slug) : null;
  if (!category) notFound();
  const [result, tree] = await Promise.all([
    getCategoryListing(category.slug, await getCurrencyDisplay()),
    getCategoryTree(),
  ]);
  const popularCategories = tree.filter((top) => top.slug !== category.slug).slice(0, 8);
  return (
    <CategoryView category={category}>
      <CategoryListing category={category} result={result} popularCategories={popularCategories} liveStock />
    </CategoryView>
  );
}
