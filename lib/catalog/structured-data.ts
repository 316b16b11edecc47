// schema.org JSON-LD for product and category pages. Pure builders (tested without a server); prices go
// out as exact decimal strings built from integer minor units, never through a float.
import { toDecimalString } from "@/lib/money";
import { absoluteUrl, categoryPath, productPath } from "./site";
import type { CategoryLink, ProductDetail } from "./types";
import type { AvailabilityMap } from "./variants";

export interface BreadcrumbItem {
  name: string;
  /** Site path ("/category/x"); the last crumb (the current page) may have none. */
  path?: string;
}

export type JsonLd = Record<string, unknown>;

export function breadcrumbListJsonLd(items: BreadcrumbItem[]): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: item.name,
      ...(item.path ? { item: absoluteUrl(item.path) } : {}),
    })),
  };
}

/** Home > ancestors... > category (> product): the trail shown on category and product pages. */
export function categoryTrail(ancestors: CategoryLink[], category: CategoryLink): BreadcrumbItem[] {
  return [
    { name: "Home", path: "/" },
    ...ancestors.map((a) => ({ name: a.name, path: categoryPath(a.slug) })),
    { name: category.name, path: categoryPath(category.slug) },
  ];
}

export function productTrail(product: ProductDetail): BreadcrumbItem[] {
  return [
    ...categoryTrail(product.categoryAncestors, product.category),
    { name: product.title, path: productPath(product.slug) },
  ];
}

/** The product in at most 160 characters (meta description, JSON-LD): its SEO description, else its description. */
export function productSummary(product: Pick<ProductDetail, "seoDescription" | "description">): string {
  const text = (product.seoDescription ?? product.description).replace(/\s+/g, " ").trim();
  return text.length > 160 ? `${text.slice(0, 157).trimEnd()}…` : text;
}

export function productJsonLd(
  product: ProductDetail,
  availability: AvailabilityMap,
  selectedVariantId?: string,
): JsonLd {
  const url = absoluteUrl(productPath(product.slug));
  const selected = product.variants.find((v) => v.id === selectedVariantId) ?? product.variants[0];
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.title,
    url,
    // The summary, not the whole description: the page shows that already, and the JSON-LD travels twice
    // (in the HTML and in the RSC payload).
    description: productSummary(product),
    image: product.images.map((image) => absoluteUrl(image.url)),
    ...(selected ? { sku: selected.sku } : {}),
    ...(product.brand ? { brand: { "@type": "Brand", name: product.brand.name } } : {}),
    // No URL per offer: the product's applies to every one, and each would repeat it with its variant id
    // (about 100 bytes a variant, sent twice).
    offers: product.variants.map((variant) => ({
      "@type": "Offer",
      sku: variant.sku,
      ...(variant.title ? { name: variant.title } : {}),
      price: toDecimalString(variant.priceCents, variant.currency),
      priceCurrency: variant.currency,
      availability:
        (availability[variant.id] ?? 0) > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      itemCondition: "https://schema.org/NewCondition",
    })),
    ...(product.rating.count > 0
      ? {
          aggregateRating: {
            "@type": "AggregateRating",
            ratingValue: product.rating.average,
            reviewCount: product.rating.count,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
  };
}

/**
 * JSON for a <script type="application/ld+json">: `<` is escaped so a product text containing
 * "</script>" cannot end the script element early (the JSON stays equivalent).
 */
export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
