// Import, step 2 of 3, first half: everything the file refers to, read in a handful of batched queries
// (categories, brands, locations, products by handle, variants by SKU, stock levels), for ./plan.ts to
// check the rows against.
import type { Db } from "@/lib/db";
import { optionsWithValuesSelect, variantFieldsSelect } from "@/lib/catalog/selects";
import type { ImportStatus, ProductGroup } from "./rows";

/** A product as the import writes it (the Product table's columns the file can set). */
export interface ProductRow {
  id: string;
  slug: string;
  title: string;
  description: string;
  status: ImportStatus;
  brandId: string | null;
  categoryId: string;
  currency: string;
}

/** A variant as the import writes it. */
export interface VariantRow {
  id: string;
  productId: string;
  sku: string;
  title: string;
  priceCents: number;
  compareAtPriceCents: number | null;
  currency: string;
  weightGrams: number | null;
  lowStockThreshold: number;
  position: number;
}

export interface ExistingVariant extends VariantRow {
  optionValueIds: string[];
}

export interface ExistingProduct extends Omit<ProductRow, "currency"> {
  options: { id: string; name: string; position: number; values: { id: string; value: string; position: number }[] }[];
  variants: ExistingVariant[];
}

export interface ImportContext {
  categories: Map<string, string>;
  brands: Map<string, string>;
  locations: Map<string, string>;
  products: Map<string, ExistingProduct>;
  /** Upper-cased SKU -> the variants with it (more than one only if SKUs differ by case alone). */
  variantsBySku: Map<string, { id: string; productId: string; slug: string; sku: string }[]>;
  /** `${variantId}:${locationId}` -> level. */
  levels: Map<string, { id: string; onHand: number; reserved: number }>;
}

export async function loadImportContext(
  db: Db,
  groups: readonly ProductGroup[],
  locationCodes: readonly string[],
  now: Date,
): Promise<ImportContext> {
  const rows = groups.flatMap((group) => group.variants);
  const categorySlugs = [...new Set(rows.map((row) => row.category))];
  const brandSlugs = [
    ...new Set(rows.map((row) => row.brand).filter((brand): brand is string => typeof brand === "string")),
  ];
  const handles = groups.map((group) => group.handle);
  const skus = rows.map((row) => row.sku);

  const [categories, brands, locations, products, variants] = await Promise.all([
    db.category.findMany({ where: { slug: { in: categorySlugs } }, select: { id: true, slug: true } }),
    db.brand.findMany({ where: { slug: { in: brandSlugs } }, select: { id: true, slug: true } }),
    db.location.findMany({ where: { code: { in: [...locationCodes] } }, select: { id: true, code: true } }),
    db.product.findMany({
      where: { slug: { in: handles } },
      select: {
        id: true,
        slug: true,
        title: true,
        description: true,
        status: true,
        brandId: true,
        categoryId: true,
        options: optionsWithValuesSelect,
        variants: {
          orderBy: [{ position: "asc" }, { id: "asc" }],
          select: { ...variantFieldsSelect, productId: true, optionValues: { select: { optionValueId: true } } },
        },
      },
    }),
    // SKUs are compared case-insensitively; no index serves upper(sku), so this is one scan per import.
    skus.length === 0
      ? Promise.resolve([])
      : db.$queryRaw<{ id: string; productId: string; slug: string; sku: string }[]>`
          SELECT v.id, v."productId", p.slug, v.sku FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
          WHERE upper(v.sku) = ANY(${skus}::text[])`,
  ]);

  const variantsBySku = new Map<string, { id: string; productId: string; slug: string; sku: string }[]>();
  for (const variant of variants) {
    const key = variant.sku.toUpperCase();
    variantsBySku.set(key, [...(variantsBySku.get(key) ?? []), variant]);
  }
  const stockedVariantIds = variants.map((variant) => variant.id);
  // Reserved as the storefront counts it: reservations already expired are about to be released.
  const levels =
    stockedVariantIds.length === 0 || locations.length === 0
      ? []
      : await db.$queryRaw<{ id: string; variantId: string; locationId: string; onHand: number; reserved: number }[]>`
          SELECT l.id, l."variantId", l."locationId", l."onHand",
                 (l.reserved - COALESCE((
                   SELECT sum(r.quantity) FROM "Reservation" r
                   WHERE r."variantId" = l."variantId" AND r."locationId" = l."locationId"
                     AND r.status = 'ACTIVE' AND r."expiresAt" <= ${now}::timestamp
                 ), 0))::int AS reserved
          FROM "InventoryLevel" l
          WHERE l."variantId" = ANY(${stockedVariantIds}::text[]) AND l."locationId" = ANY(${locations.map((location) => location.id)}::text[])`;

  return {
    categories: new Map(categories.map((category) => [category.slug, category.id])),
    brands: new Map(brands.map((brand) => [brand.slug, brand.id])),
    locations: new Map(locations.map((location) => [location.code, location.id])),
    products: new Map(
      products.map((product) => [
        product.slug,
        {
          ...product,
          status: product.status,
          variants: product.variants.map(({ optionValues, ...variant }) => ({
            ...variant,
            optionValueIds: optionValues.map((link) => link.optionValueId),
          })),
        },
      ]),
    ),
    variantsBySku,
    levels: new Map(levels.map((level) => [`${level.variantId}:${level.locationId}`, level])),
  };
}

/** A hint for a message about an unknown brand or category: a few that exist. */
export async function suggestions(db: Db, kind: "brand" | "category"): Promise<string> {
  const rows =
    kind === "brand"
      ? await db.brand.findMany({ select: { slug: true }, orderBy: { slug: "asc" }, take: 8 })
      : await db.category.findMany({ select: { slug: true }, orderBy: { slug: "asc" }, take: 8 });
  return rows.length === 0
    ? ""
    : ` Known ${kind === "brand" ? "brands" : "categories"} include: ${rows.map((row) => row.slug).join(", ")}.`;
}
