// Input of the admin product form, validated field by field. Issue paths are the form's input names
// ("variants.2.sku"), so the grid can put each message next to its cell. Checks that span rows (duplicate
// SKUs, duplicate option combinations, compare-at above price) run on the raw rows too, so a seller sees
// every problem of a submit at once, not one round trip per problem. Checks that need the database
// (a SKU or slug used by another product) live in ./write.ts and report the same way.
import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { fieldErrorsOf } from "@/lib/actions/form";
import { ProductStatus } from "@/lib/generated/prisma/enums";
import { unflattenForm } from "./form-data";
import { storeCurrency } from "@/lib/money";
import { compareAtError, parseMoneyInput } from "./money-input";
import { MAX_SLUG_LENGTH, toSlug } from "./slug";

import {
  DEFAULT_LOW_STOCK_THRESHOLD,
  MAX_OPTIONS,
  MAX_STOCK,
  MAX_TAGS,
  MAX_VARIANTS,
  MAX_WEIGHT_GRAMS,
} from "./limits";

export { DEFAULT_LOW_STOCK_THRESHOLD, MAX_OPTIONS, MAX_STOCK, MAX_TAGS, MAX_VARIANTS, MAX_WEIGHT_GRAMS };
export const PRODUCT_STATUSES = [ProductStatus.DRAFT, ProductStatus.ACTIVE, ProductStatus.ARCHIVED] as const;
export const PRODUCT_AUDIENCES = ["MEN", "WOMEN", "UNISEX", "KIDS"] as const;
export type ProductStatusValue = (typeof PRODUCT_STATUSES)[number];

export { storeCurrency };

/** An id field that may be blank ("" from an empty select or a new row's hidden input): null then. */
const optionalId = (message = "Invalid id.") =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(idSchema({ invalid: message }).optional())
    .transform((value) => value ?? null);

const text = (max: number, label: string) => z.string().trim().max(max, `${label} can be at most ${max} characters.`);

/** Blank -> null, otherwise trimmed text of at most `max` characters. */
const optionalText = (max: number, label: string) =>
  text(max, label)
    .optional()
    .transform((value) => (value ? value : null));

/** A whole number typed into a cell; blank gives `blank`. */
const wholeNumber = <Blank extends number | null>(label: string, max: number, blank: Blank) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): number | Blank => {
      if (!value) return blank;
      if (!/^\d{1,9}$/.test(value)) {
        ctx.addIssue({ code: "custom", message: `${label} must be a whole number, 0 or more.` });
        return z.NEVER;
      }
      const number = Number(value);
      if (number > max) {
        ctx.addIssue({ code: "custom", message: `${label} can be at most ${max.toLocaleString("en-US")}.` });
        return z.NEVER;
      }
      return number;
    });

const money = (currency: string) =>
  z.string({ message: "Enter a price." }).transform((value, ctx) => {
    const parsed = parseMoneyInput(value, currency);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.minor;
  });

const optionalMoney = (currency: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value?.trim()) return null;
      const parsed = parseMoneyInput(value, currency);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      return parsed.minor;
    });

/** Upper-cased so "tee-m" and "TEE-M" are the same SKU for people and for the unique index alike. */
export const skuSchema = z
  .string({ message: "Enter a SKU." })
  .trim()
  .min(1, "Enter a SKU.")
  .max(64, "A SKU can be at most 64 characters.")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "Use letters, digits, dots, slashes and hyphens only.")
  .transform((value) => value.toUpperCase());

const optionSchema = z.object({
  id: optionalId(),
  name: z
    .string({ message: "Name the option (for example Size)." })
    .trim()
    .min(1, "Name the option (for example Size).")
    .max(40, "An option name can be at most 40 characters."),
});

