// Import, step 1 of 3 (no database): each row validated with zod on its own, then the checks across rows
// (duplicate SKUs, a product's columns differing between its rows, duplicate option combinations).
// Every problem is collected, each with the row number as a spreadsheet shows it (the header is row 1)
// and the column name, so a seller can fix the whole file in one pass.
import { z } from "zod";
import { unguardFormula } from "@/lib/csv/write";
import {
  DEFAULT_LOW_STOCK_THRESHOLD,
  MAX_VARIANTS,
  MAX_WEIGHT_GRAMS,
  skuSchema,
  storeCurrency,
} from "@/lib/catalog/admin/schemas";
import { compareAtError, parseMoneyInput } from "@/lib/catalog/admin/money-input";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "@/lib/catalog/admin/slug";
import { MAX_ON_HAND } from "@/lib/inventory/schemas";
import {
  MAX_OPTIONS,
  optionNameColumn,
  optionValueColumn,
  stockColumn,
  type FixedColumn,
  type HeaderLayout,
} from "./columns";

export interface RowError {
  /** Row number in the file: the header is row 1, the first product row is row 2. */
  row: number;
  /** The column's header name, or "" for a problem with the whole row or file. */
  column: string;
  message: string;
}

export const MAX_LOW_STOCK_THRESHOLD = 100_000;
export const PRODUCT_STATUSES = ["DRAFT", "ACTIVE", "ARCHIVED"] as const;
export type ImportStatus = (typeof PRODUCT_STATUSES)[number];

export interface ParsedRow {
  row: number;
  handle: string;
  title: string;
  /** undefined: the column is not in the file (keep what the product has). */
  description: string | undefined;
  status: ImportStatus | undefined;
  /** Brand slug; null: no brand; undefined: the column is absent. */
  brand: string | null | undefined;
  category: string;
  currency: string;
  /** Option names in order (0 to 3), and this variant's value for each. */
  optionNames: string[];
  optionValues: string[];
  /** Whether the file has option columns at all (without them, a product's options are left alone). */
  hasOptionColumns: boolean;
  sku: string;
  priceCents: number;
  compareAtPriceCents: number | null | undefined;
  weightGrams: number | null | undefined;
  lowStockThreshold: number | undefined;
  /** On-hand units per location code, for the non-empty stock cells only. */
  stock: Map<string, number>;
}

