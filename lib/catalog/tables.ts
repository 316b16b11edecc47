// The column layouts of the catalog tables that both the products CSV import and the seeds insert in bulk
// (lib/db/bulk-insert.ts), defined once so a new column reaches both writers.
import { ColumnBuffer } from "@/lib/db/bulk-insert";

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
