import Link from "next/link";
import { productPath } from "@/lib/catalog/site";
import type { ProductCardData } from "@/lib/catalog/types";
import { PriceRange } from "./price";
import { WishlistButton } from "./product/wishlist-button";
import { RatingLine } from "./rating-stars";

// Styled by the .card classes of app/globals.css (shared with search result cards).
export function ProductCard({ product, eager = false }: { product: ProductCardData; eager?: boolean }) {
  return (
    <article className="card" data-testid="product-card">
      <div className="card-media">
        {product.image ? (
          // eslint-disable-next-line @next/next/no-img-element -- small SVGs and already-sized uploads: nothing to optimise
          <img
            src={product.image.url}
            alt={product.image.alt}
            width={product.image.width}
            height={product.image.height}
            loading={eager ? "eager" : "lazy"}
            decoding="async"
          />
        ) : null}
      </div>
      <WishlistButton placement="card" productId={product.id} title={product.title} />
      <div className="card-body">
        {product.brandName ? <p className="card-brand">{product.brandName}</p> : null}
        <h3 className="card-title">
          <Link href={productPath(product.slug)}>{product.title}</Link>
        </h3>
        <PriceRange
          minCents={product.priceMinCents}
          maxCents={product.priceMaxCents}
          compareAtCents={product.compareAtCents}
          currency={product.currency}
        />
        <RatingLine average={product.ratingAverage} count={product.reviewCount} />
      </div>
    </article>
  );
}

/** 1, 2, 3 or 4 columns by viewport width. The first row loads eagerly: it is above the fold. */
export function ProductGrid({ products, eagerCount = 4 }: { products: ProductCardData[]; eagerCount?: number }) {
  return (
    <ul className="grid grid-cols-1 gap-x-6 gap-y-10 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
      {products.map((product, index) => (
        <li key={product.id}>
          <ProductCard product={product} eager={index < eagerCount} />
        </li>
      ))}
    </ul>
  );
}