const wholeNumber = (label: string, max: number) =>
  z
    .string()
    .trim()
    .refine((value) => value === "" || /^-?\d+(\.\d+)?$/.test(value), `${label} must be a whole number, like 12.`)
    .refine((value) => !value.startsWith("-"), `${label} can't be negative.`)
    .refine((value) => value === "" || /^\d+$/.test(value), `${label} must be a whole number (no decimals).`)
    .refine((value) => value === "" || Number(value) <= max, `${label} can be at most ${max.toLocaleString("en-US")}.`)
    .transform((value) => (value === "" ? null : Number(value)));

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max.toLocaleString("en-US")} characters.`);

const rowSchema = z
  .object({
    handle: text("The handle", MAX_SLUG_LENGTH)
      .min(1, "Enter the product's handle (its URL name, like ridge-tee).")
      .regex(SLUG_PATTERN, "A handle is lower-case letters, digits and single hyphens, like ridge-tee."),
    title: text("The title", 200).min(1, "Enter a title."),
    description: text("The description", 20_000).optional(),
    status: z
      .string()
      .trim()
      .toUpperCase()
      .pipe(z.enum(PRODUCT_STATUSES, { message: "Status must be DRAFT, ACTIVE or ARCHIVED." }))
      .optional(),
    brand: text("The brand", 120)
      .toLowerCase()
      .optional()
      .transform((value) => (value === undefined ? undefined : value === "" ? null : value)),
    category: text("The category", 120).min(1, "Enter the category's slug (like t-shirts).").toLowerCase(),
    option1_name: text("An option name", 40).optional(),
    option1_value: text("An option value", 60).optional(),
    option2_name: text("An option name", 40).optional(),
    option2_value: text("An option value", 60).optional(),
    option3_name: text("An option name", 40).optional(),
    option3_value: text("An option value", 60).optional(),
    sku: skuSchema,
    price: z.string(),
    compare_at_price: z.string().optional(),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(
        (value) => value === "" || /^[A-Z]{3}$/.test(value),
        "Currency must be a 3-letter ISO 4217 code, like USD.",
      )
      .optional(),
    weight_grams: wholeNumber("Weight (grams)", MAX_WEIGHT_GRAMS).optional(),
    low_stock_threshold: wholeNumber("The low-stock threshold", MAX_LOW_STOCK_THRESHOLD).optional(),
    stock: z.record(z.string(), wholeNumber("Stock", MAX_ON_HAND)),
  })
  .superRefine((row, ctx) => {
    const currency = row.currency || storeCurrency();
    const price = parseMoneyInput(row.price, currency);
    if (!price.ok) ctx.addIssue({ code: "custom", path: ["price"], message: price.message });
    if (row.compare_at_price?.trim()) {
      const compareAt = parseMoneyInput(row.compare_at_price, currency);
      if (!compareAt.ok) ctx.addIssue({ code: "custom", path: ["compare_at_price"], message: compareAt.message });
      else {
        const problem = price.ok ? compareAtError(price.minor, compareAt.minor) : null;
        if (problem) ctx.addIssue({ code: "custom", path: ["compare_at_price"], message: problem });
      }
    }
    for (let option = 0; option < MAX_OPTIONS; option++) {
      const name = row[optionNameColumn(option) as "option1_name"];
      const value = row[optionValueColumn(option) as "option1_value"];
      if (name && !value)
        ctx.addIssue({
          code: "custom",
          path: [optionValueColumn(option)],
          message: `Enter a value for the option "${name}".`,
        });
      if (value && !name)
        ctx.addIssue({
          code: "custom",
          path: [optionNameColumn(option)],
          message: `Name the option this value belongs to (like Size).`,
        });
      if (option > 0 && (name || value) && !row[optionNameColumn(option - 1) as "option1_name"]) {
        ctx.addIssue({
          code: "custom",
          path: [optionNameColumn(option)],
          message: `Fill ${optionNameColumn(option - 1)} before ${optionNameColumn(option)}.`,
        });
      }
    }
  });

type RawRow = z.input<typeof rowSchema>;

/** The columns of numbers and the currency code; every other column is text, which the export guards. */
const NON_TEXT_COLUMNS: readonly FixedColumn[] = [
  "price",
  "compare_at_price",
  "currency",
  "weight_grams",
  "low_stock_threshold",
];

/** A record's cells by column name; absent columns stay undefined. Text cells lose the export's formula guard. */
function rawRow(cells: readonly string[], layout: HeaderLayout): RawRow {
  const raw: Record<string, unknown> = {};
  for (const [column, index] of Object.entries(layout.fixed) as [FixedColumn, number][]) {
    const cell = cells[index] ?? "";
    raw[column] = NON_TEXT_COLUMNS.includes(column) ? cell : unguardFormula(cell);
  }
  const stock: Record<string, string> = {};
  for (const [code, index] of layout.stock) stock[code] = cells[index] ?? "";
  raw.stock = stock;
  return raw as RawRow;
}

function columnOf(path: readonly PropertyKey[]): string {
  const [first, second] = path;
  if (first === "stock" && typeof second === "string") return stockColumn(second);
  return typeof first === "string" ? first : "";
}

function toParsed(row: number, data: z.output<typeof rowSchema>, layout: HeaderLayout): ParsedRow {
  const currency = data.currency || storeCurrency();
  const price = parseMoneyInput(data.price, currency);
  const compareText = data.compare_at_price;
  const compareAt =
    compareText === undefined ? undefined : compareText.trim() === "" ? null : parseMoneyInput(compareText, currency);
  const optionNames: string[] = [];
  const optionValues: string[] = [];
  for (let option = 0; option < MAX_OPTIONS; option++) {
    const name = data[optionNameColumn(option) as "option1_name"];
    const value = data[optionValueColumn(option) as "option1_value"];
    if (!name || !value) break;
    optionNames.push(name);
    optionValues.push(value);
  }
  const stock = new Map<string, number>();
  for (const [code, units] of Object.entries(data.stock)) if (units !== null) stock.set(code, units);
  return {
    row,
    handle: data.handle,
    title: data.title,
    description: data.description,
    status: data.status,
    brand: data.brand,
    category: data.category,
    currency,
    optionNames,
    optionValues,
    hasOptionColumns: layout.fixed.option1_name !== undefined,
    sku: data.sku,
    priceCents: price.ok ? price.minor : 0,
    compareAtPriceCents:
      compareAt === undefined || compareAt === null ? compareAt : compareAt.ok ? compareAt.minor : null,
    weightGrams: data.weight_grams === undefined ? undefined : data.weight_grams,
    lowStockThreshold:
      data.low_stock_threshold === undefined ? undefined : (data.low_stock_threshold ?? DEFAULT_LOW_STOCK_THRESHOLD),
    stock,
  };
}

/** Validates every data record (index 0 is the header). Blank lines are skipped but keep their numbers. */
export function parseRows(
  records: readonly (readonly string[])[],
  layout: HeaderLayout,
): { rows: ParsedRow[]; errors: RowError[] } {
  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  const width = layout.names.length;
  for (let index = 1; index < records.length; index++) {
    const cells = records[index]!;
    const row = index + 1;
    if (cells.every((cell) => cell.trim() === "")) continue;
    if (cells.length !== width) {
      errors.push({
        row,
        column: "",
        message: `This row has ${cells.length} cell${cells.length === 1 ? "" : "s"} but the header has ${width}; check for an unquoted comma or a missing cell.`,
      });
      continue;
    }
    const parsed = rowSchema.safeParse(rawRow(cells, layout));
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const column = columnOf(issue.path);
        if (seen.has(column)) continue;
        seen.add(column);
        errors.push({ row, column, message: issue.message });
      }
      continue;
    }
    rows.push(toParsed(row, parsed.data, layout));
  }
  return { rows, errors };
}

export interface ProductGroup {
  handle: string;
  /** The product's first row: where its product-level columns are read from. */
  first: ParsedRow;
  variants: ParsedRow[];
}

const optionKey = (values: readonly string[]) => JSON.stringify(values.map((value) => value.toLowerCase()));

function describeCombination(row: ParsedRow): string {
  return row.optionNames.length === 0
    ? "a variant without options"
    : row.optionNames.map((name, i) => `${name}: ${row.optionValues[i]}`).join(", ");
}

/**
 * Groups rows by handle (rows of one product need not be adjacent) and checks what spans rows. Messages
 * go on the later row and name the earlier one.
 */
export function groupRows(rows: readonly ParsedRow[]): { groups: ProductGroup[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const groups = new Map<string, ProductGroup>();
  const skus = new Map<string, number>();
  const combinations = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const firstSku = skus.get(row.sku);
    if (firstSku !== undefined) {
      errors.push({
        row: row.row,
        column: "sku",
        message: `The SKU ${row.sku} is already on row ${firstSku}; every variant needs its own SKU.`,
      });
      continue;
    }
    skus.set(row.sku, row.row);

    const group = groups.get(row.handle);
    if (!group) {
      groups.set(row.handle, { handle: row.handle, first: row, variants: [row] });
      combinations.set(row.handle, new Map([[optionKey(row.optionValues), row.row]]));
      continue;
    }
    const first = group.first;
    const differs = (column: string, a: unknown, b: unknown) => {
      if (a === b) return false;
      errors.push({
        row: row.row,
        column,
        message: `Differs from row ${first.row}, the first row of "${row.handle}": a product's ${column} must be the same on all its rows.`,
      });
      return true;
    };
    let consistent = true;
    consistent = !differs("title", row.title, first.title) && consistent;
    consistent = !differs("description", row.description, first.description) && consistent;
    consistent = !differs("status", row.status, first.status) && consistent;
    consistent = !differs("brand", row.brand, first.brand) && consistent;
    consistent = !differs("category", row.category, first.category) && consistent;
    consistent = !differs("currency", row.currency, first.currency) && consistent;
    const names = (r: ParsedRow) => r.optionNames.map((name) => name.toLowerCase()).join("\u0000");
    if (names(row) !== names(first)) {
      consistent = false;
      errors.push({
        row: row.row,
        column: optionNameColumn(Math.min(row.optionNames.length, first.optionNames.length, MAX_OPTIONS - 1)),
        message: `The option names differ from row ${first.row} (${first.optionNames.join(", ") || "none"}); every variant of "${row.handle}" needs the same options.`,
      });
    }
    if (!consistent) continue;
    const seen = combinations.get(row.handle)!;
    const key = optionKey(row.optionValues);
    const clash = seen.get(key);
    if (clash !== undefined) {
      errors.push({
        row: row.row,
        column: row.optionNames.length > 0 ? "option1_value" : "option1_name",
        message:
          row.optionNames.length > 0
            ? `Row ${clash} is already ${describeCombination(row)} for "${row.handle}": each variant needs its own combination.`
            : `Row ${clash} is already the only variant of "${row.handle}": add an option (like Size) to sell more than one variant.`,
      });
      continue;
    }
    if (group.variants.length >= MAX_VARIANTS) {
      errors.push({
        row: row.row,
        column: "sku",
        message: `"${row.handle}" has more than ${MAX_VARIANTS} variants; that is the most a product can have.`,
      });
      continue;
    }
    seen.set(key, row.row);
    group.variants.push(row);
  }
  return { groups: [...groups.values()], errors };
}
