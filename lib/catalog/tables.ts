// The column layouts of the catalog tables that both the products CSV import and the seeds insert in bulk
// (lib/db/bulk-insert.ts), defined once so a new column reaches both writers.
import { ColumnBuffer, type ColumnType } from "@/lib/db/bulk-insert";

const PRODUCT_COLUMNS = {
  id: "text",
  slug: "text",
  title: "text",
  description: "text",
  brandId: "text",
  categoryId: "text",
  status: "ProductStatus",
  currency: "text",
  publishedAt: "timestamp",
  createdAt: "timestamp",
  updatedAt: "timestamp",
} as const satisfies Record<string, ColumnType>;

/**
 * A product's own columns, and `more` of them: the seed also writes the merchandising fields and the
 * denormalised prices and rating it computes up front (the import leaves those to their defaults).
 */
export const productRows = <More extends string = never>(more?: Readonly<Record<More, ColumnType>>) =>
  new ColumnBuffer<keyof typeof PRODUCT_COLUMNS | More>("Product", { ...PRODUCT_COLUMNS, ...more } as Readonly<
    Record<keyof typeof PRODUCT_COLUMNS | More, ColumnType>
  >);

export const optionRows = () =>
  new ColumnBuffer("ProductOption", { id: "text", productId: "text", name: "text", position: "int" });

export const optionValueRows = () =>
  new ColumnBuffer("ProductOptionValue", { id: "text", optionId: "text", value: "text", position: "int" });

export const variantRows = () =>
  new ColumnBuffer("Variant", {
    id: "text",
    productId: "text",
    sku: "text",
    title: "text",
    priceCents: "int",
    compareAtPriceCents: "int",
    currency: "text",
    weightGrams: "int",
    lowStockThreshold: "int",
    position: "int",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  });

export const variantOptionValueRows = () =>
  new ColumnBuffer("VariantOptionValue", { variantId: "text", optionValueId: "text" });
