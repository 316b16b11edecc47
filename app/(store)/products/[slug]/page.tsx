import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { Gallery } from "@/components/product/gallery";
import { ProductJsonLd } from "@/components/product/product-json-ld";
import { PurchasePanel } from "@/components/product/purchase-panel";
import { VariantSelectionProvider } from "@/components/product/variant-selection";
import { ProductReviews } from "@/components/product/reviews/product-reviews";
import { ProductRecommendations } from "@/components/product/recommendations/product-recommendations";
import { WishlistButton } from "@/components/product/wishlist-button";
import { RatingLine } from "@/components/rating-stars";
import { getAvailabilitySnapshot, getPopularProductSlugs, getProduct, getProductReviews } from "@/lib/catalog/cache";
import { isWellFormedSlug } from "@/lib/catalog/params";
import { encodeProductChoices } from "@/lib/catalog/product-choices";
import { absoluteUrl, categoryPath, productPath } from "@/lib/catalog/site";
import { productJsonLdHead, productSummary, productTrail } from "@/lib/catalog/structured-data";

interface ProductPageProps {
  params: Promise<{ slug: string }>;
}

// The newest few: reviews sit below the fold, and each one is sent in the HTML and again in the RSC payload.
const REVIEWS_SHOWN = 5;
// The most visited products are prerendered at build; every other product renders on its first visit
// and is cached from then on (tag product:<slug> invalidates it).
const PRERENDERED_PRODUCTS = 24;
const EMPTY_CATALOG_PLACEHOLDER = "__no-products__";

export async function generateStaticParams(): Promise<{ slug: string }[]> {
  const slugs = await getPopularProductSlugs(PRERENDERED_PRODUCTS);
  return slugs.length > 0 ? slugs.map((slug) => ({ slug })) : [{ slug: EMPTY_CATALOG_PLACEHOLDER }];
}

export async function generateMetadata({ params }: ProductPageProps): Promise<Metadata> {
  const { slug } = await params;
  // A malformed slug names nothing: no lookup, no cache entry.
  const product = isWellFormedSlug(slug) ? await getProduct(slug) : null;
  if (!product) return { title: "Product not found", robots: { index: false } };
  const title = product.seoTitle ?? product.title;
  const description = productSummary(product);
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

// The same page for every visitor and every ?variant=, so it is served whole from the cache. What is live
// (the chosen variant, stock, "only N left", the cart) is read in the browser by the purchase panel and
// the cart context; the query string is never read here.
export default async function ProductPage({ params }: ProductPageProps) {
  // Checked before anything streams: an unknown, draft or archived product answers with HTTP 404.
  const { slug } = await params;
  // A malformed slug names nothing: no lookup, no cache entry.
  const product = isWellFormedSlug(slug) ? await getProduct(slug) : null;
  if (!product) notFound();
  const variantIds = product.variants.map((variant) => variant.id);
  const [reviews, availability] = await Promise.all([
    getProductReviews(product.slug, product.id, { limit: REVIEWS_SHOWN }),
    getAvailabilitySnapshot(product.slug, variantIds),
  ]);
  const trail = productTrail(product);
  // One compact table for the gallery, the purchase panel and the JSON-LD: the same object, so React sends it once.
  const choices = encodeProductChoices(product);
  const soldOut = variantIds.flatMap((id, index) => ((availability[id] ?? 0) > 0 ? [] : [index]));

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-10 px-4 py-8 sm:px-6 lg:px-8">
      {/* Both JSON-LD blocks (Product and BreadcrumbList) come from one client component: in the HTML only. */}
      <ProductJsonLd head={productJsonLdHead(product, trail)} choices={choices} soldOut={soldOut} />
      <Breadcrumbs items={trail} />

      <VariantSelectionProvider>
        <div className="grid gap-10 lg:grid-cols-2 lg:gap-16">
          <Gallery choices={choices} title={product.title} />

          <div className="flex flex-col gap-6">
            <header className="flex flex-col gap-2">
              {product.brand ? (
                <p className="text-sm uppercase tracking-wide text-zinc-500">{product.brand.name}</p>
              ) : null}
              <h1 className="text-3xl font-bold tracking-tight">{product.title}</h1>
              <WishlistButton productId={product.id} title={product.title} />
              <a href="#reviews" className="self-start rounded-sm hover:underline">
                <RatingLine average={product.rating.average} count={product.rating.count} />
              </a>
            </header>

            <PurchasePanel slug={product.slug} choices={choices} />

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
                <Link
                  href={categoryPath(product.category.slug)}
                  prefetch={false}
                  className="rounded-sm underline hover:text-zinc-900"
                >
                  {product.category.name}
                </Link>
              </p>
            </section>
          </div>
        </div>
      </VariantSelectionProvider>

      <ProductReviews slug={product.slug} rating={product.rating} reviews={reviews} />
      <ProductRecommendations product={product} />
    </div>
  );
}
