import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/not-found-message";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

// notFound() in a storefront page (an unknown product or category): the message inside the store's own
// header and footer (app/(store)/layout.tsx).
export default function StoreNotFound() {
  return <NotFoundMessage />;
}
