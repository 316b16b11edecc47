// schema.org JSON-LD for product and category pages. Pure builders (tested without a server); prices go
// out as exact decimal strings built from integer minor units, never through a float.
import { toDecimalString } from "@/lib/money";
import { absoluteUrlFrom, categoryPath, productPath, siteUrl } from "./site";
import type { DecodedChoices } from "./product-choices";
import type { CategoryLink, ProductDetail } from "./types";
import type { AvailabilityMap } from "./variants";

export interface BreadcrumbItem {
  name: string;
  /** Site path ("/category/x"); the last crumb (the current page) may have none. */
  path?: string;
}

export type JsonLd = Record<string, unknown>;

/** `origin` defaults to SITE_URL; a client component passes the one the server gave it. */
export function breadcrumbListJsonLd(items: BreadcrumbItem[], origin: string = siteUrl()): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: item.name,
      ...(item.path ? { item: absoluteUrlFrom(origin, item.path) } : {}),
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

/** The product-level facts of its JSON-LD; the offers come from the page's variant table. */
export interface ProductJsonLdHead {
  /** The site's origin: the JSON-LD is built in the browser's render too, where SITE_URL is not set. */
  origin: string;
  name: string;
  path: string;
  description: string;
  brand: string | null;
  rating: { average: number; count: number };
  /** The page's trail for its BreadcrumbList, rendered by the same client component. */
  trail: BreadcrumbItem[];
}

export function productJsonLdHead(product: ProductDetail, trail: BreadcrumbItem[]): ProductJsonLdHead {
  return {
    origin: siteUrl(),
    name: product.title,
    path: productPath(product.slug),
    // The summary, not the whole description: the page shows that already.
    description: productSummary(product),
    brand: product.brand?.name ?? null,
    rating: { average: product.rating.average, count: product.rating.count },
    trail,
  };
}

const NEW_CONDITION = "https://schema.org/NewCondition";

/**
 * The Product block. Built from the same variant table the picker reads (lib/catalog/product-choices.ts),
 * by a client component, so the offers travel once: in the HTML, and not again as a string in the RSC
 * payload (which a server-rendered <script> would repeat).
 */
export function productJsonLd(
  head: ProductJsonLdHead,
  choices: Pick<DecodedChoices, "variants" | "images">,
  availability: AvailabilityMap,
): JsonLd {
  const selected = choices.variants[0];
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: head.name,
    url: absoluteUrlFrom(head.origin, head.path),
    description: head.description,
    image: choices.images.map((image) => absoluteUrlFrom(head.origin, image.url)),
    ...(selected ? { sku: selected.sku } : {}),
    ...(head.brand ? { brand: { "@type": "Brand", name: head.brand } } : {}),
    // Every item the store sells is new: stated once on the Product (schema.org Product.itemCondition)
    // instead of once per offer, about 45 bytes a variant.
    itemCondition: NEW_CONDITION,
    // No URL or name per offer: the product's URL applies to every one, and the SKU names the variant
    // (about 25 bytes a variant for a title such as "Olive / US 9.5", which search engines do not read).
    offers: choices.variants.map((variant) => ({
      "@type": "Offer",
      sku: variant.sku,
      price: toDecimalString(variant.priceCents, variant.currency),
      priceCurrency: variant.currency,
      availability:
        (availability[variant.id] ?? 0) > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
    })),
    ...(head.rating.count > 0
      ? {
          aggregateRating: {
            "@type": "AggregateRating",
            ratingValue: head.rating.average,
            reviewCount: head.rating.count,
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
