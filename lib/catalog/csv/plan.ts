// Import, step 2 of 3: the rows against the database. Reads everything the file refers to in a handful of
// batched queries (categories, brands, locations, products by handle, variants by SKU, stock levels),
// reports what does not fit (unknown category or brand, a SKU of another product, stock below what is
// reserved, options that would change under existing variants), and otherwise computes the exact changes:
// only fields that differ are written, so importing the file just exported changes nothing. The steps:
// ./plan-context.ts reads, this file plans each product and its own fields, ./plan-variants.ts its options
// and variant rows, into the shapes of ./planning.ts.
//
// Rules worth knowing (also in docs/reports-and-csv.md):
//   - products are matched by handle (slug), variants by SKU (case-insensitively; new SKUs are stored
//     upper-case, as the product editor does); nothing is ever deleted: a product or variant missing from
//     the file is left as it is (archive through the status column);
//   - brands and categories must exist (a typo must not create a new brand); locations likewise;
//   - a product's options may only be renamed or restructured when the file lists every one of its
//     variants; new option values are added after the existing ones; existing variants keep their
//     position (reorder in the product editor), new ones go last in file order;
//   - a stock cell sets on-hand units at that location (empty: unchanged); it cannot go below the units
//     reserved there by unpaid orders (expired reservations do not count: they are released first);
//   - for an importer who is not an admin, an existing variant's price may move by at most
//     STAFF_PRICE_CHANGE_MAX_PERCENT of the price read here (lib/auth/staff-limits.ts). Checked against
//     this read, not again when writing: a price changed in between by someone else is not re-compared.
import type { Db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { storeCurrency } from "@/lib/catalog/admin/schemas";
import { stockColumn } from "./columns";
import { loadImportContext, suggestions, type ExistingVariant, type ProductRow } from "./plan-context";
import { planOptions, planVariant } from "./plan-variants";
import {
  emptyPlan,
  report,
  type ImportPlan,
  type PlanOptions,
  type Planning,
  type ProductPlanning,
  type RefusedPriceChange,
} from "./planning";
import type { ParsedRow, ProductGroup, RowError } from "./rows";

/** Plans the import, or returns the problems found. */
export async function planImport(
  db: Db,
  groups: readonly ProductGroup[],
  options: PlanOptions,
): Promise<{ plan: ImportPlan | null; errors: RowError[]; refusedPriceChanges: RefusedPriceChange[] }> {
  const planning: Planning = {
    context: await loadImportContext(db, groups, options.locationCodes, options.now),
    options,
    storeCurrency: storeCurrency(),
    plan: emptyPlan(),
    errors: [],
    refusedPriceChanges: [],
  };
  checkLocationColumns(planning);
  let unknownBrand = false;
  let unknownCategory = false;
  for (const group of groups) {
    planning.plan.counts.rows += group.variants.length;
    const references = resolveReferences(planning, group.first);
    unknownBrand ||= references.unknownBrand;
    unknownCategory ||= references.unknownCategory;
    planProduct(planning, group, references);
  }
  if (unknownBrand) await addSuggestions(db, planning.errors, "brand");
  if (unknownCategory) await addSuggestions(db, planning.errors, "category");
  const { plan, errors, refusedPriceChanges } = planning;
  return errors.length > 0 ? { plan: null, errors, refusedPriceChanges } : { plan, errors, refusedPriceChanges };
}

/** Every stock:<code> column must name an existing location. */
function checkLocationColumns(planning: Planning): void {
  for (const code of planning.options.locationCodes) {
    if (!planning.context.locations.has(code)) {
      report(
        planning,
        1,
        stockColumn(code),
        `Unknown location "${code}" in the column "${stockColumn(code)}". Use the code of an existing location (see Inventory).`,
      );
    }
  }
}

interface References {
  categoryId: string | undefined;
  /** undefined: no brand column (keep the product's) or an unknown brand; null: no brand. */
  brandId: string | null | undefined;
  unknownBrand: boolean;
  unknownCategory: boolean;
}

/** The category and brand the product's first row names, which must exist (import creates neither). */
function resolveReferences(planning: Planning, first: ParsedRow): References {
  const categoryId = planning.context.categories.get(first.category);
  if (!categoryId) {
    report(
      planning,
      first.row,
      "category",
      `Unknown category "${first.category}". Use the slug of an existing category.`,
    );
  }
  let brandId: string | null | undefined = first.brand === undefined ? undefined : null;
  let unknownBrand = false;
  if (typeof first.brand === "string") {
    brandId = planning.context.brands.get(first.brand);
    if (!brandId) {
      unknownBrand = true;
      report(
        planning,
        first.row,
        "brand",
        `Unknown brand "${first.brand}". Import does not create brands: add it first, use an existing brand's slug, or leave the cell empty.`,
      );
    }
  }
  return { categoryId, brandId, unknownBrand, unknownCategory: !categoryId };
}

/** One product: its variants (SKUs, options, prices, stock), then its own fields. */
function planProduct(planning: Planning, group: ProductGroup, references: References): void {
  const existing = planning.context.products.get(group.handle);
  const product: ProductPlanning = {
    group,
    existing,
    productId: existing?.id ?? newId(),
    touched: false,
    variantsChanged: false,
  };
  const matched = matchVariants(planning, product);
  if (!matched) return;
  const structure = planOptions(planning, product, matched);
  if (!structure) return;
  for (const row of group.variants) planVariant(planning, product, structure, row, matched.get(row) ?? null);
  planProductFields(planning, product, references);
}

/**
 * Each row's SKU: new, one of this product's variants, or another product's (refused). null when any row
 * of the product was refused: the product is not planned further.
 */
function matchVariants(planning: Planning, product: ProductPlanning): Map<ParsedRow, ExistingVariant | null> | null {
  const { group, existing } = product;
  const matched = new Map<ParsedRow, ExistingVariant | null>();
  for (const row of group.variants) {
    const owners = planning.context.variantsBySku.get(row.sku) ?? [];
    if (owners.length > 1) {
      report(
        planning,
        row.row,
        "sku",
        `The SKU ${row.sku} matches several variants that differ only in upper/lower case (${owners.map((owner) => owner.sku).join(", ")}); fix them in the product editor first.`,
      );
      continue;
    }
    const owner = owners[0];
    if (owner && owner.productId !== existing?.id) {
      report(
        planning,
        row.row,
        "sku",
        `The SKU ${owner.sku} already belongs to another product ("${owner.slug}"). SKUs are unique across the store.`,
      );
      continue;
    }
    const variant = owner ? (existing?.variants.find((candidate) => candidate.id === owner.id) ?? null) : null;
    if (variant && !planning.options.currencyGiven && variant.currency !== planning.storeCurrency) {
      report(
        planning,
        row.row,
        "price",
        `This variant is priced in ${variant.currency}; add a currency column so the price is read in the right currency.`,
      );
      continue;
    }
    matched.set(row, variant);
  }
  return matched.size === group.variants.length ? matched : null;
}

/** The product's own row (created, updated or unchanged), and whether anything was written for it. */
function planProductFields(planning: Planning, product: ProductPlanning, references: References): void {
  const { group, existing, productId } = product;
  const { plan } = planning;
  const first = group.first;
  const { categoryId, brandId } = references;
  if (!categoryId || (brandId === undefined && typeof first.brand === "string")) return;
  const next: ProductRow = {
    id: productId,
    slug: group.handle,
    title: first.title,
    description: first.description ?? existing?.description ?? "",
    status: first.status ?? existing?.status ?? "DRAFT",
    brandId: brandId === undefined ? (existing?.brandId ?? null) : brandId,
    categoryId,
    currency: first.currency,
  };
  if (!existing) {
    plan.productsToCreate.push(next);
    plan.counts.productsCreated++;
    product.touched = true;
  } else {
    const changed =
      next.title !== existing.title ||
      next.description !== existing.description ||
      next.status !== existing.status ||
      next.brandId !== existing.brandId ||
      next.categoryId !== existing.categoryId;
    if (changed) plan.productsToUpdate.push(next);
    if (changed || product.variantsChanged || product.touched) {
      plan.counts.productsUpdated++;
      product.touched = true;
    } else {
      plan.counts.productsUnchanged++;
    }
  }
  if (product.touched || product.variantsChanged) plan.touched.set(productId, group.handle);
}

/** Messages about an unknown brand or category end with a few that exist. */
async function addSuggestions(db: Db, errors: RowError[], kind: "brand" | "category"): Promise<void> {
  const hint = await suggestions(db, kind);
  if (hint) for (const error of errors) if (error.column === kind) error.message += hint;
}
