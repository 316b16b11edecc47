import { ProductGrid } from "@/components/product-card";
import { getBasketRecommendations } from "@/lib/recommendations/cache";

/** Below a search that found nothing: the store's best sellers in stock, so the page is never a dead end. */
export async function SearchRecommendations() {
  const { products } = await getBasketRecommendations([]);
  if (products.length === 0) return null;
  return (
    <section
      aria-labelledby="search-recommendations-heading"
      className="flex flex-col gap-6"
      data-testid="search-recommendations"
    >
      <h2 id="search-recommendations-heading" className="text-2xl font-semibold tracking-tight">
        You may also like
      </h2>
      <ProductGrid products={products} eagerCount={0} />
    </section>
  );
}
