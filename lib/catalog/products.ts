// Product reads for the storefront. Plain functions over a Db (no Next APIs); each reshapes Prisma rows
// into the domain types of ./types so no page ever depends on the database's shape. Only ACTIVE
// products are ever returned: drafts and archived products do not exist as far as shoppers can tell.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ProductStatus } from "@/lib/generated/prisma/enums";
import { listCategories } from "./categories";
import { ancestorsOf, descendantIds } from "./category-tree";
import { PAGE_SIZE, isWellFormedSlug, totalPagesFor } from "./params";
import { optionsWithValuesSelect, variantFieldsSelect, variantOptionValuesSelect } from "./selects";
import { categoryPath, productPath } from "./site";
import type {
  CatalogImage,
  ProductCardData,
  ProductDetail,
  ProductListPage,
  RatingSummary,
  ReviewPage,
  ReviewSort,
  SitemapEntry,
  SortKey,
} from "./types";

const VISIBLE = { status: ProductStatus.ACTIVE } satisfies Prisma.ProductWhereInput;

// Images without stored dimensions still get width/height attributes (no layout shift); the demo
// catalog's SVGs are square.
const DEFAULT_IMAGE_SIZE = 800;

// Every order ends with the id so equal prices or ratings never shuffle between pages.
const ORDER_BY: Record<SortKey, Prisma.ProductOrderByWithRelationInput[]> = {
  featured: [{ featured: "desc" }, { publishedAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
  newest: [{ publishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "asc" }],
  // Both price sorts use the "From" price the card shows, so the visible order is monotonic.
  "price-asc": [{ priceMinCents: "asc" }, { id: "asc" }],
  "price-desc": [{ priceMinCents: "desc" }, { id: "asc" }],
  rating: [{ ratingAverage: "desc" }, { reviewCount: "desc" }, { id: "asc" }],
};

const cardSelect = {
  id: true,
  slug: true,
  title: true,
  currency: true,
  priceMinCents: true,
  priceMaxCents: true,
  ratingAverage: true,
  reviewCount: true,
  brand: { select: { name: true } },
  images: { select: { url: true, alt: true, width: true, height: true }, orderBy: { position: "asc" }, take: 1 },
  // The cheapest variant decides the card's sale badge: its compare-at goes with the "From" price.
  variants: {
    select: { priceCents: true, compareAtPriceCents: true },
    orderBy: [{ priceCents: "asc" }, { position: "asc" }],
    take: 1,
  },
} satisfies Prisma.ProductSelect;

type CardRow = Prisma.ProductGetPayload<{ select: typeof cardSelect }>;

function toImage(
  row: { url: string; alt: string; width: number | null; height: number | null },
  fallbackAlt: string,
): CatalogImage {
  return {
    url: row.url,
    alt: row.alt || fallbackAlt,
    width: row.width ?? DEFAULT_IMAGE_SIZE,
    height: row.height ?? DEFAULT_IMAGE_SIZE,
  };
}

function toCard(row: CardRow): ProductCardData {
  const cheapest = row.variants[0];
  const onSale = cheapest?.compareAtPriceCents != null && cheapest.compareAtPriceCents > cheapest.priceCents;
  const image = row.images[0];
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    brandName: row.brand?.name ?? null,
    currency: row.currency,
    priceMinCents: row.priceMinCents,
    priceMaxCents: row.priceMaxCents,
    compareAtCents: onSale ? (cheapest.compareAtPriceCents ?? null) : null,
    ratingAverage: row.ratingAverage,
    reviewCount: row.reviewCount,
    image: image ? toImage(image, row.title) : null,
  };
}

export interface ListProductsInput {
  /** Restrict to products directly in these categories; omit for the whole catalog. */
  categoryIds?: string[];
  sort: SortKey;
  page: number;
  pageSize?: number;
}

/**
 * One page of visible products. `page` is not clamped: a page past the last comes back with no items and
 * the real `totalPages`, and the caller decides (the category page answers with its not-found page).
 */
export async function listProducts(db: Db, input: ListProductsInput): Promise<ProductListPage> {
  const pageSize = input.pageSize ?? PAGE_SIZE;
  const where: Prisma.ProductWhereInput = input.categoryIds
    ? { ...VISIBLE, categoryId: { in: input.categoryIds } }
    : VISIBLE;
  const skip = (Math.max(1, input.page) - 1) * pageSize;
  const [total, rows] = await Promise.all([
    db.product.count({ where }),
    // A page number past any real page skips no query work in PostgreSQL; don't ask for it.
    Number.isSafeInteger(skip)
      ? db.product.findMany({ where, select: cardSelect, orderBy: ORDER_BY[input.sort], skip, take: pageSize })
      : Promise.resolve([] as CardRow[]),
  ]);
  return { items: rows.map(toCard), total, page: input.page, pageSize, totalPages: totalPagesFor(total, pageSize) };
}

/** A category's listing: products in it and in every category below it. Null for an unknown slug. */
export async function listCategoryProducts(
  db: Db,
  categorySlug: string,
  input: Omit<ListProductsInput, "categoryIds">,
): Promise<ProductListPage | null> {
  const categories = await listCategories(db);
  const category = categories.find((c) => c.slug === categorySlug);
  if (!category) return null;
  return listProducts(db, { ...input, categoryIds: descendantIds(categories, category.id) });
}

export async function listFeaturedProducts(db: Db, limit = 8): Promise<ProductCardData[]> {
  const rows = await db.product.findMany({
    where: { ...VISIBLE, featured: true },
    select: cardSelect,
    orderBy: ORDER_BY.featured,
    take: limit,
  });
  return rows.map(toCard);
}

export async function listNewArrivals(db: Db, limit = 8): Promise<ProductCardData[]> {
  const rows = await db.product.findMany({ where: VISIBLE, select: cardSelect, orderBy: ORDER_BY.newest, take: limit });
  return rows.map(toCard);
}

const detailSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  seoTitle: true,
  seoDescription: true,
  currency: true,
  priceMinCents: true,
  priceMaxCents: true,
  tags: true,
  brand: { select: { slug: true, name: true } },
  category: { select: { id: true, slug: true, name: true } },
  images: {
    select: { url: true, alt: true, width: true, height: true, optionValueId: true },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  },
  options: optionsWithValuesSelect,
  variants: {
    select: { ...variantFieldsSelect, optionValues: variantOptionValuesSelect },
    orderBy: [{ position: "asc" }, { sku: "asc" }],
  },
} satisfies Prisma.ProductSelect;

