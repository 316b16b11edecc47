"use client";
// "Recently viewed" away from the product page (the empty cart, the store's 404 page). Loaded only when it
// renders: the store's not-found page travels in every storefront page's payload, and the list is read
// from this browser's storage after hydration anyway, so the server has nothing to render for it.
import dynamic from "next/dynamic";

export const RecentlyViewedIsland = dynamic(
  () => import("./product/recommendations/recently-viewed").then((module) => module.RecentlyViewed),
  { ssr: false },
);
