// Import, step 3 of 3: the plan written in ONE transaction, table by table with set-based statements
// (INSERT ... SELECT unnest(...), UPDATE ... FROM unnest(...)), so 20,000 rows are a few dozen round
// trips, not 20,000. Either everything is written (with the stock ledger, the products' price
// aggregates, their search reindex in the outbox and one audit entry) or nothing is.
//
// Stock is set through lib/inventory's setStockLevels (lib/inventory/stock-changes.ts): the level rows are
// locked before the guarded UPDATE, whose WHERE keeps on hand >= reserved and whose row count is checked;
// a level the plan expected to create that appeared meanwhile is refused rather than overwritten. Any
// surprise of that kind (someone changed the catalog between validation and writing) aborts the whole
// import.
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { writeAudit } from "@/lib/audit/log";
import { refreshProductAggregates } from "@/lib/catalog/aggregates";
import { runTransaction, type Tx } from "@/lib/db/transaction";
import { setStockLevels } from "@/lib/inventory/stock-changes";
import { StockConflictError } from "@/lib/inventory/stock-errors";
import { optionRows, optionValueRows, productRows, variantOptionValueRows, variantRows } from "@/lib/catalog/tables";
import { enqueueProductsReindex } from "@/lib/outbox/search-reindex";
import type { ImportPlan } from "./planning";

export const IMPORT_NOTE = "CSV import";

function conflict(what: string): UserError {
  return new UserError(
    "import_conflict",
    `The catalog changed while the file was being imported (${what}). Nothing was imported; please run the import again.`,
  );
}

async function insertProducts(tx: Tx, plan: ImportPlan, now: Date): Promise<void> {
  if (plan.productsToCreate.length === 0) return;
  const buffer = productRows();
  const at = now.toISOString();
  for (const product of plan.productsToCreate) {
    buffer.add({ ...product, publishedAt: product.status === "ACTIVE" ? at : null, createdAt: at, updatedAt: at });
  }
  await buffer.insert(tx);
}

async function updateProducts(tx: Tx, plan: ImportPlan, now: Date): Promise<void> {
  const rows = plan.productsToUpdate;
  if (rows.length === 0) return;
  const count = await tx.$executeRaw`
    UPDATE "Product" p SET
      title = u.title, description = u.description, status = u.status, "brandId" = u."brandId", "categoryId" = u."categoryId",
      "publishedAt" = CASE WHEN u.status = 'ACTIVE' AND p."publishedAt" IS NULL THEN ${now}::timestamp ELSE p."publishedAt" END,
      "updatedAt" = ${now}::timestamp
    FROM unnest(
      ${rows.map((row) => row.id)}::text[], ${rows.map((row) => row.title)}::text[], ${rows.map((row) => row.description)}::text[],
      ${rows.map((row) => row.status)}::"ProductStatus"[], ${rows.map((row) => row.brandId)}::text[], ${rows.map((row) => row.categoryId)}::text[]
    ) AS u(id, title, description, status, "brandId", "categoryId")
    WHERE p.id = u.id AND p.slug = ANY(${rows.map((row) => row.slug)}::text[])`;
  if (count !== rows.length) throw conflict("a product was deleted or renamed");
}

async function writeOptions(tx: Tx, plan: ImportPlan): Promise<void> {
  if (plan.optionsReplacedFor.length > 0) {
    // Cascades to the options' values and the variants' links to them; the plan re-links every variant.
    await tx.$executeRaw`DELETE FROM "ProductOption" WHERE "productId" = ANY(${plan.optionsReplacedFor}::text[])`;
  }
  if (plan.optionsToCreate.length > 0) {
    const options = optionRows();
    for (const option of plan.optionsToCreate) options.add(option);
    await options.insert(tx);
  }
  if (plan.valuesToCreate.length > 0) {
    const values = optionValueRows();
    for (const value of plan.valuesToCreate) values.add(value);
    await values.insert(tx);
  }
}

