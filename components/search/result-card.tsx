"use client";
// A client component for its payload, not for interactivity: a listing sends each card's data once as
// props (about a third of the bytes of the rendered element tree, which the RSC payload would otherwise
// carry beside the same markup in the HTML). The HTML is still rendered on the server.
import { ProductCardLayout } from "@/components/product-card-layout";
import type { SearchHit } from "@/lib/search/types";
import { Highlighted } from "./highlighted";
import { LiveStockNote } from "./live-stock";

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
    <ProductCardLayout
      testId={testId}
      productId={hit.id}
      slug={hit.slug}
      title={hit.title}
      // A listing without a query matches nothing: the plain title, no highlighting component per card.
      titleContent={
        hit.titleHighlighted.some((part) => part.match) ? <Highlighted parts={hit.titleHighlighted} /> : undefined
      }
      image={hit.image ? { ...hit.image, width: 400, height: 400 } : null}
      eager={eager}
      brand={hit.brand}
      price={{
        minCents: hit.priceMinCents,
        maxCents: hit.priceMaxCents,
        compareAtCents: hit.compareAtCents,
        currency: hit.currency,
      }}
      rating={{ average: hit.rating, count: hit.reviewCount }}
    >
      {liveStock ? (
        <LiveStockNote productId={hit.id} inStock={hit.inStock} />
      ) : hit.inStock ? null : (
        <p className="card-note">Out of stock</p>
      )}
    </ProductCardLayout>
  );
}
