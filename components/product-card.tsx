import type { ProductCardData } from "@/lib/catalog/types";
import { ProductCardLayout } from "./product-card-layout";

export function ProductCard({
  product,
  eager = false,
  priority = false,
}: {
  product: ProductCardData;
  eager?: boolean;
  priority?: boolean;
}) {
  return (
    <ProductCardLayout
      testId="product-card"
      productId={product.id}
      slug={product.slug}
      title={product.title}
      image={product.image}
      eager={eager}
      priority={priority}
      brand={product.brandName}
      price={{
        minCents: product.priceMinCents,
        maxCents: product.priceMaxCents,
        compareAtCents: product.compareAtCents,
        currency: product.currency,
      }}
      rating={{ average: product.ratingAverage, count: product.reviewCount }}
    />
  );
}

/**
 * 1, 2, 3 or 4 columns by viewport width. The first row loads eagerly: it is above the fold. The first
 * image of an eager grid is fetched first (on a phone it is the largest paint: one card fills the width).
 */
export function ProductGrid({ products, eagerCount = 4 }: { products: ProductCardData[]; eagerCount?: number }) {
  return (
    <ul className="grid grid-cols-1 gap-x-6 gap-y-10 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
      {products.map((product, index) => (
        <li key={product.id}>
          <ProductCard product={product} eager={index < eagerCount} priority={index === 0 && eagerCount > 0} />
        </li>
      ))}
    </ul>
  );
}
