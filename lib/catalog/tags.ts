// Every cache tag the catalog uses, in one place, so whoever changes catalog data (admin actions, imports)
// invalidates exactly what the storefront cached. After changing a product: revalidateProductPages or
// expireCatalogTags (lib/catalog/admin/revalidate.ts), which expire the tags at once on every instance.
// Stock is never cached (lib/inventory/availability.ts), so stock changes need no tag.
export const TAGS = {
  /** Everything the catalog caches: the bulk "reseeded / imported" hammer. */
  catalog: "catalog",
  /** Any list of products: home sections, category listings, sitemap. */
  products: "products",
  /** One product's page: detail, variants, images, rating summary and reviews. */
  product: (slug: string) => `product:${slug}`,
  /** The category tree (header navigation, home, breadcrumbs everywhere). */
  categories: "categories",
  /** Recommendation rows (lib/recommendations/cache.ts): also tagged `products`. */
  recommendations: "recommendations",
  /** One category's page and listing. */
  category: (slug: string) => `category:${slug}`,
} as const;
