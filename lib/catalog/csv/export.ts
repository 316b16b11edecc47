// Products as CSV, one row per variant, in the format ./columns.ts describes and ./import.ts reads back:
// importing an export unchanged is a no-op. Products are read in batches of `batchSize` in handle order
// (keyset pagination on the unique slug), so the whole catalog never sits in memory.
// Products without any variant have nothing to sell and no SKU to key a row on: they are not exported.
// Stock cells hold on-hand units (reserved units included); empty when the variant has no stock row at
// that location.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toCsv, toCsvLine, type CsvCell } from "@/lib/csv/write";
import { toDecimalString } from "@/lib/money";
import { variantFieldsSelect, variantOptionValuesSelect } from "@/lib/catalog/selects";
import { exportHeader, MAX_OPTIONS } from "./columns";

export interface ProductsExportOptions {
  status?: "DRAFT" | "ACTIVE" | "ARCHIVED";
  batchSize?: number;
}

const exportSelect = {
  slug: true,
  title: true,
  description: true,
  status: true,
  brand: { select: { slug: true } },
  category: { select: { slug: true } },
  options: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, name: true } },
  variants: {
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      ...variantFieldsSelect,
      optionValues: variantOptionValuesSelect,
      inventory: { select: { locationId: true, onHand: true } },
    },
  },
} satisfies Prisma.ProductSelect;

type ExportedProduct = Prisma.ProductGetPayload<{ select: typeof exportSelect }>;

export interface StockLocation {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

/** Every location, in the order of the export's stock:<code> columns (inactive ones too: they may hold stock). */
export function listStockLocations(db: Db): Promise<StockLocation[]> {
  return db.location.findMany({
    orderBy: [{ priority: "asc" }, { code: "asc" }],
    select: { id: true, code: true, name: true, active: true },
  });
}

export async function* exportProductsCsv(db: Db, options: ProductsExportOptions = {}): AsyncGenerator<string> {
  const batchSize = Math.min(Math.max(1, options.batchSize ?? 200), 1_000);
  const locations = await listStockLocations(db);
  yield toCsvLine(exportHeader(locations.map((location) => location.code)));
  let after: string | null = null;
  for (;;) {
    const products: ExportedProduct[] = await db.product.findMany({
      where: {
        ...(options.status ? { status: options.status } : {}),
        ...(after !== null ? { slug: { gt: after } } : {}),
      },
      orderBy: { slug: "asc" },
      take: batchSize,
      select: exportSelect,
    });
    if (products.length === 0) return;
    const records: CsvCell[][] = [];
    for (const product of products) {
      const optionSlots = product.options.slice(0, MAX_OPTIONS);
      for (const variant of product.variants) {
        const valueOf = new Map(
          variant.optionValues.map((link) => [link.optionValue.optionId, link.optionValue.value]),
        );
        const optionCells: CsvCell[] = [];
        for (let slot = 0; slot < MAX_OPTIONS; slot++) {
          const option = optionSlots[slot];
          optionCells.push(option ? option.name : "", option ? (valueOf.get(option.id) ?? "") : "");
        }
        const stockAt = new Map(variant.inventory.map((level) => [level.locationId, level.onHand]));
        records.push([
          product.slug,
          product.title,
          product.description,
          product.status,
          product.brand?.slug ?? "",
          product.category.slug,
          ...optionCells,
          variant.sku,
          toDecimalString(variant.priceCents, variant.currency),
          variant.compareAtPriceCents === null ? "" : toDecimalString(variant.compareAtPriceCents, variant.currency),
          variant.currency,
          variant.weightGrams,
          variant.lowStockThreshold,
          ...locations.map((location) => stockAt.get(location.id)),
        ]);
      }
    }
    yield toCsv(records);
    after = products[products.length - 1]!.slug;
    if (products.length < batchSize) return;
  }
}

export function productsExportFileName(now: Date = new Date()): string {
  return `products-${now.toISOString().slice(0, 10)}.csv`;
}