/** Star counts for a product, computed from the reviews themselves so average, count and bars agree. */
export async function getRatingSummary(db: Db, productId: string): Promise<RatingSummary> {
  const groups = await db.review.groupBy({
    by: ["rating"],
    where: { productId, status: "PUBLISHED" },
    _count: { _all: true },
  });
  const distribution: RatingSummary["distribution"] = [0, 0, 0, 0, 0];
  let count = 0;
  let sum = 0;
  for (const group of groups) {
    const index = group.rating - 1;
    if (index < 0 || index > 4) continue;
    distribution[index] = group._count._all;
    count += group._count._all;
    sum += group.rating * group._count._all;
  }
  // One decimal, as shown everywhere ("4.3 out of 5").
  const average = count === 0 ? 0 : Math.round((sum / count) * 10) / 10;
  return { average, count, distribution };
}

/** Everything the product page shows except live stock and the reviews list; null when not visible. */
export async function getProductBySlug(db: Db, slug: string): Promise<ProductDetail | null> {
  if (!isWellFormedSlug(slug)) return null;
  const row = await db.product.findFirst({ where: { ...VISIBLE, slug }, select: detailSelect });
  if (!row) return null;
  const [categories, rating] = await Promise.all([listCategories(db), getRatingSummary(db, row.id)]);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    seoTitle: row.seoTitle,
    seoDescription: row.seoDescription,
    brand: row.brand,
    category: { slug: row.category.slug, name: row.category.name },
    categoryAncestors: ancestorsOf(categories, row.category.id),
    currency: row.currency,
    priceMinCents: row.priceMinCents,
    priceMaxCents: row.priceMaxCents,
    images: row.images.map((image, index) => ({
      ...toImage(image, `${row.title}, image ${index + 1}`),
      optionValueId: image.optionValueId,
    })),
    options: row.options.map((option) => ({
      id: option.id,
      name: option.name,
      values: option.values.map((value) => ({ id: value.id, value: value.value })),
    })),
    variants: row.variants.map((variant) => ({
      id: variant.id,
      sku: variant.sku,
      title: variant.title,
      priceCents: variant.priceCents,
      compareAtPriceCents: variant.compareAtPriceCents,
      currency: variant.currency,
      lowStockThreshold: variant.lowStockThreshold,
      optionValues: Object.fromEntries(
        variant.optionValues.map(({ optionValue }) => [optionValue.optionId, optionValue.id]),
      ),
    })),
    rating,
    tags: row.tags,
  };
}

