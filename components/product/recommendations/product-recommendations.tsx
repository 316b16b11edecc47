import type { ProductDetail } from "@/lib/catalog/types";
import { BoughtTogether } from "./bought-together";
import { RecentlyViewed } from "./recently-viewed";

/**
 * Below the product's description and reviews: what other shoppers bought with it (cards the browser
 * asks for once the page is up: ./bought-together.tsx) and the shopper's own recently viewed products
 * (from this browser's storage; nothing is sent anywhere).
 */
export function ProductRecommendations({ product }: { product: ProductDetail }) {
  const image = product.images[0];
  return (
    <>
      <BoughtTogether slug={product.slug} />
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
