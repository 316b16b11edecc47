"use client";
// "Frequently bought together" (or similar best sellers) under a product page, asked for by the browser
// from GET /api/recommendations?for=<slug> once the page is up. It sits far below the fold, so the page's
// HTML and payload do not carry its cards (about 8 KB when rendered on the server, on a page with a 60 KB
// budget), and a request for it is answered from the same cache. Quietly absent when the request fails or
// there is nothing to suggest.
import { useEffect, useState } from "react";
import { ProductGrid } from "@/components/product-card";
import type { Recommendations, RecommendationBasis } from "@/lib/recommendations/queries";

const HEADINGS: Record<RecommendationBasis, string> = {
  bought_together: "Frequently bought together",
  similar: "You may also like",
  best_sellers: "Best sellers",
};

export function BoughtTogether({ slug }: { slug: string }) {
  const [answer, setAnswer] = useState<{ slug: string; recommendations: Recommendations | null } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/recommendations?for=${encodeURIComponent(slug)}`, { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<Recommendations>) : null))
      .then((recommendations) => setAnswer({ slug, recommendations }))
      .catch(() => {
        if (!controller.signal.aborted) setAnswer({ slug, recommendations: null });
      });
    return () => controller.abort();
  }, [slug]);

  const recommendations = answer?.slug === slug ? answer.recommendations : null;
  if (!recommendations || recommendations.products.length === 0) return null;
  return (
    <section
      aria-labelledby="recommendations-heading"
      className="flex flex-col gap-6 border-t border-zinc-200 pt-10"
      data-testid="product-recommendations"
      data-basis={recommendations.basis}
    >
      <h2 id="recommendations-heading" className="text-2xl font-semibold tracking-tight">
        {HEADINGS[recommendations.basis]}
      </h2>
      <ProductGrid products={recommendations.products} eagerCount={0} />
    </section>
  );
}
