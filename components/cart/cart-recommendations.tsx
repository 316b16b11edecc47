"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { productPath } from "@/lib/catalog/site";
import type { ProductCardData } from "@/lib/catalog/types";
import { useFormatMoney } from "@/components/money-display";

/**
 * "You may also like" under the cart drawer's lines: products bought with the cart's (or similar best
 * sellers, or the store's best sellers for an empty cart), from GET /api/recommendations. The cart is per
 * visitor, so this asks after the drawer opens instead of making any page dynamic. Quietly absent when
 * the request fails: suggestions are never in the way of the cart.
 */
export function CartRecommendations({ slugs, onNavigate }: { slugs: readonly string[]; onNavigate: () => void }) {
  const formatMoney = useFormatMoney();
  const key = [...new Set(slugs)].sort().join(",");
  const [result, setResult] = useState<{ key: string; products: ProductCardData[] } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const query = new URLSearchParams(key ? key.split(",").map((slug) => ["product", slug]) : []);
    fetch(`/api/recommendations?${query.toString()}`, { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<{ products: ProductCardData[] }>) : null))
      .then((body) => setResult({ key, products: body?.products ?? [] }))
      .catch(() => {
        if (!controller.signal.aborted) setResult({ key, products: [] });
      });
    return () => controller.abort();
  }, [key]);

  const products = result?.key === key ? result.products : [];
  if (products.length === 0) return null;
  return (
    <section aria-labelledby="cart-recommendations-heading" className="py-4" data-testid="cart-recommendations">
      <h3 id="cart-recommendations-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-600">
        You may also like
      </h3>
      <ul className="mt-3 flex flex-col gap-3">
        {products.map((product) => (
          <li key={product.id} data-testid="cart-recommendation">
            <Link
              href={productPath(product.slug)}
              onClick={onNavigate}
              className="group flex items-center gap-3 rounded-sm focus-visible:outline-2"
            >
              {product.image ? (
                // eslint-disable-next-line @next/next/no-img-element -- the same small SVGs as the product cards
                <img
                  src={product.image.url}
                  alt=""
                  width={48}
                  height={60}
                  loading="lazy"
                  decoding="async"
                  className="h-15 w-12 shrink-0 rounded bg-zinc-100 object-cover"
                />
              ) : null}
              <span className="flex flex-col text-sm">
                <span className="font-medium group-hover:underline">{product.title}</span>
                <span className="text-zinc-600">
                  {product.priceMaxCents > product.priceMinCents ? "From " : ""}
                  {formatMoney(product.priceMinCents, product.currency)}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
