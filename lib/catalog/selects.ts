// The product and variant fields that several reads select, defined once: the product editor, the product
// page, the CSV export and the CSV import read a variant's own fields and its option values the same way,
// so a new variant column is added here and reaches all of them.
import type { Prisma } from "@/lib/generated/prisma/client";

/** A product's own fields, as the seller edits them (the product editor reads them and checks a save against them). */
export const productFieldsSelect = {
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
} satisfies Prisma.ProductSelect;

/** What the shopper's cart and wishlist show of a product: its link, title, whether it sells, its first picture. */
export const shopperProductSelect = {
  id: true,
  slug: true,
  title: true,
  status: true,
  images: { orderBy: { position: "asc" }, take: 1, select: { url: true, alt: true } },
} satisfies Prisma.ProductSelect;

/** A variant's own fields, as the seller edits them (product editor, CSV) and the product page shows them. */
export const variantFieldsSelect = {
  id: true,
  sku: true,
  title: true,
  priceCents: true,
  compareAtPriceCents: true,
  currency: true,
  weightGrams: true,
  lowStockThreshold: true,
  position: true,
} satisfies Prisma.VariantSelect;

export type VariantFields = Prisma.VariantGetPayload<{ select: typeof variantFieldsSelect }>;

/** A variant's option values, each with its option. */
export const variantOptionValuesSelect = {
  select: { optionValue: { select: { id: true, optionId: true, value: true } } },
} satisfies Prisma.Variant$optionValuesArgs;

/** A product's options with their values, each in position order. */
export const optionsWithValuesSelect = {
  orderBy: [{ position: "asc" }, { id: "asc" }],
  select: {
    id: true,
    name: true,
    position: true,
    values: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, value: true, position: true } },
  },
} satisfies Prisma.Product$optionsArgs;

export type OptionWithValues = Prisma.ProductOptionGetPayload<typeof optionsWithValuesSelect>;
