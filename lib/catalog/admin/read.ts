// What the admin product pages show: one product with its grid, stock and images (any status), the
// choices of the form's selects, and the product as the form's flat values (the same names the form
// posts, so a fresh form and a failed submit are filled the same way).
import type { Db } from "@/lib/db";
import { getAvailability } from "@/lib/inventory/availability";
import { variantFieldsSelect, variantOptionValuesSelect } from "@/lib/catalog/selects";
import { formatMoneyInput } from "./money-input";
import type { ProductStatusValue } from "./schemas";

export interface AdminVariantView {
  id: string;
  sku: string;
  title: string;
  priceCents: number;
  compareAtPriceCents: number | null;
  weightGrams: number | null;
  lowStockThreshold: number;
  /** Option values in the product's option order. */
  options: string[];
  onHand: number;
  available: number;
  /** Ordered or reserved: the grid cannot remove it (see ./grid.ts). */
  inUse: boolean;
}

export interface AdminImageView {
  id: string;
  url: string;
  alt: string;
  width: number | null;
  height: number | null;
  position: number;
}

export interface AdminProductView {
  id: string;
  slug: string;
  title: string;
  description: string;
  brandId: string | null;
  categoryId: string;
  status: ProductStatusValue;
  featured: boolean;
  audience: string | null;
  tags: string[];
  seoTitle: string | null;
  seoDescription: string | null;
  currency: string;
  updatedAt: string;
  options: { id: string; name: string }[];
  variants: AdminVariantView[];
  images: AdminImageView[];
}

export async function getProductForEdit(db: Db, productId: string): Promise<AdminProductView | null> {
  const product = await db.product.findUnique({
    where: { id: productId },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      brandId: true,
      categoryId: true,
      status: true,
      featured: true,
      audience: true,
      tags: true,
      seoTitle: true,
      seoDescription: true,
      currency: true,
      updatedAt: true,
      options: { select: { id: true, name: true }, orderBy: [{ position: "asc" }, { name: "asc" }] },
      variants: {
        select: {
          ...variantFieldsSelect,
          optionValues: variantOptionValuesSelect,
          _count: { select: { orderLines: true, reservations: true } },
        },
        orderBy: [{ position: "asc" }, { sku: "asc" }],
      },
      images: {
        select: { id: true, url: true, alt: true, width: true, height: true, position: true },
        orderBy: [{ position: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!product) return null;
  const variantIds = product.variants.map((variant) => variant.id);
  const [available, levels] = await Promise.all([
    getAvailability(db, variantIds),
    db.inventoryLevel.groupBy({ by: ["variantId"], where: { variantId: { in: variantIds } }, _sum: { onHand: true } }),
  ]);
  const onHand = new Map(levels.map((level) => [level.variantId, level._sum.onHand ?? 0]));
  return {
    ...product,
    updatedAt: product.updatedAt.toISOString(),
    variants: product.variants.map((variant) => {
      const byOption = new Map(
        variant.optionValues.map(({ optionValue }) => [optionValue.optionId, optionValue.value]),
      );
      return {
        id: variant.id,
        sku: variant.sku,
        title: variant.title,
        priceCents: variant.priceCents,
        compareAtPriceCents: variant.compareAtPriceCents,
        weightGrams: variant.weightGrams,
        lowStockThreshold: variant.lowStockThreshold,
        options: product.options.map((option) => byOption.get(option.id) ?? ""),
        onHand: onHand.get(variant.id) ?? 0,
        available: available[variant.id] ?? 0,
        inUse: variant._count.orderLines > 0 || variant._count.reservations > 0,
      };
    }),
  };
}

/** The product as the form's flat input values. */
export function productToFormValues(product: AdminProductView): Record<string, string> {
  const values: Record<string, string> = {
    updatedAt: product.updatedAt,
    title: product.title,
    slug: product.slug,
    description: product.description,
    brandId: product.brandId ?? "",
    categoryId: product.categoryId,
    status: product.status,
    audience: product.audience ?? "",
    tags: product.tags.join(", "),
    seoTitle: product.seoTitle ?? "",
    seoDescription: product.seoDescription ?? "",
  };
  if (product.featured) values.featured = "on";
  product.options.forEach((option, index) => {
    values[`options.${index}.id`] = option.id;
    values[`options.${index}.name`] = option.name;
  });
  product.variants.forEach((variant, index) => {
    const row = `variants.${index}`;
    values[`${row}.id`] = variant.id;
    values[`${row}.sku`] = variant.sku;
    values[`${row}.price`] = formatMoneyInput(variant.priceCents, product.currency);
    values[`${row}.compareAtPrice`] = formatMoneyInput(variant.compareAtPriceCents, product.currency);
    values[`${row}.weightGrams`] = variant.weightGrams == null ? "" : String(variant.weightGrams);
    values[`${row}.lowStockThreshold`] = String(variant.lowStockThreshold);
    variant.options.forEach((value, optionIndex) => {
      values[`${row}.options.${optionIndex}`] = value;
    });
  });
  return values;
}

export interface CategoryChoice {
  id: string;
  /** "Apparel › T-shirts": the path, so two "Accessories" under different parents are told apart. */
  label: string;
}

export interface ProductFormChoices {
  categories: CategoryChoice[];
  brands: { id: string; name: string }[];
  locations: { id: string; name: string; code: string }[];
}

export async function getProductFormChoices(db: Db): Promise<ProductFormChoices> {
  const [categories, brands, locations] = await Promise.all([
    db.category.findMany({
      select: { id: true, name: true, parentId: true, position: true },
      orderBy: [{ position: "asc" }, { name: "asc" }],
    }),
    db.brand.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.location.findMany({
      where: { active: true },
      select: { id: true, name: true, code: true },
      orderBy: [{ priority: "asc" }, { code: "asc" }],
    }),
  ]);
  const byId = new Map(categories.map((category) => [category.id, category]));
  const pathOf = (id: string): string[] => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (
      let current = byId.get(id);
      current && !seen.has(current.id);
      current = current.parentId ? byId.get(current.parentId) : undefined
    ) {
      seen.add(current.id);
      names.unshift(current.name);
    }
    return names;
  };
  return {
    categories: categories
      .map((category) => ({ id: category.id, label: pathOf(category.id).join(" › ") }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    brands,
    locations,
  };
}
