// Turns planned products into rows of the nine catalog tables, column by column, and inserts them with
// one multi-row statement per table. Shared by the demo seed and the synthetic benchmark seed, so both
// write exactly the same shape: denormalised prices and ratings computed from the rows they summarise,
// one inventory level per variant and warehouse, and an INITIAL adjustment explaining every unit on hand.
import type { Prisma } from "@/lib/generated/prisma/client";
import { ART_HEIGHT, ART_WIDTH } from "@/lib/media/product-art";
import { ColumnBuffer, insertInOrder, TAG_SEPARATOR } from "@/lib/db/bulk-insert";
import { optionRows, optionValueRows, productRows, variantOptionValueRows, variantRows } from "@/lib/catalog/tables";
import { productSummary, type PlannedReview, type PlannedStatus, type Stock } from "./generate";
import { newId } from "@/lib/ids";
import { LOCATION_CODES, type LocationCode } from "./store-config";
import type { PlannedOption, PlannedVariant } from "./variants";

export interface ProductRowInput {
  slug: string;
  title: string;
  description: string;
  brandId: string;
  categoryId: string;
  status: PlannedStatus;
  featured: boolean;
  tags: readonly string[];
  audience: "MEN" | "WOMEN" | "UNISEX" | "KIDS" | null;
  seoTitle: string;
  seoDescription: string;
  currency: string;
  publishedAt: Date | null;
  createdAt: Date;
  /** optionColour: the Colour option value the image shows (tags it for the gallery). */
  images: readonly { url: string; alt: string; optionColour?: string | null }[];
  options: readonly PlannedOption[];
  variants: readonly (PlannedVariant & { stock: Stock })[];
  reviews: readonly PlannedReview[];
}

/** Stock adjustments: the catalog's opening stock (INITIAL) and the demo orders' sales (SALE, with the order). */
export const adjustmentRows = () =>
  new ColumnBuffer("InventoryAdjustment", {
    id: "text",
    variantId: "text",
    locationId: "text",
    delta: "int",
    reason: "AdjustmentReason",
    note: "text",
    orderId: "text",
    createdAt: "timestamp",
  });

export function createCatalogTables() {
  return {
    products: productRows({
      featured: "bool",
      tags: "tags",
      audience: "Audience",
      seoTitle: "text",
      seoDescription: "text",
      priceMinCents: "int",
      priceMaxCents: "int",
      ratingAverage: "float8",
      reviewCount: "int",
    }),
    images: new ColumnBuffer("ProductImage", {
      id: "text",
      productId: "text",
      url: "text",
      alt: "text",
      width: "int",
      height: "int",
      position: "int",
      optionValueId: "text",
    }),
    options: optionRows(),
    optionValues: optionValueRows(),
    variants: variantRows(),
    variantOptionValues: variantOptionValueRows(),
    inventoryLevels: new ColumnBuffer("InventoryLevel", {
      id: "text",
      variantId: "text",
      locationId: "text",
      onHand: "int",
      reserved: "int",
      updatedAt: "timestamp",
    }),
    adjustments: adjustmentRows(),
    reviews: new ColumnBuffer("Review", {
      id: "text",
      productId: "text",
      authorName: "text",
      rating: "int",
      title: "text",
      body: "text",
      verified: "bool",
      createdAt: "timestamp",
    }),
  };
}

export type CatalogTables = ReturnType<typeof createCatalogTables>;

export interface StockContext {
  locationIds: Record<LocationCode, string>;
  /** When the stock was counted: the levels' updatedAt, and the opening stock's date by default. */
  now: Date;
  note: string;
  /** Units sold since the opening count, per SKU and warehouse (the demo's order history): the INITIAL
   *  adjustment is today's stock plus these, and the sales' SALE adjustments bring it down to today's. */
  sold?: ReadonlyMap<string, Partial<Record<LocationCode, number>>>;
  /** When the opening stock was counted, before the first sale (default: `now`). */
  openingAt?: (product: ProductRowInput) => Date;
}

/** The ids given to a product's rows, for rows that refer to them (the demo's orders). */
export interface AddedProductIds {
  productId: string;
  /** Variant id per SKU. */
  variantIds: Map<string, string>;
}

