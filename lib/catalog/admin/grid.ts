// Options, option values and variants of one product brought in line with the submitted grid, inside the
// caller's transaction. Used by create (nothing exists yet) and update alike, so both follow one set of
// rules:
// - an option's values are the distinct values its column holds, in row order (no separate editor to
//   keep in step);
// - an existing row keeps its variant id (carts, orders, stock and reviews point at it); a row without
//   an id is a new variant; an existing variant missing from the grid is deleted, unless orders or
//   reservations refer to it: the schema has no "inactive variant", and deleting would cut a placed
//   order's reservations and fulfilment off from their variant, so that is refused with a message;
// - ids in the form come from the browser: one that is not this product's is refused, never used.
import { UserError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { optionsWithValuesSelect, variantFieldsSelect } from "@/lib/catalog/selects";
import { receiveStock } from "@/lib/inventory/stock-changes";
import { combinationLabel, type ProductInput, type VariantInput } from "./schemas";

type Tx = Prisma.TransactionClient;

export interface ExistingGrid {
  options: { id: string; name: string; position: number; values: { id: string; value: string; position: number }[] }[];
  variants: {
    id: string;
    sku: string;
    title: string;
    priceCents: number;
    compareAtPriceCents: number | null;
    weightGrams: number | null;
    lowStockThreshold: number;
    position: number;
  }[];
}

export const EMPTY_GRID: ExistingGrid = { options: [], variants: [] };

export async function loadGrid(tx: Tx, productId: string): Promise<ExistingGrid> {
  const [options, variants] = await Promise.all([
    tx.productOption.findMany({ where: { productId }, ...optionsWithValuesSelect }),
    tx.variant.findMany({
      where: { productId },
      select: variantFieldsSelect,
      orderBy: [{ position: "asc" }, { sku: "asc" }],
    }),
  ]);
  return { options, variants };
}

/** A variant's option values, one per option, as typed in its row. */
function rowValues(variant: VariantInput, optionCount: number): string[] {
  return variant.options.slice(0, optionCount);
}

export function variantTitle(variant: VariantInput, optionCount: number): string {
  return optionCount === 0 ? "Default" : combinationLabel(rowValues(variant, optionCount));
}

const STALE_GRID =
  "The product changed since this page was opened (a row or option no longer exists). Reload the page and try again.";

export interface InitialStock {
  locationId: string;
  actorId: string | null;
}

export interface GridChanges {
  added: string[];
  removed: string[];
  changed: { sku: string; changes: Record<string, [unknown, unknown]> }[];
  options: { before: string[]; after: string[] };
  initialStock: { sku: string; quantity: number }[];
}

/** Refuses ids that are not this product's, and removals of variants that orders depend on. */
async function checkRemovals(tx: Tx, input: ProductInput, existing: ExistingGrid): Promise<ExistingGrid["variants"]> {
  const existingVariantIds = new Set(existing.variants.map((variant) => variant.id));
  const submittedVariantIds = input.variants.flatMap((variant) => (variant.id ? [variant.id] : []));
  if (
    new Set(submittedVariantIds).size !== submittedVariantIds.length ||
    submittedVariantIds.some((id) => !existingVariantIds.has(id))
  ) {
    throw new UserError("stale_grid", STALE_GRID);
  }
  const existingOptionIds = new Set(existing.options.map((option) => option.id));
  const submittedOptionIds = input.options.flatMap((option) => (option.id ? [option.id] : []));
  if (
    new Set(submittedOptionIds).size !== submittedOptionIds.length ||
    submittedOptionIds.some((id) => !existingOptionIds.has(id))
  ) {
    throw new UserError("stale_grid", STALE_GRID);
  }

  const kept = new Set(submittedVariantIds);
  const removed = existing.variants.filter((variant) => !kept.has(variant.id));
  if (removed.length === 0) return removed;
  const removedIds = removed.map((variant) => variant.id);
  const [ordered, reserved] = await Promise.all([
    tx.orderLine.groupBy({ by: ["variantId"], where: { variantId: { in: removedIds } } }),
    tx.reservation.groupBy({ by: ["variantId"], where: { variantId: { in: removedIds } } }),
  ]);
  const inUse = new Set([...ordered, ...reserved].map((row) => row.variantId));
  const blocked = removed.filter((variant) => inUse.has(variant.id));
  if (blocked.length > 0) {
    const skus = blocked.map((variant) => variant.sku).join(", ");
    throw new UserError(
      "variant_in_use",
      `${blocked.length === 1 ? `Variant ${skus} has` : `Variants ${skus} have`} been ordered, so ${blocked.length === 1 ? "it" : "they"} can't be removed (orders keep pointing at ${blocked.length === 1 ? "it" : "them"}). Keep the row and set its stock to 0 in Inventory to stop selling it, or archive the product.`,
    );
  }
  return removed;
}

/** Options and their values as the grid has them; returns, per option index, value (lower-case) -> id. */
async function syncOptions(
  tx: Tx,
  productId: string,
  input: ProductInput,
  existing: ExistingGrid,
): Promise<Map<string, string>[]> {
  const submittedIds = new Set(input.options.flatMap((option) => (option.id ? [option.id] : [])));
  const removed = existing.options.filter((option) => !submittedIds.has(option.id));
  if (removed.length > 0)
    await tx.productOption.deleteMany({ where: { id: { in: removed.map((option) => option.id) } } });

  // Renames go through a temporary name first: swapping "Size" and "Colour" must not trip the unique
  // (productId, name) index halfway through.
  const renamed = input.options.filter((option) => {
    const before = existing.options.find((candidate) => candidate.id === option.id);
    return before !== undefined && before.name !== option.name;
  });
  for (const option of renamed) {
    await tx.productOption.update({ where: { id: option.id as string }, data: { name: `~renaming~${option.id}` } });
  }

  const lookups: Map<string, string>[] = [];
  for (const [index, option] of input.options.entries()) {
    let optionId: string;
    let values: ExistingGrid["options"][number]["values"] = [];
    if (option.id) {
      optionId = option.id;
      values = existing.options.find((candidate) => candidate.id === option.id)?.values ?? [];
      await tx.productOption.update({ where: { id: optionId }, data: { name: option.name, position: index } });
    } else {
      optionId = (
        await tx.productOption.create({ data: { productId, name: option.name, position: index }, select: { id: true } })
      ).id;
    }

    // The column's distinct values in row order; the first spelling of a value wins ("m" after "M" is M).
    const wanted: string[] = [];
    for (const variant of input.variants) {
      const value = variant.options[index] ?? "";
      if (value && !wanted.some((seen) => seen.toLowerCase() === value.toLowerCase())) wanted.push(value);
    }
    const byLower = new Map(values.map((value) => [value.value.toLowerCase(), value]));
    const lookup = new Map<string, string>();
    const keep = new Set<string>();
    for (const [position, value] of wanted.entries()) {
      const current = byLower.get(value.toLowerCase());
      if (current) {
        keep.add(current.id);
        if (current.value !== value || current.position !== position) {
          await tx.productOptionValue.update({ where: { id: current.id }, data: { value, position } });
        }
        lookup.set(value.toLowerCase(), current.id);
      } else {
        const created = await tx.productOptionValue.create({
          data: { optionId, value, position },
          select: { id: true },
        });
        lookup.set(value.toLowerCase(), created.id);
      }
    }
    const unused = values.filter((value) => !keep.has(value.id)).map((value) => value.id);
    if (unused.length > 0) await tx.productOptionValue.deleteMany({ where: { id: { in: unused } } });
    lookups.push(lookup);
  }
  return lookups;
}

function variantData(variant: VariantInput, index: number, optionCount: number, currency: string) {
  return {
    sku: variant.sku,
    title: variantTitle(variant, optionCount),
    priceCents: variant.priceCents,
    compareAtPriceCents: variant.compareAtPriceCents,
    weightGrams: variant.weightGrams,
    lowStockThreshold: variant.lowStockThreshold,
    position: index,
    currency,
  };
}

const COMPARED_FIELDS = [
  "sku",
  "title",
  "priceCents",
  "compareAtPriceCents",
  "weightGrams",
  "lowStockThreshold",
] as const;

/**
 * Applies the grid. `initialStock` is where new rows' stock goes (only rows without an id can carry
 * stock: existing variants' stock is changed through Inventory, with its own adjustments).
 */
export async function syncGrid(
  tx: Tx,
  productId: string,
  input: ProductInput,
  existing: ExistingGrid,
  initialStock: InitialStock | null,
): Promise<GridChanges> {
  const removed = await checkRemovals(tx, input, existing);
  if (removed.length > 0) await tx.variant.deleteMany({ where: { id: { in: removed.map((variant) => variant.id) } } });

  const optionLookups = await syncOptions(tx, productId, input, existing);
  const optionCount = input.options.length;
  const byId = new Map(existing.variants.map((variant) => [variant.id, variant]));

  // SKUs move through a temporary value first, for the same reason as option names: two rows swapping
  // SKUs must not collide on the unique index midway. "~" never passes the SKU pattern, so it is free.
  const skuMoves = input.variants.filter((variant) => variant.id && byId.get(variant.id)?.sku !== variant.sku);
  for (const variant of skuMoves) {
    await tx.variant.update({ where: { id: variant.id as string }, data: { sku: `~${variant.id}` } });
  }

  const changes: GridChanges = {
    added: [],
    removed: removed.map((variant) => variant.sku),
    changed: [],
    options: {
      before: existing.options.map((option) => option.name),
      after: input.options.map((option) => option.name),
    },
    initialStock: [],
  };
  const variantIds: string[] = [];
  for (const [index, variant] of input.variants.entries()) {
    const data = variantData(variant, index, optionCount, input.currency);
    if (variant.id) {
      const before = byId.get(variant.id);
      const diff: Record<string, [unknown, unknown]> = {};
      for (const field of COMPARED_FIELDS)
        if (before && before[field] !== data[field]) diff[field] = [before[field], data[field]];
      if (Object.keys(diff).length > 0 || before?.position !== index) {
        await tx.variant.update({ where: { id: variant.id }, data });
      }
      if (Object.keys(diff).length > 0) changes.changed.push({ sku: variant.sku, changes: diff });
      variantIds.push(variant.id);
    } else {
      const created = await tx.variant.create({ data: { ...data, productId }, select: { id: true } });
      changes.added.push(variant.sku);
      variantIds.push(created.id);
      if (variant.initialStock > 0 && initialStock) {
        // Opening stock: the INITIAL reason the seed uses (RECEIVED is for later deliveries). The variant
        // was created in this transaction, so no other writer can hold its level yet.
        await receiveStock(tx, {
          variantId: created.id,
          locationId: initialStock.locationId,
          quantity: variant.initialStock,
          reason: "INITIAL",
          note: "Initial stock",
          actorId: initialStock.actorId,
          reindex: "by_caller", // the product's save queues its search document
        });
        changes.initialStock.push({ sku: variant.sku, quantity: variant.initialStock });
      }
    }
  }

  // Links between variants and option values, rebuilt whole: a few rows per variant, and rebuilding is
  // simpler to get right than diffing when options were added, removed or renamed.
  await tx.variantOptionValue.deleteMany({ where: { variantId: { in: variantIds } } });
  const links = input.variants.flatMap((variant, index) =>
    optionLookups.map((lookup, optionIndex) => {
      const optionValueId = lookup.get((variant.options[optionIndex] ?? "").toLowerCase());
      // Unreachable after parseProductForm (every row has a value per option); a clear error if not.
      if (!optionValueId)
        throw new UserError(
          "invalid_input",
          `Row ${index + 1} is missing a value for ${input.options[optionIndex]?.name ?? "an option"}.`,
        );
      return { variantId: variantIds[index] as string, optionValueId };
    }),
  );
  if (links.length > 0) await tx.variantOptionValue.createMany({ data: links });
  return changes;
}
