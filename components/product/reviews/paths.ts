import { productPath } from "@/lib/catalog/site";
import type { ReviewSort } from "@/lib/catalog/types";

/** /products/<slug>/reviews with its sort and page (defaults left out, so each view has one URL). */
export function reviewsPath(slug: string, { sort = "newest", page = 1 }: { sort?: ReviewSort; page?: number } = {}) {
  const query = new URLSearchParams();
  if (sort !== "newest") query.set("sort", sort);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return `${productPath(slug)}/reviews${text ? `?${text}` : ""}`;
}

/** The page where a shopper writes or edits their review of the product. */
export function writeReviewPath(slug: string): string {
  return `${productPath(slug)}/review`;
}
