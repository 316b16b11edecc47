// The markup of a product card, shared by the listings' ProductCard and search's SearchResultCard: the
// image, the wishlist heart, brand, title link, price and rating (styled by the .card classes of
// app/globals.css). Each card maps its own data onto it; search adds highlighting and a stock note.
import Link from "next/link";
import { productPath } from "@/lib/catalog/site";
import type { ComponentProps, ReactNode } from "react";
import { PriceRange } from "./price";
import { WishlistButton } from "./product/wishlist-button";
import { RatingLine } from "./rating-stars";

export interface ProductCardLayoutProps {
  testId: string;
  productId: string;
  slug: string;
  /** The product's plain title (the wishlist button's name). */
  title: string;
  /** What the title link shows: the title, or search's highlighted title. */
  titleContent?: ReactNode;
  image: { url: string; alt: string; width: number; height: number } | null;
  eager: boolean;
  /** The grid's first image: on a phone the page's largest paint, so fetched before the other images. */
  priority?: boolean;
  brand: string | null;
  price: ComponentProps<typeof PriceRange>;
  rating: ComponentProps<typeof RatingLine>;
  /** Below the rating (search's stock note). */
  children?: ReactNode;
}

export function ProductCardLayout(props: ProductCardLayoutProps) {
  const { image, price } = props;
  return (
    <article className="card" data-testid={props.testId}>
      <div className="card-media">
        {image ? (
          // eslint-disable-next-line @next/next/no-img-element -- small SVGs and already-sized uploads: nothing to optimise
          <img
            src={image.url}
            alt={image.alt}
            width={image.width}
            height={image.height}
            loading={props.eager ? "eager" : "lazy"}
            fetchPriority={props.priority ? "high" : undefined}
            decoding="async"
          />
        ) : null}
      </div>
      <WishlistButton placement="card" productId={props.productId} title={props.title} />
      <div className="card-body">
        {props.brand ? <p className="card-brand">{props.brand}</p> : null}
        <h3 className="card-title">
          {/* Not prefetched: a phone would fetch and parse the product's payload while the listing starts. */}
          <Link href={productPath(props.slug)} prefetch={false}>
            {props.titleContent ?? props.title}
          </Link>
        </h3>
        <PriceRange {...price} />
        <RatingLine {...props.rating} />
        {props.children}
      </div>
    </article>
  );
}
