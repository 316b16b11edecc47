// Import, step 2 of 3: the rows against the database. Reads everything the file refers to in a handful of
// batched queries (categories, brands, locations, products by handle, variants by SKU, stock levels),
// reports what does not fit (unknown category or brand, a SKU of another product, stock below what is
// reserved, options that would change under existing variants), and otherwise computes the exact changes:
// only fields that differ are written, so importing the file just exported changes nothing.
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
import { priceChangeNeedsAdmin, type StaffChangeLimits } from "@/lib/auth/staff-limits";
import { newId } from "@/lib/ids";
import { formatMoney } from "@/lib/money";
import { combinationLabel, DEFAULT_LOW_STOCK_THRESHOLD, storeCurrency } from "@/lib/catalog/admin/schemas";
import { compareAtError } from "@/lib/catalog/admin/money-input";
import { optionNameColumn, stockColumn } from "./columns";
import type { ImportStatus, ParsedRow, ProductGroup, RowError } from "./rows";

interface ExistingVariant extends VariantRow {
  optionValueIds: string[];
}

interface ExistingProduct extends Omit<ProductRow, "currency"> {
  options: { id: string; name: string; position: number; values: { id: string; value: string; position: number }[] }[];
  variants: ExistingVariant[];
}

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

export interface LevelChange {
  row: number;
  column: string;
  variantId: string;
  productId: string;
  locationId: string;
  onHand: number;
  /** null: the variant has no stock row at this location yet. */
  levelId: string | null;
  /** The variant is new in this import (its stock is opening stock). */
  newVariant: boolean;
}

export interface ImportPlan {
  productsToCreate: ProductRow[];
  productsToUpdate: ProductRow[];
  /** Products whose options are replaced as a whole (old options, values and links deleted first). */
  optionsReplacedFor: string[];
  optionsToCreate: { id: string; productId: string; name: string; position: number }[];
  valuesToCreate: { id: string; optionId: string; value: string; position: number }[];
  variantsToCreate: VariantRow[];
  variantsToUpdate: VariantRow[];
  /** Variants whose option values are (re)written: old links deleted, these inserted. */
  links: { variantId: string; optionValueIds: string[]; replace: boolean }[];
  levels: LevelChange[];
  /** Every product something is written for (aggregates, search, cache). */
  touched: Map<string, string>;
  counts: ImportCounts;
}

export interface ImportCounts {
  rows: number;
  productsCreated: number;
  productsUpdated: number;
  productsUnchanged: number;
  variantsCreated: number;
  variantsUpdated: number;
  variantsUnchanged: number;
  stockLevelsChanged: number;
}

interface Context {
  categories: Map<string, string>;
  brands: Map<string, string>;
  locations: Map<string, string>;
  products: Map<string, ExistingProduct>;
  /** Upper-cased SKU -> the variants with it (more than one only if SKUs differ by case alone). */
  variantsBySku: Map<string, { id: string; productId: string; slug: string; sku: string }[]>;
  /** `${variantId}:${locationId}` -> level. */
  levels: Map<string, { id: string; onHand: number; reserved: number }>;
}

