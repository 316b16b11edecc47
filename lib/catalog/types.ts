// The catalog's domain types: what pages and components see. Query functions reshape Prisma rows into
// these, so a schema change stays inside lib/catalog. Everything here is plain serialisable data (no
// Dates, no Prisma decimals) because it crosses 'use cache' and the server/client boundary.

export const SORT_KEYS = ["featured", "newest", "price-asc", "price-desc", "rating"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface CatalogImage {
  url: string;
  alt: string;
  width: number;
  height: number;
}

/** A product page image; optionValueId names the option value (a colour) it shows, null for any. */
export interface GalleryImage extends CatalogImage {
  optionValueId: string | null;
}

export interface CategoryLink {
  slug: string;
  name: string;
}

export interface CategorySummary extends CategoryLink {
  id: string;
  description: string | null;
  parentId: string | null;
}

export interface CategoryTreeNode extends CategorySummary {
  children: CategorySummary[];
}

export interface CategoryDetail extends CategorySummary {
  /** The page's <title> and meta description when the seller set them (/admin/settings/categories). */
  seoTitle: string | null;
  seoDescription: string | null;
  /** Ancestors from the root down, not including this category. */
  ancestors: CategoryLink[];
  children: CategorySummary[];
}

export interface ProductCardData {
  id: string;
  slug: string;
  title: string;
  brandName: string | null;
  currency: string;
  priceMinCents: number;
  priceMaxCents: number;
  /** Compare-at price of the cheapest variant when it is on sale (compare-at above its price). */
  compareAtCents: number | null;
  ratingAverage: number;
  reviewCount: number;
  image: CatalogImage | null;
}

export interface ProductListPage {
  items: ProductCardData[];
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
}

export interface ProductOptionData {
  id: string;
  name: string;
  values: { id: string; value: string }[];
}

export interface VariantData {
  id: string;
  sku: string;
  title: string;
  priceCents: number;
  compareAtPriceCents: number | null;
  currency: string;
  lowStockThreshold: number;
  /** Chosen value per option: optionId -> optionValueId. */
  optionValues: Record<string, string>;
}

export interface RatingSummary {
  average: number;
  count: number;
  /** Count of reviews per star, index 0 = 1 star ... index 4 = 5 stars. */
  distribution: [number, number, number, number, number];
}

export interface ProductDetail {
  id: string;
  slug: string;
  title: string;
  description: string;
  seoTitle: string | null;
  seoDescription: string | null;
  brand: { slug: string; name: string } | null;
  category: CategoryLink;
  /** The category's ancestors from the root down (breadcrumbs). */
  categoryAncestors: CategoryLink[];
  currency: string;
  priceMinCents: number;
  priceMaxCents: number;
  images: GalleryImage[];
  options: ProductOptionData[];
  variants: VariantData[];
  rating: RatingSummary;
  tags: string[];
}

export interface ReviewData {
  id: string;
  authorName: string;
  rating: number;
  title: string;
  body: string;
  verified: boolean;
  /** ISO 8601: Dates are kept out of cached payloads on purpose. */
  createdAt: string;
}

/** The orders a product's review list can be read in (?sort= on /products/<slug>/reviews). */
export const REVIEW_SORTS = ["newest", "highest", "lowest", "verified"] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];
export const REVIEW_SORT_LABELS: Record<ReviewSort, string> = {
  newest: "Newest",
  highest: "Highest rated",
  lowest: "Lowest rated",
  verified: "Verified buyers",
};

export interface ReviewPage {
  items: ReviewData[];
  total: number;
}

export interface SitemapEntry {
  path: string;
  lastModified: string;
}

/** GET /api/products/<slug>/availability: units available now per variant id. */
export interface AvailabilityResponse {
  availability: Record<string, number>;
}

/** GET /api/stock?products=...: whether each product can be bought now, by product id. */
export interface StockResponse {
  inStock: Record<string, boolean>;
}
