"use client";
// "Frequently bought together" (or similar best sellers) under a product page, asked for by the browser
// from GET /api/recommendations?for=<slug> when the shopper scrolls near it. It sits far below the fold, so
// the page's HTML and payload do not carry its cards (about 8 KB when rendered on the server, on a page with
// a 60 KB budget), and neither the request nor the cards' rendering and images compete with the page's
// start-up; the answer comes from the same cache. Quietly absent when the request fails or there is nothing
// to suggest.
import { useEffect, useRef, useState, type RefObject } from "react";
import { ProductGrid } from "@/components/product-card";
import type { Recommendations, RecommendationBasis } from "@/lib/recommendations/queries";

const HEADINGS: Record<RecommendationBasis, string> = {
  bought_together: "Frequently bought together",
  similar: "You may also like",
  best_sellers: "Best sellers",
};

export function BoughtTogether({ slug }: { slug: string }) {
  const [answer, setAnswer] = useState<{ slug: string; recommendations: Recommendations | null } | null>(null);
  const [markerRef, near] = useNearViewport();

  useEffect(() => {
    if (!near) return;
    const controller = new AbortController();
    fetch(`/api/recommendations?for=${encodeURIComponent(slug)}`, { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<Recommendations>) : null))
      .then((recommendations) => setAnswer({ slug, recommendations }))
      .catch(() => {
        if (!controller.signal.aborted) setAnswer({ slug, recommendations: null });
      });
    return () => controller.abort();
  }, [slug, near]);

  const recommendations = answer?.slug === slug ? answer.recommendations : null;
  if (!recommendations || recommendations.products.length === 0) {
    // Until then (and when there is nothing to suggest) an empty marker where the section goes.
    return <div ref={markerRef} aria-hidden="true" />;
  }
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

/** How far below the screen the section starts loading (about a phone's screen): it is there by the time it scrolls in. */
const AHEAD = "600px 0px";

/** A ref, and whether its element has come within AHEAD of the viewport (once true, stays true). */
function useNearViewport(): [RefObject<HTMLDivElement | null>, boolean] {
  const ref = useRef<HTMLDivElement>(null);
  // A browser without IntersectionObserver asks at once, as before.
  const [shown, setShown] = useState(() => typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const element = ref.current;
    if (shown || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setShown(true);
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [shown]);
  return [ref, shown];
}
