"use client";
// A client component for its payload, not for interactivity: a listing sends each card's data once as
// props (about a third of the bytes of the rendered element tree, which the RSC payload would otherwise
// carry beside the same markup in the HTML). The HTML is still rendered on the server.
import Link from "next/link";
import { PriceRange } from "@/components/price";
import { RatingLine } from "@/components/rating-stars";
import { WishlistButton } from "@/components/product/wishlist-button";
import { productPath } from "@/lib/catalog/site";
import type { SearchHit } from "@/lib/search/types";
import { Highlighted } from "./highlighted";
import { LiveStockNote } from "./live-stock";

// Styled by the .card classes of app/globals.css (shared with the home page's product cards).
export function SearchResultCard({
  hit,
  eager,
  testId = "search-result",
  liveStock = false,
}: {
  hit: SearchHit;
  eager: boolean;
  testId?: string;
  /** The hit comes from a cache: its stock note is read again in the browser (./live-stock.tsx). */
  liveStock?: boolean;
}) {
  return (
    <article className="card" data-testid={testId}>
      <div className="card-media">
        {hit.image ? (
          // eslint-disable-next-line @next/next/no-img-element -- small SVGs and already-sized uploads: nothing to optimise
          <img
            src={hit.image.url}
            alt={hit.image.alt}
            width={400}
            height={400}
            loading={eager ? "eager" : "lazy"}
            decoding="async"
          />
        ) : null}
      </div>
      <WishlistButton placement="card" productId={hit.id} title={hit.title} />
      <div className="card-body">
        {hit.brand ? <p className="card-brand">{hit.brand}</p> : null}
        <h3 className="card-title">
          <Link href={productPath(hit.slug)}>
            <Highlighted parts={hit.titleHighlighted} />
          </Link>
        </h3>
        <PriceRange
          minCents={hit.priceMinCents}
          maxCents={hit.priceMaxCents}
          compareAtCents={hit.compareAtCents}
          currency={hit.currency}
        />
        <RatingLine average={hit.rating} count={hit.reviewCount} />
        {liveStock ? (
          <LiveStockNote productId={hit.id} inStock={hit.inStock} />
        ) : hit.inStock ? null : (
          <p className="card-note">Out of stock</p>
        )}
      </div>
    </article>
  );
}
