import Link from "next/link";
import { productPath } from "@/lib/catalog/site";
import type { ProductCardData } from "@/lib/catalog/types";
import { PriceRange } from "./price";
import { RatingLine } from "./rating-stars";

export function ProductCard({ product, eager = false }: { product: ProductCardData; eager?: boolean }) {
  return (
    <article
      className="group relative flex flex-col gap-2 rounded-lg has-[a:focus-visible]:outline-2 has-[a:focus-visible]:outline-offset-4 has-[a:focus-visible]:outline-blue-600"
      data-testid="product-card"
    >
      <div className="aspect-square overflow-hidden rounded-lg bg-zinc-100">
        {product.image ? (
          // eslint-disable-next-line @next/next/no-img-element -- small SVGs and already-sized uploads: nothing to optimise
          <img
            src={product.image.url}
            alt={product.image.alt}
            width={product.image.width}
            height={product.image.height}
            loading={eager ? "eager" : "lazy"}
            decoding="async"
            className="h-full w-full object-cover transition-transform duration-300 group-hover:scale-105"
          />
        ) : null}
      </div>
      <div className="flex flex-col gap-1">
        {product.brandName ? (
          <p className="text-xs uppercase tracking-wide text-zinc-500">{product.brandName}</p>
        ) : null}
        <h3 className="text-sm font-medium text-zinc-900">
          {/* The whole card is clickable through the stretched link; the title is its accessible name. */}
          <Link
            href={productPath(product.slug)}
            className="rounded-sm after:absolute after:inset-0 after:content-[''] focus-visible:outline-none"
          >
            {product.title}
          </Link>
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