async function loadContext(
  db: Db,
  groups: readonly ProductGroup[],
  locationCodes: readonly string[],
  now: Date,
): Promise<Context> {
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
        options: {
          orderBy: [{ position: "asc" }, { id: "asc" }],
          select: {
            id: true,
            name: true,
            position: true,
            values: {
              orderBy: [{ position: "asc" }, { id: "asc" }],
              select: { id: true, value: true, position: true },
            },
          },
        },
        variants: {
          orderBy: [{ position: "asc" }, { id: "asc" }],
          select: {
            id: true,
            productId: true,
            sku: true,
            title: true,
            priceCents: true,
            compareAtPriceCents: true,
            currency: true,
            weightGrams: true,
            lowStockThreshold: true,
            position: true,
            optionValues: { select: { optionValueId: true } },
          },
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

async function suggestions(db: Db, kind: "brand" | "category"): Promise<string> {
  const rows =
    kind === "brand"
      ? await db.brand.findMany({ select: { slug: true }, orderBy: { slug: "asc" }, take: 8 })
      : await db.category.findMany({ select: { slug: true }, orderBy: { slug: "asc" }, take: 8 });
  return rows.length === 0
    ? ""
    : ` Known ${kind === "brand" ? "brands" : "categories"} include: ${rows.map((row) => row.slug).join(", ")}.`;
}

const sortedKey = (ids: readonly string[]) => [...ids].sort().join(",");

/** Plans the import, or returns the problems found. `currencyGiven`: the file has a currency column. */
/** A price change refused because the importer is not an admin (for the audit entry of the refusal). */
export type RefusedPriceChange = {
  row: number;
  sku: string;
  fromCents: number;
  toCents: number;
  currency: string;
};

export async function planImport(
  db: Db,
  groups: readonly ProductGroup[],
  options: {
    locationCodes: readonly string[];
    currencyGiven: boolean;
    now: Date;
    /** The staff thresholds when the importer is not an admin; null: prices may change freely. */
    priceChangeLimits: StaffChangeLimits | null;
  },
): Promise<{ plan: ImportPlan | null; errors: RowError[]; refusedPriceChanges: RefusedPriceChange[] }> {
  const context = await loadContext(db, groups, options.locationCodes, options.now);
  const errors: RowError[] = [];
  const refusedPriceChanges: RefusedPriceChange[] = [];
  const add = (row: number, column: string, message: string) => errors.push({ row, column, message });

  for (const code of options.locationCodes) {
    if (!context.locations.has(code)) {
      add(
        1,
        stockColumn(code),
        `Unknown location "${code}" in the column "${stockColumn(code)}". Use the code of an existing location (see Inventory).`,
      );
    }
  }

  const plan: ImportPlan = {
    productsToCreate: [],
    productsToUpdate: [],
    optionsReplacedFor: [],
    optionsToCreate: [],
    valuesToCreate: [],
    variantsToCreate: [],
    variantsToUpdate: [],
    links: [],
    levels: [],
    touched: new Map(),
    counts: {
      rows: 0,
      productsCreated: 0,
      productsUpdated: 0,
      productsUnchanged: 0,
      variantsCreated: 0,
      variantsUpdated: 0,
      variantsUnchanged: 0,
      stockLevelsChanged: 0,
    },
  };
  let unknownBrand = false;
  let unknownCategory = false;
  const store = storeCurrency();

  for (const group of groups) {
    const first = group.first;
    plan.counts.rows += group.variants.length;
    const categoryId = context.categories.get(first.category);
    if (!categoryId) {
      unknownCategory = true;
      add(first.row, "category", `Unknown category "${first.category}". Use the slug of an existing category.`);
    }
    let brandId: string | null | undefined = first.brand === undefined ? undefined : null;
    if (typeof first.brand === "string") {
      brandId = context.brands.get(first.brand);
      if (!brandId) {
        unknownBrand = true;
        add(
          first.row,
          "brand",
          `Unknown brand "${first.brand}". Import does not create brands: add it first, use an existing brand's slug, or leave the cell empty.`,
        );
      }
    }
    const existing = context.products.get(group.handle);
    const productId = existing?.id ?? newId();
    let productTouched = false;

    // SKUs: new, this product's own, or another product's (refused).
    const matched = new Map<ParsedRow, ExistingVariant | null>();
    for (const row of group.variants) {
      const owners = context.variantsBySku.get(row.sku) ?? [];
      if (owners.length > 1) {
        add(
          row.row,
          "sku",
          `The SKU ${row.sku} matches several variants that differ only in upper/lower case (${owners.map((owner) => owner.sku).join(", ")}); fix them in the product editor first.`,
        );
        continue;
      }
      const owner = owners[0];
      if (owner && owner.productId !== existing?.id) {
        add(
          row.row,
          "sku",
          `The SKU ${owner.sku} already belongs to another product ("${owner.slug}"). SKUs are unique across the store.`,
        );
        continue;
      }
      const variant = owner ? (existing?.variants.find((candidate) => candidate.id === owner.id) ?? null) : null;
      if (variant && !options.currencyGiven && variant.currency !== store) {
        add(
          row.row,
          "price",
          `This variant is priced in ${variant.currency}; add a currency column so the price is read in the right currency.`,
        );
        continue;
      }
      matched.set(row, variant);
    }
    if (matched.size !== group.variants.length) continue;

    // Options: keep the product's, rename/restructure only when every existing variant is in the file.
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
        add(
          first.row,
          optionNameColumn(0),
          `"${group.handle}" has the options ${storedOptions.map((option) => option.name).join(", ") || "(none)"}, the file says ${fileNames.join(", ") || "(none)"}. Options can only change when the file lists every variant of the product (missing: ${outOfFile
            .slice(0, 5)
            .map((variant) => variant.sku)
            .join(", ")}${outOfFile.length > 5 ? ", …" : ""}).`,
        );
        continue;
      }
      replaceOptions = true;
    }
    if (existing && options.currencyGiven) {
      const other = outOfFile.find((variant) => variant.currency !== first.currency);
      if (other) {
        add(
          first.row,
          "currency",
          `Other variants of "${group.handle}" (like ${other.sku}) are priced in ${other.currency}; a product sells in one currency.`,
        );
        continue;
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
      if (fileNames.length > 0 || replaceOptions) productTouched = true;
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
        productTouched = true;
      }
      return id;
    };

    // Combinations already taken by variants the file does not mention.
    const takenBy = new Map<string, string>();
    if (!replaceOptions) for (const variant of outOfFile) takenBy.set(sortedKey(variant.optionValueIds), variant.sku);

    let nextPosition = (existing?.variants ?? []).reduce((max, variant) => Math.max(max, variant.position + 1), 0);
    let variantsChanged = false;
    for (const row of group.variants) {
      const variant = matched.get(row) ?? null;
      if (!first.hasOptionColumns && existing && storedOptions.length > 0 && !variant) {
        add(
          row.row,
          "sku",
          `"${group.handle}" has options (${storedOptions.map((option) => option.name).join(", ")}); add the option columns to add a variant.`,
        );
        continue;
      }
      // Without option columns the existing variants keep their values.
      const desiredValueIds =
        !first.hasOptionColumns && variant
          ? variant.optionValueIds
          : row.optionValues.map((value, index) => valueIdFor(index, value));
      const key = sortedKey(desiredValueIds);
      const clash = takenBy.get(key);
      if (clash !== undefined) {
        add(
          row.row,
          row.optionValues.length > 0 ? "option1_value" : "sku",
          `The variant ${clash} of "${group.handle}" (not in this file) already has ${row.optionValues.length > 0 ? combinationLabel(row.optionValues) : "no options"}.`,
        );
        continue;
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
        position: variant?.position ?? nextPosition++,
      };
      // The row's own columns were checked already; a kept compare-at price must still be above a new price.
      const compareAtProblem = compareAtError(next.priceCents, next.compareAtPriceCents);
      if (compareAtProblem) {
        add(row.row, "compare_at_price", compareAtProblem);
        continue;
      }
      if (
        variant &&
        options.priceChangeLimits &&
        priceChangeNeedsAdmin(variant.priceCents, next.priceCents, options.priceChangeLimits)
      ) {
        const money = (cents: number) => formatMoney(cents, next.currency);
        add(
          row.row,
          "price",
          `Only an admin can change a price by more than ${options.priceChangeLimits.priceChangeMaxPercent}% (${money(variant.priceCents)} to ${money(next.priceCents)}).`,
        );
        refusedPriceChanges.push({
          row: row.row,
          sku: variant.sku,
          fromCents: variant.priceCents,
          toCents: next.priceCents,
          currency: next.currency,
        });
        continue;
      }
      if (!variant) {
        plan.variantsToCreate.push(next);
        plan.counts.variantsCreated++;
        variantsChanged = true;
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
          variantsChanged = true;
        } else if (!combinationChanged) {
          plan.counts.variantsUnchanged++;
        }
        if (combinationChanged && !changed) {
          plan.counts.variantsUpdated++;
          variantsChanged = true;
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

      // Stock cells.
      for (const [code, units] of row.stock) {
        const locationId = context.locations.get(code);
        if (!locationId) continue; // reported once for the header
        const level = variant ? context.levels.get(`${variant.id}:${locationId}`) : undefined;
        if (level) {
          if (level.onHand === units) continue;
          if (units < level.reserved) {
            add(
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
          variantId: next.id,
          productId,
          locationId,
          onHand: units,
          levelId: level?.id ?? null,
          newVariant: !variant,
        });
        plan.counts.stockLevelsChanged++;
        productTouched = true;
      }
    }

    // Product-level fields.
    if (!categoryId || (brandId === undefined && typeof first.brand === "string")) continue;
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
      productTouched = true;
    } else {
      const changed =
        next.title !== existing.title ||
        next.description !== existing.description ||
        next.status !== existing.status ||
        next.brandId !== existing.brandId ||
        next.categoryId !== existing.categoryId;
      if (changed) plan.productsToUpdate.push(next);
      if (changed || variantsChanged || productTouched) {
        plan.counts.productsUpdated++;
        productTouched = true;
      } else {
        plan.counts.productsUnchanged++;
      }
    }
    if (productTouched || variantsChanged) plan.touched.set(productId, group.handle);
  }

  if (unknownBrand) {
    const hint = await suggestions(db, "brand");
    if (hint) for (const error of errors) if (error.column === "brand") error.message += hint;
  }
  if (unknownCategory) {
    const hint = await suggestions(db, "category");
    if (hint) for (const error of errors) if (error.column === "category") error.message += hint;
  }
  return errors.length > 0 ? { plan: null, errors, refusedPriceChanges } : { plan, errors, refusedPriceChanges };
}
