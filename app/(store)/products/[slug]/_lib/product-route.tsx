// What the product page and its subpages (its reviews, the shopper's review) share: the product of the
// route, read from the catalog cache before anything streams (a malformed slug names nothing: no lookup,
// no cache entry), and the heading that links back to the product.
import Link from "next/link";
import { getProduct } from "@/lib/catalog/cache";
import { isWellFormedSlug } from "@/lib/catalog/params";
import { productPath } from "@/lib/catalog/site";

/** The slug the build prerenders when nothing is prerendered per product (the build needs one). */
export const EMPTY_CATALOG_PLACEHOLDER = "__no-products__";

/** The product of the route: null for a malformed slug or an unknown, draft or archived product (a 404). */
export async function productOfRoute(params: Promise<{ slug: string }>) {
  const { slug } = await params;
  return isWellFormedSlug(slug) ? getProduct(slug) : null;
}

export function ProductSubpageHeading({ product, title }: { product: { slug: string; title: string }; title: string }) {
  return (
    <div className="flex flex-col gap-1">
      <Link href={productPath(product.slug)} className="self-start text-sm text-zinc-600 underline">
        {product.title}
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
    </div>
  );
}