export function addProduct(tables: CatalogTables, product: ProductRowInput, stock: StockContext): AddedProductIds {
  const productId = newId();
  const summary = productSummary(product);
  const nowIso = stock.now.toISOString();
  const openingIso = (stock.openingAt?.(product) ?? stock.now).toISOString();
  const variantIds = new Map<string, string>();
  const createdIso = product.createdAt.toISOString();
  for (const tag of product.tags) {
    if (tag.includes(TAG_SEPARATOR)) throw new Error(`Tag ${tag} contains the separator ${TAG_SEPARATOR}`);
  }
  tables.products.add({
    id: productId,
    slug: product.slug,
    title: product.title,
    description: product.description,
    brandId: product.brandId,
    categoryId: product.categoryId,
    status: product.status,
    featured: product.featured,
    tags: product.tags.join(TAG_SEPARATOR),
    audience: product.audience,
    seoTitle: product.seoTitle,
    seoDescription: product.seoDescription,
    priceMinCents: summary.priceMinCents,
    priceMaxCents: summary.priceMaxCents,
    currency: product.currency,
    ratingAverage: summary.ratingAverage,
    reviewCount: summary.reviewCount,
    publishedAt: product.publishedAt?.toISOString() ?? null,
    createdAt: createdIso,
    updatedAt: (product.publishedAt ?? product.createdAt).toISOString(),
  });

  const valueIds = new Map<string, string>();
  product.options.forEach((option, position) => {
    const optionId = newId();
    tables.options.add({ id: optionId, productId, name: option.name, position });
    option.values.forEach((value, valuePosition) => {
      const id = newId();
      valueIds.set(`${option.name}\u0000${value}`, id);
      tables.optionValues.add({ id, optionId, value, position: valuePosition });
    });
  });

  product.images.forEach((image, position) => {
    const optionValueId = image.optionColour ? valueIds.get(`Colour\u0000${image.optionColour}`) : undefined;
    if (image.optionColour && !optionValueId) throw new Error(`${product.slug}: no Colour ${image.optionColour}`);
    tables.images.add({
      id: newId(),
      productId,
      url: image.url,
      alt: image.alt,
      width: ART_WIDTH,
      height: ART_HEIGHT,
      position,
      optionValueId: optionValueId ?? null,
    });
  });

  for (const variant of product.variants) {
    const variantId = newId();
    variantIds.set(variant.sku, variantId);
    tables.variants.add({
      id: variantId,
      productId,
      sku: variant.sku,
      title: variant.title,
      priceCents: variant.priceCents,
      compareAtPriceCents: variant.compareAtPriceCents,
      currency: product.currency,
      weightGrams: variant.weightGrams,
      lowStockThreshold: variant.lowStockThreshold,
      position: variant.position,
      createdAt: createdIso,
      updatedAt: createdIso,
    });
    for (const [name, value] of Object.entries(variant.optionValues)) {
      const optionValueId = valueIds.get(`${name}\u0000${value}`);
      if (!optionValueId) throw new Error(`${variant.sku}: no option value ${name}=${value}`);
      tables.variantOptionValues.add({ variantId, optionValueId });
    }
    for (const code of LOCATION_CODES) {
      const locationId = stock.locationIds[code];
      const onHand = variant.stock[code];
      const opening = onHand + (stock.sold?.get(variant.sku)?.[code] ?? 0);
      tables.inventoryLevels.add({ id: newId(), variantId, locationId, onHand, reserved: 0, updatedAt: nowIso });
      if (opening > 0) {
        tables.adjustments.add({
          id: newId(),
          variantId,
          locationId,
          delta: opening,
          reason: "INITIAL",
          note: stock.note,
          orderId: null,
          createdAt: openingIso,
        });
      }
    }
  }

  for (const review of product.reviews) {
    tables.reviews.add({
      id: newId(),
      productId,
      authorName: review.authorName,
      rating: review.rating,
      title: review.title,
      body: review.body,
      verified: review.verified,
      createdAt: review.createdAt.toISOString(),
    });
  }
  return { productId, variantIds };
}

/** Parents before children: foreign keys are checked statement by statement. */
export async function insertCatalogTables(tx: Prisma.TransactionClient, tables: CatalogTables): Promise<void> {
  await insertInOrder(tx, [
    tables.products,
    tables.options,
    tables.optionValues,
    tables.images,
    tables.variants,
    tables.variantOptionValues,
    tables.inventoryLevels,
    tables.adjustments,
    tables.reviews,
  ]);
}
