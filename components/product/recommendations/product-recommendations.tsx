import { Suspense } from "react";
import { ProductGrid } from "@/components/product-card";
import { ProductGridSkeleton } from "@/components/skeletons";
import type { ProductDetail } from "@/lib/catalog/types";
import { getProductRecommendations } from "@/lib/recommendations/cache";
import type { RecommendationBasis } from "@/lib/recommendations/queries";
import { RecentlyViewed } from "./recently-viewed";

const HEADINGS: Record<RecommendationBasis, string> = {
  bought_together: "Frequently bought together",
  similar: "You may also like",
  best_sellers: "Best sellers",
};

/**
 * Below the product's description and reviews: what other shoppers bought with it (server-rendered
 * cards, cached like the catalog, streamed in after the rest of the page) and the shopper's own recently
 * viewed products (from this browser's storage; nothing is sent anywhere).
 */
export function ProductRecommendations({ product }: { product: ProductDetail }) {
  const image = product.images[0];
  return (
    <>
      <Suspense fallback={<ProductGridSkeleton count={4} />}>
        <BoughtTogether productId={product.id} />
      </Suspense>
      <RecentlyViewed
        current={{
          slug: product.slug,
          title: product.title,
          priceMinCents: product.priceMinCents,
          currency: product.currency,
          imageUrl: image?.url ?? null,
          imageAlt: image?.alt ?? product.title,
        }}
      />
    </>
  );
}

async function BoughtTogether({ productId }: { productId: string }) {
  const { basis, products } = await getProductRecommendations(productId);
  if (products.length === 0) return null;
  return (
    <section
      aria-labelledby="recommendations-heading"
      className="flex flex-col gap-6 border-t border-zinc-200 pt-10"
      data-testid="product-recommendations"
      data-basis={basis}
    >
      <h2 id="recommendations-heading" className="text-2xl font-semibold tracking-tight">
        {HEADINGS[basis]}
      </h2>
      <ProductGrid products={products} eagerCount={0} />
    </section>
  );
}
