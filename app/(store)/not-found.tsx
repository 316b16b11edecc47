import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/not-found-message";
import { RecentlyViewedIsland } from "@/components/recently-viewed-island";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

// notFound() in a storefront page (an unknown product or category): the message inside the store's own
// header and footer (app/(store)/layout.tsx), and the products this browser viewed (an old link's way back).
export default function StoreNotFound() {
  return (
    <>
      <NotFoundMessage />
      <div className="mx-auto w-full max-w-7xl px-4 pb-16 sm:px-6 lg:px-8">
        <RecentlyViewedIsland />
      </div>
    </>
  );
}
