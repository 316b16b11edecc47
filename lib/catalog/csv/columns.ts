// The products CSV format, shared by export and import: one row per variant, the product's columns
// repeated on each of its rows, stock per location as one column per location code.
//
//   handle,title,description,status,brand,category,option1_name,option1_value,option2_name,option2_value,
//   option3_name,option3_value,sku,price,compare_at_price,currency,weight_grams,low_stock_threshold,
//   stock:WH-EAST,stock:WH-WEST
//
// Images, tags, SEO fields and "featured" are not in the file (edit them in the product editor).

export const MAX_OPTIONS = 3;

export const FIXED_COLUMNS = [
  "handle",
  "title",
  "description",
  "status",
  "brand",
  "category",
  "option1_name",
  "option1_value",
  "option2_name",
  "option2_value",
  "option3_name",
  "option3_value",
  "sku",
  "price",
  "compare_at_price",
  "currency",
  "weight_grams",
  "low_stock_threshold",
] as const;

export type FixedColumn = (typeof FIXED_COLUMNS)[number];

/** Without these the file cannot say which product and variant a row is, or what it costs. */
export const REQUIRED_COLUMNS: readonly FixedColumn[] = ["handle", "title", "category", "sku", "price"];

export const STOCK_PREFIX = "stock:";

export function stockColumn(locationCode: string): string {
  return `${STOCK_PREFIX}${locationCode}`;
}

export function optionNameColumn(index: number): FixedColumn {
  return `option${index + 1}_name` as FixedColumn;
}

export function optionValueColumn(index: number): FixedColumn {
  return `option${index + 1}_value` as FixedColumn;
}

export interface HeaderLayout {
  /** Column index of each fixed column present in the file. */
  fixed: Partial<Record<FixedColumn, number>>;
  /** Location code -> column index, in file order. */
  stock: Map<string, number>;
  /** The header names as written (trimmed), for error messages. */
  names: string[];
}

export interface HeaderProblem {
  column: string;
  message: string;
}

/**
 * Reads the header row. Column names are matched case-insensitively and trimmed ("SKU" is "sku"); the
 * location code after "stock:" keeps its case. Every problem is reported at once: missing required
 * columns, unknown columns, duplicates and unnamed columns, each with the list of what is expected.
 */
export function readHeader(header: readonly string[]): { layout: HeaderLayout; problems: HeaderProblem[] } {
  const layout: HeaderLayout = { fixed: {}, stock: new Map(), names: header.map((name) => name.trim()) };
  const problems: HeaderProblem[] = [];
  const seen = new Map<string, number>();
  const unknown: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim();
    const key = name.toLowerCase();
    if (name === "") {
      problems.push({ column: `column ${index + 1}`, message: `Column ${index + 1} has no name in the header row.` });
      return;
    }
    const normalized = key.startsWith(STOCK_PREFIX) ? `${STOCK_PREFIX}${name.slice(STOCK_PREFIX.length).trim()}` : key;
    const first = seen.get(normalized.toLowerCase());
    if (first !== undefined) {
      problems.push({
        column: name,
        message: `The column "${name}" appears twice (columns ${first + 1} and ${index + 1}).`,
      });
      return;
    }
    seen.set(normalized.toLowerCase(), index);
    if (key.startsWith(STOCK_PREFIX)) {
      const code = name.slice(STOCK_PREFIX.length).trim();
      if (!code)
        problems.push({ column: name, message: `"${name}" needs a location code after "stock:", like stock:WH-EAST.` });
      else layout.stock.set(code, index);
      return;
    }
    if ((FIXED_COLUMNS as readonly string[]).includes(key)) layout.fixed[key as FixedColumn] = index;
    else unknown.push(name);
  });
  if (unknown.length > 0) {
    problems.push({
      column: unknown[0]!,
      message: `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.map((name) => `"${name}"`).join(", ")}. Expected columns: ${FIXED_COLUMNS.join(", ")}, and stock:<location code> per location.`,
    });
  }
  const missing = REQUIRED_COLUMNS.filter((column) => layout.fixed[column] === undefined);
  if (missing.length > 0) {
    problems.push({
      column: missing[0]!,
      message: `Missing required column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}. The header row must name at least: ${REQUIRED_COLUMNS.join(", ")}.`,
    });
  }
  for (let option = 0; option < MAX_OPTIONS; option++) {
    const hasName = layout.fixed[optionNameColumn(option)] !== undefined;
    const hasValue = layout.fixed[optionValueColumn(option)] !== undefined;
    if (hasName !== hasValue) {
      const missingColumn = hasName ? optionValueColumn(option) : optionNameColumn(option);
      problems.push({
        column: missingColumn,
        message: `${optionNameColumn(option)} and ${optionValueColumn(option)} go together: add the "${missingColumn}" column.`,
      });
    }
  }
  return { layout, problems };
}

/** The export's header: every fixed column, then one stock column per location. */
export function exportHeader(locationCodes: readonly string[]): string[] {
  return [...FIXED_COLUMNS, ...locationCodes.map(stockColumn)];
}