const variantSchema = (currency: string) =>
  z
    .object({
      id: optionalId(),
      sku: skuSchema,
      price: money(currency),
      compareAtPrice: optionalMoney(currency),
      weightGrams: wholeNumber("Weight", MAX_WEIGHT_GRAMS, null),
      lowStockThreshold: wholeNumber("The low-stock threshold", 100_000, DEFAULT_LOW_STOCK_THRESHOLD),
      stock: wholeNumber("Stock", MAX_STOCK, 0),
      options: z
        .array(z.string().trim().max(60, "An option value can be at most 60 characters."))
        .max(MAX_OPTIONS)
        .default([]),
    })
    .transform(({ price, compareAtPrice, stock, ...rest }) => ({
      ...rest,
      priceCents: price,
      compareAtPriceCents: compareAtPrice,
      initialStock: stock,
    }));

const tagsSchema = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const tags = [
      ...new Set(
        (value ?? "")
          .split(",")
          .map((tag) => tag.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    if (tags.length > MAX_TAGS) ctx.addIssue({ code: "custom", message: `At most ${MAX_TAGS} tags.` });
    if (tags.some((tag) => tag.length > 40))
      ctx.addIssue({ code: "custom", message: "A tag can be at most 40 characters." });
    return tags;
  });

const slugSchema = z
  .string()
  .max(MAX_SLUG_LENGTH * 2, `The URL name can be at most ${MAX_SLUG_LENGTH} characters.`)
  .optional()
  .transform((value, ctx) => {
    if (!value?.trim()) return null;
    const slug = toSlug(value);
    if (!slug) {
      ctx.addIssue({ code: "custom", message: "Use letters and digits in the URL name." });
      return z.NEVER;
    }
    return slug;
  });

export function productInputSchema(currency: string = storeCurrency()) {
  return z.object({
    /** The product's updatedAt when the form was rendered: a save over someone else's newer save is refused. */
    updatedAt: z
      .string()
      .trim()
      .max(40)
      .optional()
      .transform((value) => (value ? value : null)),
    title: z
      .string({ message: "Enter a title." })
      .trim()
      .min(1, "Enter a title.")
      .max(200, "The title can be at most 200 characters."),
    slug: slugSchema,
    description: z
      .string()
      .max(20_000, "The description can be at most 20,000 characters.")
      .optional()
      .transform((value) => value?.trim() ?? ""),
    brandId: optionalId("Choose a brand from the list."),
    categoryId: idSchema({ missing: "Choose a category.", invalid: "Choose a category from the list." }),
    /** Absent on the edit form (status has its own control there): null keeps the current status; a
     *  new product without one is a draft. */
    status: z
      .enum(PRODUCT_STATUSES, { message: "Choose draft, active or archived." })
      .optional()
      .transform((value) => value ?? null),
    featured: z
      .string()
      .optional()
      .transform((value) => value === "on" || value === "true"),
    /** Who it is for (search turns "mens", "for her" into this); empty for no one in particular. */
    audience: z
      .enum(["", ...PRODUCT_AUDIENCES], { message: "Choose who the product is for." })
      .optional()
      .transform((value) => value || null),
    tags: tagsSchema,
    seoTitle: optionalText(120, "The SEO title"),
    seoDescription: optionalText(320, "The SEO description"),
    stockLocationId: optionalId("Choose a location from the list."),
    options: z.array(optionSchema).max(MAX_OPTIONS, `At most ${MAX_OPTIONS} options.`).default([]),
    variants: z
      .array(variantSchema(currency))
      .min(1, "Add at least one variant.")
      .max(MAX_VARIANTS, `At most ${MAX_VARIANTS} variants.`),
  });
}

export type ProductInput = z.output<ReturnType<typeof productInputSchema>> & { currency: string };
export type VariantInput = ProductInput["variants"][number];

export type FieldErrors = Record<string, string>;

type RawRow = Record<string, unknown>;

function rows(value: unknown): RawRow[] {
  return Array.isArray(value) ? value.map((row) => (row && typeof row === "object" ? (row as RawRow) : {})) : [];
}

function str(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

/** "M / Black": how a row's option values read in messages and as the variant's title. */
export function combinationLabel(values: readonly string[]): string {
  return values.join(" / ");
}

/**
 * Checks across rows, on the raw (unparsed) form so they report alongside per-cell errors. Messages go on
 * the later of two clashing rows, naming the earlier one ("row 2"), which is where a seller just typed.
 */
export function crossFieldErrors(raw: Record<string, unknown>, currency: string = storeCurrency()): FieldErrors {
  const errors: FieldErrors = {};
  const add = (path: string, message: string) => {
    errors[path] ??= message;
  };
  const options = rows(raw.options);
  const variants = rows(raw.variants);

  const optionNames = new Map<string, number>();
  options.forEach((option, index) => {
    const name = str(option.name).toLowerCase();
    if (!name) return;
    const first = optionNames.get(name);
    if (first === undefined) optionNames.set(name, index);
    else add(`options.${index}.name`, `Option ${first + 1} already has this name.`);
  });
  if (options.length === 0 && variants.length > 1) {
    add("options", "Add an option (for example Size) to sell more than one variant.");
  }

  const skus = new Map<string, number>();
  const combinations = new Map<string, number>();
  variants.forEach((variant, index) => {
    const sku = str(variant.sku).toUpperCase();
    if (sku) {
      const first = skus.get(sku);
      if (first === undefined) skus.set(sku, index);
      else add(`variants.${index}.sku`, `Row ${first + 1} already uses this SKU.`);
    }

    const values = Array.isArray(variant.options) ? variant.options.map(str) : [];
    let complete = true;
    options.forEach((option, optionIndex) => {
      if (!values[optionIndex]) {
        complete = false;
        add(`variants.${index}.options.${optionIndex}`, `Enter a ${str(option.name) || "value"} for this variant.`);
      }
    });
    if (complete && options.length > 0) {
      const key = JSON.stringify(values.slice(0, options.length).map((value) => value.toLowerCase()));
      const first = combinations.get(key);
      if (first === undefined) combinations.set(key, index);
      else
        add(
          `variants.${index}.options.0`,
          `Row ${first + 1} is already ${combinationLabel(values.slice(0, options.length))}.`,
        );
    }

    const price = parseMoneyInput(str(variant.price), currency);
    const compareAtText = str(variant.compareAtPrice);
    if (compareAtText && price.ok) {
      const compareAt = parseMoneyInput(compareAtText, currency);
      const problem = compareAt.ok ? compareAtError(price.minor, compareAt.minor) : null;
      if (problem) add(`variants.${index}.compareAtPrice`, problem);
    }
  });

  const stocked = variants.some((variant) => /^[1-9]\d*$/.test(str(variant.stock)));
  if (stocked && !str(raw.stockLocationId)) add("stockLocationId", "Choose where the initial stock is.");
  return errors;
}

export type ParseResult = { ok: true; data: ProductInput } | { ok: false; fieldErrors: FieldErrors };

/** The product form's flat values to a ProductInput, or every field error at once. */
export function parseProductForm(
  values: Readonly<Record<string, string>>,
  currency: string = storeCurrency(),
): ParseResult {
  const raw = unflattenForm(values);
  // A grid with no rows posts no "variants.*" names at all: that is an empty list, not a missing field.
  raw.options ??= [];
  raw.variants ??= [];
  const parsed = productInputSchema(currency).safeParse(raw);
  const fieldErrors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  for (const [path, message] of Object.entries(crossFieldErrors(raw, currency))) fieldErrors[path] ??= message;
  if (!parsed.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, data: { ...parsed.data, currency } };
}

// Smaller inputs of the other product actions.

export const productStatusInput = z.object({
  productId: idSchema(),
  status: z.enum(PRODUCT_STATUSES, { message: "Choose draft, active or archived." }),
});

export const imageAltInput = z.object({
  productId: idSchema(),
  imageId: idSchema(),
  alt: z.string().trim().max(300, "Alt text can be at most 300 characters.").default(""),
});

export const imageRefInput = z.object({ productId: idSchema(), imageId: idSchema() });

export const imageMoveInput = z.object({
  productId: idSchema(),
  imageId: idSchema(),
  direction: z.enum(["up", "down", "first"], { message: "Unknown move." }),
});
