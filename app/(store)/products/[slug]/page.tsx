import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { JsonLd } from "@/components/json-ld";
import { Gallery } from "@/components/product/gallery";
import { PurchasePanel } from "@/components/product/purchase-panel";
import { RatingSummary } from "@/components/product/rating-summary";
import { ReviewsList } from "@/components/product/reviews-list";
import { RatingLine } from "@/components/rating-stars";
import { PurchasePanelSkeleton } from "@/components/skeletons";
import { getPopularProductSlugs, getProduct, getProductReviews } from "@/lib/catalog/cache";
import { isWellFormedSlug, parseVariantId, type SearchParamsRecord } from "@/lib/catalog/params";
import { absoluteUrl, categoryPath, productPath } from "@/lib/catalog/site";
import { breadcrumbListJsonLd, productJsonLd, productTrail } from "@/lib/catalog/structured-data";
import type { ProductDetail } from "@/lib/catalog/types";
import { resolveVariant } from "@/lib/catalog/variants";
import { prisma } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/errors";
import { getAvailability } from "@/lib/inventory/availability";

interface ProductPageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParamsRecord>;
}

const REVIEWS_SHOWN = 10;
// The most visited products are prerendered at build; every other product renders on its first visit
// and is cached from then on (tag product:<slug> invalidates it).
const PRERENDERED_PRODUCTS = 24;
const EMPTY_CATALOG_PLACEHOLDER = "__no-products__";

export async function generateStaticParams(): Promise<{ slug: string }[]> {
  const slugs = await getPopularProductSlugs(PRERENDERED_PRODUCTS);
  return slugs.length > 0 ? slugs.map((slug) => ({ slug })) : [{ slug: EMPTY_CATALOG_PLACEHOLDER }];
}

function metaDescription(product: ProductDetail): string {
  const text = (product.seoDescription ?? product.description).replace(/\s+/g, " ").trim();
  return text.length > 160 ? `${text.slice(0, 157).trimEnd()}…` : text;
}

export async function generateMetadata({ params }: ProductPageProps): Promise<Metadata> {
  const { slug } = await params;
  // A malformed slug names nothing: no lookup, no cache entry.
  const product = isWellFormedSlug(slug) ? await getProduct(slug) : null;
  if (!product) return { title: "Product not found", robots: { index: false } };
  const title = product.seoTitle ?? product.title;
  const description = metaDescription(product);
  const canonical = productPath(product.slug);
  return {
    title,
    description,
    alternates: { canonical },
    openGraph: {
      title,
      description,
      url: absoluteUrl(canonical),
      images: product.images.slice(0, 1).map((image) => ({
        url: absoluteUrl(image.url),
        width: image.width,
        height: image.height,
        alt: image.alt,
      })),
    },
  };
}

export default async function ProductPage({ params, searchParams }: ProductPageProps) {
  // Checked before anything streams: an unknown, draft or archived product answers with HTTP 404.
  const { slug } = await params;
  // A malformed slug names nothing: no lookup, no cache entry.
  const product = isWellFormedSlug(slug) ? await getProduct(slug) : null;
  if (!product) notFound();
  const reviews = await getProductReviews(product.slug, product.id, REVIEWS_SHOWN);
  const trail = productTrail(product);

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-10 px-4 py-8 sm:px-6 lg:px-8">
      <JsonLd data={breadcrumbListJsonLd(trail)} />
      <Breadcrumbs items={trail} />

      <div className="grid gap-10 lg:grid-cols-2 lg:gap-16">
        <Gallery images={product.images} title={product.title} />

        <div className="flex flex-col gap-6">
          <header className="flex flex-col gap-2">
            {product.brand ? (
              <p className="text-sm uppercase tracking-wide text-zinc-500">{product.brand.name}</p>
            ) : null}
            <h1 className="text-3xl font-bold tracking-tight">{product.title}</h1>
            <a href="#reviews" className="self-start rounded-sm hover:underline">
              <RatingLine average={product.rating.average} count={product.rating.count} />
            </a>
          </header>

          {/* Stock is read live on every request, never from the cache. */}
          <Suspense fallback={<PurchasePanelSkeleton />}>
            <LivePurchasePanel product={product} searchParams={searchParams} />
          </Suspense>

          <section aria-labelledby="description-heading" className="flex flex-col gap-2">
            <h2 id="description-heading" className="text-lg font-semibold">
              Description
            </h2>
            <div className="flex flex-col gap-3 leading-relaxed text-zinc-700">
              {product.description
                .split(/\n{2,}/)
                .filter((paragraph) => paragraph.trim())
                .map((paragraph, index) => (
                  <p key={index}>{paragraph}</p>
                ))}
            </div>
            <p className="text-sm text-zinc-600">
              In{" "}
              <Link href={categoryPath(product.category.slug)} className="rounded-sm underline hover:text-zinc-900">
                {product.category.name}
              </Link>
            </p>
          </section>
        </div>
      </div>

      <section
        id="reviews"
        aria-labelledby="reviews-heading"
        className="grid scroll-mt-8 gap-10 border-t border-zinc-200 pt-10 lg:grid-cols-3"
      >
        <div className="flex flex-col gap-4">
          <h2 id="reviews-heading" className="text-2xl font-semibold tracking-tight">
            Customer reviews
          </h2>
          <RatingSummary rating={product.rating} />
        </div>
        <div className="lg:col-span-2">
          <ReviewsList reviews={reviews} />
        </div>
      </section>
    </div>
  );
}

async function LivePurchasePanel({
  product,
  searchParams,
}: {
  product: ProductDetail;
  searchParams: Promise<SearchParamsRecord>;
}) {
  await connection();
  let query: SearchParamsRecord;
  let availability: Awaited<ReturnType<typeof getAvailability>>;
  try {
    [query, availability] = await Promise.all([
      searchParams,
      getAvailability(
        prisma,
        product.variants.map((variant) => variant.id),
      ),
    ]);
  } catch (error) {
    // The cached page still shows; only the live part says it is out of reach for a moment.
    if (!isDatabaseUnavailable(error)) throw error;
    return (
      <p role="status" data-testid="purchase-unavailable" className="rounded-md bg-amber-50 p-4 text-amber-900">
        Stock and ordering are unavailable for a moment. Please reload the page shortly.
      </p>
    );
  }
  // An unknown or foreign ?variant= falls back to the default variant (first in stock, else first).
  const selected = resolveVariant(product.variants, availability, parseVariantId(query.variant));
  return (
    <>
      <JsonLd data={productJsonLd(product, availability, selected?.id)} />
      <PurchasePanel
        options={product.options}
        variants={product.variants}
        availability={availability}
        initialVariantId={selected?.id ?? null}
      />
    </>
  );
}
