// Import, step 2 of 3, for each product of the file: its option structure, then each variant row (option
// values, fields, price within the importer's limits, stock). Rules in ./plan.ts's header.
import { priceChangeNeedsAdmin } from "@/lib/auth/staff-limits";
import { newId } from "@/lib/ids";
import { formatMoney } from "@/lib/money";
import { combinationLabel, DEFAULT_LOW_STOCK_THRESHOLD } from "@/lib/catalog/admin/schemas";
import { compareAtError } from "@/lib/catalog/admin/money-input";
import { optionNameColumn, stockColumn } from "./columns";
import type { ExistingVariant, VariantRow } from "./plan-context";
import { report, type OptionStructure, type Planning, type ProductPlanning } from "./planning";
import type { ParsedRow } from "./rows";

const sortedKey = (ids: readonly string[]) => [...ids].sort().join(",");

/**
 * The product's options after the import: the product's own are kept; they are renamed or restructured
 * only when every existing variant is in the file. null when the file asks for a change it cannot make.
 */
export function planOptions(
  planning: Planning,
  product: ProductPlanning,
  matched: ReadonlyMap<ParsedRow, ExistingVariant | null>,
): OptionStructure | null {
  const { group, existing, productId } = product;
  const { plan } = planning;
  const first = group.first;
  const fileNames = first.optionNames;
  const storedOptions = existing?.options ?? [];
  const sameNames =
    !first.hasOptionColumns ||
    (storedOptions.length === fileNames.length &&
      storedOptions.every((option, i) => option.name.toLowerCase() === fileNames[i]!.toLowerCase()));
  const inFile = new Set(
    [...matched.values()]
      .filter((variant): variant is ExistingVariant => variant !== null)
      .map((variant) => variant.id),
  );
  const outOfFile = (existing?.variants ?? []).filter((variant) => !inFile.has(variant.id));
  let replaceOptions = false;
  if (existing && !sameNames) {
    if (outOfFile.length > 0) {
      report(
        planning,
        first.row,
        optionNameColumn(0),
        `"${group.handle}" has the options ${storedOptions.map((option) => option.name).join(", ") || "(none)"}, the file says ${fileNames.join(", ") || "(none)"}. Options can only change when the file lists every variant of the product (missing: ${outOfFile
          .slice(0, 5)
          .map((variant) => variant.sku)
          .join(", ")}${outOfFile.length > 5 ? ", …" : ""}).`,
      );
      return null;
    }
    replaceOptions = true;
  }
  if (existing && planning.options.currencyGiven) {
    const other = outOfFile.find((variant) => variant.currency !== first.currency);
    if (other) {
      report(
        planning,
        first.row,
        "currency",
        `Other variants of "${group.handle}" (like ${other.sku}) are priced in ${other.currency}; a product sells in one currency.`,
      );
      return null;
    }
  }

  // The option structure after the import: ids of options and of values (existing or new).
  const optionIds: string[] = [];
  const valueIds: Map<string, string>[] = [];
  if (!existing || replaceOptions) {
    if (replaceOptions) plan.optionsReplacedFor.push(productId);
    fileNames.forEach((name, position) => {
      const id = newId();
      optionIds.push(id);
      valueIds.push(new Map());
      plan.optionsToCreate.push({ id, productId, name, position });
    });
    if (fileNames.length > 0 || replaceOptions) product.touched = true;
  } else {
    for (const option of storedOptions) {
      optionIds.push(option.id);
      valueIds.push(new Map(option.values.map((value) => [value.value.toLowerCase(), value.id])));
    }
  }
  const nextValuePosition = (existing && !replaceOptions ? storedOptions : []).map((option) =>
    option.values.reduce((max, value) => Math.max(max, value.position + 1), 0),
  );
  while (nextValuePosition.length < optionIds.length) nextValuePosition.push(0);
  const valueIdFor = (optionIndex: number, value: string): string => {
    const map = valueIds[optionIndex]!;
    const key = value.toLowerCase();
    let id = map.get(key);
    if (!id) {
      id = newId();
      map.set(key, id);
      const position = nextValuePosition[optionIndex]!;
      nextValuePosition[optionIndex] = position + 1;
      plan.valuesToCreate.push({ id, optionId: optionIds[optionIndex]!, value, position });
      product.touched = true;
    }
    return id;
  };

  // Combinations already taken by variants the file does not mention.
  const takenBy = new Map<string, string>();
  if (!replaceOptions) for (const variant of outOfFile) takenBy.set(sortedKey(variant.optionValueIds), variant.sku);
  const nextPosition = (existing?.variants ?? []).reduce((max, variant) => Math.max(max, variant.position + 1), 0);
  return { replaceOptions, valueIdFor, takenBy, nextPosition };
}