// Every order ends with the id, so equal ratings or dates never shuffle between pages.
const REVIEW_ORDER: Record<ReviewSort, Prisma.ReviewOrderByWithRelationInput[]> = {
  newest: [{ createdAt: "desc" }, { id: "asc" }],
  highest: [{ rating: "desc" }, { createdAt: "desc" }, { id: "asc" }],
  lowest: [{ rating: "asc" }, { createdAt: "desc" }, { id: "asc" }],
  verified: [{ verified: "desc" }, { createdAt: "desc" }, { id: "asc" }],
};

/** A page of a product's published reviews in the given order (newest first by default), and how many
 *  there are in all. */
export async function listProductReviews(
  db: Db,
  productId: string,
  { limit, offset = 0, sort = "newest" }: { limit: number; offset?: number; sort?: ReviewSort },
): Promise<ReviewPage> {
  const where = { productId, status: "PUBLISHED", product: VISIBLE } satisfies Prisma.ReviewWhereInput;
  const [total, rows] = await Promise.all([
    db.review.count({ where }),
    db.review.findMany({
      where,
      orderBy: REVIEW_ORDER[sort],
      skip: offset,
      take: limit,
      select: { id: true, authorName: true, rating: true, title: true, body: true, verified: true, createdAt: true },
    }),
  ]);
  return { total, items: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })) };
}

/** Every category and every visible product, for sitemap.xml (the caller adds the home page). */
export async function listSitemapEntries(db: Db): Promise<SitemapEntry[]> {
  const [categories, products] = await Promise.all([
    db.category.findMany({ select: { slug: true, updatedAt: true }, orderBy: { slug: "asc" } }),
    db.product.findMany({ where: VISIBLE, select: { slug: true, updatedAt: true }, orderBy: { slug: "asc" } }),
  ]);
  return [
    ...categories.map((c) => ({ path: categoryPath(c.slug), lastModified: c.updatedAt.toISOString() })),
    ...products.map((p) => ({ path: productPath(p.slug), lastModified: p.updatedAt.toISOString() })),
  ];
}

/** Slugs worth prerendering at build time (the rest render on first visit and are then cached). */
/** Cards of the visible (ACTIVE) products among `ids`, in the order of `ids`; others are left out. */
export async function listProductCardsByIds(db: Db, ids: readonly string[]): Promise<ProductCardData[]> {
  if (ids.length === 0) return [];
  const rows = await db.product.findMany({ where: { ...VISIBLE, id: { in: [...ids] } }, select: cardSelect });
  const byId = new Map(rows.map((row) => [row.id, toCard(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function listPopularProductSlugs(db: Db, limit: number): Promise<string[]> {
  const rows = await db.product.findMany({
    where: VISIBLE,
    select: { slug: true },
    orderBy: ORDER_BY.featured,
    take: limit,
  });
  return rows.map((row) => row.slug);
}