async function writeVariants(tx: Tx, plan: ImportPlan, now: Date): Promise<void> {
  const at = now.toISOString();
  if (plan.variantsToCreate.length > 0) {
    const buffer = variantRows();
    for (const variant of plan.variantsToCreate) buffer.add({ ...variant, createdAt: at, updatedAt: at });
    await buffer.insert(tx);
  }
  const rows = plan.variantsToUpdate;
  if (rows.length > 0) {
    // The product id in the WHERE refuses a variant that moved to another product since validation.
    const count = await tx.$executeRaw`
      UPDATE "Variant" v SET
        title = u.title, "priceCents" = u."priceCents", "compareAtPriceCents" = u."compareAtPriceCents", currency = u.currency,
        "weightGrams" = u."weightGrams", "lowStockThreshold" = u."lowStockThreshold", "updatedAt" = ${now}::timestamp
      FROM unnest(
        ${rows.map((row) => row.id)}::text[], ${rows.map((row) => row.productId)}::text[], ${rows.map((row) => row.title)}::text[],
        ${rows.map((row) => row.priceCents)}::int[], ${rows.map((row) => row.compareAtPriceCents)}::int[], ${rows.map((row) => row.currency)}::text[],
        ${rows.map((row) => row.weightGrams)}::int[], ${rows.map((row) => row.lowStockThreshold)}::int[]
      ) AS u(id, "productId", title, "priceCents", "compareAtPriceCents", currency, "weightGrams", "lowStockThreshold")
      WHERE v.id = u.id AND v."productId" = u."productId"`;
    if (count !== rows.length) throw conflict("a variant was deleted or moved");
  }
  const replaced = plan.links.filter((link) => link.replace).map((link) => link.variantId);
  if (replaced.length > 0)
    await tx.$executeRaw`DELETE FROM "VariantOptionValue" WHERE "variantId" = ANY(${replaced}::text[])`;
  const links = variantOptionValueRows();
  for (const link of plan.links)
    for (const optionValueId of link.optionValueIds) links.add({ variantId: link.variantId, optionValueId });
  if (links.size > 0) await links.insert(tx);
}

/** The plan's stock cells, set through lib/inventory (guarded, with the stock ledger). */
async function writeStock(tx: Tx, plan: ImportPlan, actorId: string | null, now: Date): Promise<void> {
  try {
    await setStockLevels(
      tx,
      plan.levels.map((level) => ({
        levelId: level.levelId,
        variantId: level.variantId,
        locationId: level.locationId,
        onHand: level.onHand,
        reason: level.levelId === null && level.newVariant ? "INITIAL" : "CORRECTION",
      })),
      // Every product whose stock changes is among the import's touched products, reindexed below.
      { actorId, note: IMPORT_NOTE, now, reindex: "by_caller" },
    );
  } catch (error) {
    if (!(error instanceof StockConflictError)) throw error;
    if (error.reason === "level_exists") throw conflict("stock was added at a location meanwhile");
    const refused = error.index === null ? undefined : plan.levels[error.index];
    throw new UserError(
      "import_conflict",
      refused
        ? `Row ${refused.row}, ${refused.column}: new orders reserved more units there while the file was being imported. Nothing was imported; please check the stock and run the import again.`
        : "The stock changed while the file was being imported. Nothing was imported; please run the import again.",
    );
  }
}

export interface ApplyOptions {
  actorId: string | null;
  now: Date;
  fileName?: string;
}

/** Writes the plan; returns the audit entry's id. Throws UserError("import_conflict") on a race. */
export async function applyImport(db: Db, plan: ImportPlan, options: ApplyOptions): Promise<string> {
  const importId = newId();
  const touched = [...plan.touched.keys()];
  await runTransaction(
    db,
    async (tx) => {
      await insertProducts(tx, plan, options.now);
      await writeOptions(tx, plan);
      await updateProducts(tx, plan, options.now);
      await writeVariants(tx, plan, options.now);
      await writeStock(tx, plan, options.actorId, options.now);
      await refreshProductAggregates(tx, touched);
      await enqueueProductsReindex(tx, touched);
      const slugs = [...plan.touched.values()];
      await writeAudit(tx, {
        actorId: options.actorId,
        action: "product.import",
        entityType: "ProductImport",
        entityId: importId,
        data: {
          fileName: options.fileName ?? null,
          ...plan.counts,
          // Enough to find them again; the full list is in the products' own data.
          products: slugs.slice(0, 200),
          moreProducts: Math.max(0, slugs.length - 200),
        },
      });
    },
    { timeoutMs: 120_000, attempts: 2 },
  );
  return importId;
}