/** One variant row: its option values, fields and price (within the importer's limits), then its stock. */
export function planVariant(
  planning: Planning,
  product: ProductPlanning,
  structure: OptionStructure,
  row: ParsedRow,
  variant: ExistingVariant | null,
): void {
  const { group, existing, productId } = product;
  const { plan, options } = planning;
  const first = group.first;
  const storedOptions = existing?.options ?? [];
  const { replaceOptions } = structure;
  if (!first.hasOptionColumns && existing && storedOptions.length > 0 && !variant) {
    report(
      planning,
      row.row,
      "sku",
      `"${group.handle}" has options (${storedOptions.map((option) => option.name).join(", ")}); add the option columns to add a variant.`,
    );
    return;
  }
  // Without option columns the existing variants keep their values.
  const desiredValueIds =
    !first.hasOptionColumns && variant
      ? variant.optionValueIds
      : row.optionValues.map((value, index) => structure.valueIdFor(index, value));
  const key = sortedKey(desiredValueIds);
  const clash = structure.takenBy.get(key);
  if (clash !== undefined) {
    report(
      planning,
      row.row,
      row.optionValues.length > 0 ? "option1_value" : "sku",
      `The variant ${clash} of "${group.handle}" (not in this file) already has ${row.optionValues.length > 0 ? combinationLabel(row.optionValues) : "no options"}.`,
    );
    return;
  }
  const combinationChanged = !variant || replaceOptions || key !== sortedKey(variant.optionValueIds);
  const title = combinationChanged
    ? row.optionValues.length > 0
      ? combinationLabel(row.optionValues)
      : "Default"
    : variant.title;
  const next: VariantRow = {
    id: variant?.id ?? newId(),
    productId,
    sku: variant?.sku ?? row.sku,
    title,
    priceCents: row.priceCents,
    compareAtPriceCents:
      row.compareAtPriceCents === undefined ? (variant?.compareAtPriceCents ?? null) : row.compareAtPriceCents,
    currency: options.currencyGiven ? row.currency : (variant?.currency ?? row.currency),
    weightGrams: row.weightGrams === undefined ? (variant?.weightGrams ?? null) : row.weightGrams,
    lowStockThreshold: row.lowStockThreshold ?? variant?.lowStockThreshold ?? DEFAULT_LOW_STOCK_THRESHOLD,
    position: variant?.position ?? structure.nextPosition++,
  };
  if (!priceAllowed(planning, row, variant, next)) return;
  if (!variant) {
    plan.variantsToCreate.push(next);
    plan.counts.variantsCreated++;
    product.variantsChanged = true;
  } else {
    const changed =
      next.title !== variant.title ||
      next.priceCents !== variant.priceCents ||
      next.compareAtPriceCents !== variant.compareAtPriceCents ||
      next.currency !== variant.currency ||
      next.weightGrams !== variant.weightGrams ||
      next.lowStockThreshold !== variant.lowStockThreshold;
    if (changed) {
      plan.variantsToUpdate.push(next);
      plan.counts.variantsUpdated++;
      product.variantsChanged = true;
    } else if (!combinationChanged) {
      plan.counts.variantsUnchanged++;
    }
    if (combinationChanged && !changed) {
      plan.counts.variantsUpdated++;
      product.variantsChanged = true;
    }
  }
  if (combinationChanged && desiredValueIds.length > 0) {
    plan.links.push({
      variantId: next.id,
      optionValueIds: desiredValueIds,
      replace: Boolean(variant) && !replaceOptions,
    });
  } else if (combinationChanged && variant && !replaceOptions) {
    plan.links.push({ variantId: next.id, optionValueIds: [], replace: true });
  }
  planStock(planning, product, row, variant, next.id);
}

/**
 * The row's price: a kept compare-at price must still be above a new price (the row's own columns were
 * checked already), and a non-admin's change stays within the staff limit (refusals are kept for the audit).
 */
function priceAllowed(planning: Planning, row: ParsedRow, variant: ExistingVariant | null, next: VariantRow): boolean {
  const compareAtProblem = compareAtError(next.priceCents, next.compareAtPriceCents);
  if (compareAtProblem) {
    report(planning, row.row, "compare_at_price", compareAtProblem);
    return false;
  }
  const limits = planning.options.priceChangeLimits;
  if (variant && limits && priceChangeNeedsAdmin(variant.priceCents, next.priceCents, limits)) {
    const money = (cents: number) => formatMoney(cents, next.currency);
    report(
      planning,
      row.row,
      "price",
      `Only an admin can change a price by more than ${limits.priceChangeMaxPercent}% (${money(variant.priceCents)} to ${money(next.priceCents)}).`,
    );
    planning.refusedPriceChanges.push({
      row: row.row,
      sku: variant.sku,
      fromCents: variant.priceCents,
      toCents: next.priceCents,
      currency: next.currency,
    });
    return false;
  }
  return true;
}

/** The row's stock cells: on-hand units per location, never below what unpaid orders reserve there. */
function planStock(
  planning: Planning,
  product: ProductPlanning,
  row: ParsedRow,
  variant: ExistingVariant | null,
  variantId: string,
): void {
  const { plan, context } = planning;
  for (const [code, units] of row.stock) {
    const locationId = context.locations.get(code);
    if (!locationId) continue; // reported once for the header
    const level = variant ? context.levels.get(`${variant.id}:${locationId}`) : undefined;
    if (level) {
      if (level.onHand === units) continue;
      if (units < level.reserved) {
        report(
          planning,
          row.row,
          stockColumn(code),
          `${level.reserved} unit${level.reserved === 1 ? " is" : "s are"} reserved at ${code} by unpaid orders; stock there can't be set below that.`,
        );
        continue;
      }
    } else if (units === 0) {
      continue; // no stock row and none wanted
    }
    plan.levels.push({
      row: row.row,
      column: stockColumn(code),
      variantId,
      productId: product.productId,
      locationId,
      onHand: units,
      levelId: level?.id ?? null,
      newVariant: !variant,
    });
    plan.counts.stockLevelsChanged++;
    product.touched = true;
  }
}
