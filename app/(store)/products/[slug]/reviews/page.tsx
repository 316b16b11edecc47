import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { RatingSummary } from "@/components/product/rating-summary";
import { ReviewsList } from "@/components/product/reviews-list";
import { reviewsPath, writeReviewPath } from "@/components/product/reviews/paths";
import { ReviewSortNav } from "@/components/product/reviews/review-sort-nav";
import { getProductReviews } from "@/lib/catalog/cache";
import { firstValue, type SearchParamsRecord } from "@/lib/catalog/params";
import { REVIEW_SORTS, type ReviewSort } from "@/lib/catalog/types";
import { EMPTY_CATALOG_PLACEHOLDER, ProductSubpageHeading, productOfRoute } from "../_lib/product-route";

// Every review of a product, in the order and page of the query string (?sort=newest|highest|lowest|
// verified, ?page=2): server rendered, each page from the catalog cache (tagged with the product, so a new
// or moderated review shows at once). The product page itself shows the newest few and links here.

interface ReviewsPageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParamsRecord>;
}

const PAGE_SIZE = 10;
const MAX_PAGE = 1000;

/** Rendered per request from cached reads; the placeholder satisfies the build. */
export function generateStaticParams(): { slug: string }[] {
  return [{ slug: EMPTY_CATALOG_PLACEHOLDER }];
}

export async function generateMetadata({ params }: ReviewsPageProps): Promise<Metadata> {
  const product = await productOfRoute(params);
  if (!product) return { title: "Product not found", robots: { index: false } };
  // One canonical URL for every order and page: they are the same reviews.
  return { title: `Reviews of ${product.title}`, alternates: { canonical: reviewsPath(product.slug) } };
}

function parseSort(value: SearchParamsRecord[string]): ReviewSort {
  const text = firstValue(value);
  return REVIEW_SORTS.find((sort) => sort === text) ?? "newest";
}

function parsePage(value: SearchParamsRecord[string]): number {
  const text = firstValue(value) ?? "";
  return /^\d{1,4}$/.test(text) ? Math.min(MAX_PAGE, Math.max(1, Number(text))) : 1;
}

export default async function ReviewsPage({ params, searchParams }: ReviewsPageProps) {
  // Checked before anything streams: an unknown, draft or archived product answers with HTTP 404.
  const product = await productOfRoute(params);
  if (!product) notFound();
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-8 px-4 py-10">
      <ProductSubpageHeading product={product} title="Customer reviews" />
      <div className="grid gap-10 lg:grid-cols-3">
        <div className="flex flex-col gap-4">
          <RatingSummary rating={product.rating} />
          <Link
            href={writeReviewPath(product.slug)}
            className="self-start rounded-md border border-zinc-900 px-4 py-2 text-sm font-semibold hover:bg-zinc-100"
          >
            Write or edit your review
          </Link>
        </div>
        <div className="flex flex-col gap-4 lg:col-span-2">
          <Suspense fallback={<div className="h-96 animate-pulse rounded-md bg-zinc-100" aria-busy="true" />}>
            <ReviewsOfPage productId={product.id} slug={product.slug} searchParams={searchParams} />
          </Suspense>
        </div>
      </div>
    </div>
  );
}

async function ReviewsOfPage({
  productId,
  slug,
  searchParams,
}: {
  productId: string;
  slug: string;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const query = await searchParams;
  const sort = parseSort(query.sort);
  const page = parsePage(query.page);
  const offset = (page - 1) * PAGE_SIZE;
  const reviews = await getProductReviews(slug, productId, { limit: PAGE_SIZE, offset, sort });
  const pageCount = Math.max(1, Math.ceil(reviews.total / PAGE_SIZE));
  return (
    <>
      <ReviewSortNav slug={slug} current={sort} />
      <ReviewsList reviews={reviews} sort={sort} offset={offset} />
      {pageCount > 1 ? (
        <nav aria-label="Review pages" className="flex items-center justify-between gap-2 text-sm">
          {page > 1 ? (
            <Link href={reviewsPath(slug, { sort, page: page - 1 })} rel="prev" className="font-semibold underline">
              Previous
            </Link>
          ) : (
            <span />
          )}
          <span className="text-zinc-600">
            Page {Math.min(page, pageCount)} of {pageCount}
          </span>
          {page < pageCount ? (
            <Link href={reviewsPath(slug, { sort, page: page + 1 })} rel="next" className="font-semibold underline">
              Next
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
