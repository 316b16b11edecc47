// Import, step 2 of 3: the shapes shared by its parts. ImportPlan is what ./apply.ts writes; Planning is
// the state the steps of ./plan.ts and ./plan-variants.ts fill in.
import type { StaffChangeLimits } from "@/lib/auth/staff-limits";
import type { ExistingProduct, ImportContext, ProductRow, VariantRow } from "./plan-context";
import type { ProductGroup, RowError } from "./rows";

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

/** A price change refused because the importer is not an admin (for the audit entry of the refusal). */
export type RefusedPriceChange = {
  row: number;
  sku: string;
  fromCents: number;
  toCents: number;
  currency: string;
};

export interface PlanOptions {
  locationCodes: readonly string[];
  /** The file has a currency column. */
  currencyGiven: boolean;
  now: Date;
  /** The staff thresholds when the importer is not an admin; null: prices may change freely. */
  priceChangeLimits: StaffChangeLimits | null;
}

/** What every step shares: the database's side, the plan being filled and the problems found so far. */
export interface Planning {
  context: ImportContext;
  options: PlanOptions;
  /** The store's selling currency, for variants read without a currency column. */
  storeCurrency: string;
  plan: ImportPlan;
  errors: RowError[];
  refusedPriceChanges: RefusedPriceChange[];
}

/** One product of the file while it is planned. */
export interface ProductPlanning {
  group: ProductGroup;
  existing: ExistingProduct | undefined;
  productId: string;
  /** Something is written for the product (options, values, stock, its own row). */
  touched: boolean;
  variantsChanged: boolean;
}

/** The product's options after the import, for its variant rows. */
export interface OptionStructure {
  /** The product's options are replaced as a whole. */
  replaceOptions: boolean;
  /** The id of a value of an option (by index), created in the plan when it is new. */
  valueIdFor(optionIndex: number, value: string): string;
  /** Option-value combinations of variants the file does not mention -> their SKU. */
  takenBy: Map<string, string>;
  /** The position the next new variant gets (after every existing one). */
  nextPosition: number;
}

export function report(planning: Planning, row: number, column: string, message: string): void {
  planning.errors.push({ row, column, message });
}

export function emptyPlan(): ImportPlan {
  return {
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
}
