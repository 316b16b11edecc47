// Import, step 3 of 3: the plan written in ONE transaction, table by table with set-based statements
// (INSERT ... SELECT unnest(...), UPDATE ... FROM unnest(...)), so 20,000 rows are a few dozen round
// trips, not 20,000. Either everything is written (with the stock ledger, the products' price
// aggregates, their search reindex in the outbox and one audit entry) or nothing is.
//
// Stock follows the inventory rules: the level rows are locked (SELECT ... FOR UPDATE) before the
// guarded UPDATE, whose WHERE keeps on hand >= reserved and whose row count is checked; a level the
// plan expected to create that appeared meanwhile is refused rather than overwritten. Any surprise of
// that kind (someone changed the catalog between validation and writing) aborts the whole import.
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { writeAudit } from "@/lib/audit/log";
import { refreshProductAggregates } from "@/lib/catalog/aggregates";
import { runTransaction, type Tx } from "@/lib/checkout/transaction";
import { releaseExpiredForVariants } from "@/lib/inventory/stock-updates";
import { ColumnBuffer } from "@/lib/seed/bulk-insert";
import { enqueueProductsReindex } from "@/lib/search/topics";
import type { ImportPlan } from "./plan";

export const IMPORT_NOTE = "CSV import";

function conflict(what: string): UserError {
  return new UserError(
    "import_conflict",
    `The catalog changed while the file was being imported (${what}). Nothing was imported; please run the import again.`,
  );
}

async function insertProducts(tx: Tx, plan: ImportPlan, now: Date): Promise<void> {
  if (plan.productsToCreate.length === 0) return;
  const buffer = new ColumnBuffer("Product", {
    id: "text",
    slug: "text",
    title: "text",
    description: "text",
    brandId: "text",
    categoryId: "text",
    status: "ProductStatus",
    currency: "text",
    publishedAt: "timestamp",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  });
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
    const options = new ColumnBuffer("ProductOption", { id: "text", productId: "text", name: "text", position: "int" });
    for (const option of plan.optionsToCreate) options.add(option);
    await options.insert(tx);
  }
  if (plan.valuesToCreate.length > 0) {
    const values = new ColumnBuffer("ProductOptionValue", {
      id: "text",
      optionId: "text",
      value: "text",
      position: "int",
    });
    for (const value of plan.valuesToCreate) values.add(value);
    await values.insert(tx);
  }
}

async function writeVariants(tx: Tx, plan: ImportPlan, now: Date): Promise<void> {
  const at = now.toISOString();
  if (plan.variantsToCreate.length > 0) {
    const buffer = new ColumnBuffer("Variant", {
      id: "text",
      productId: "text",
      sku: "text",
      title: "text",
      priceCents: "int",
      compareAtPriceCents: "int",
      currency: "text",
      weightGrams: "int",
      lowStockThreshold: "int",
      position: "int",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    });
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
  const links = new ColumnBuffer("VariantOptionValue", { variantId: "text", optionValueId: "text" });
  for (const link of plan.links)
    for (const optionValueId of link.optionValueIds) links.add({ variantId: link.variantId, optionValueId });
  if (links.size > 0) await links.insert(tx);
}

interface LevelWrite {
  levelId: string;
  variantId: string;
  locationId: string;
  before: number;
  after: number;
  reason: "INITIAL" | "CORRECTION";
}

async function writeStock(tx: Tx, plan: ImportPlan, actorId: string | null, now: Date): Promise<void> {
  const existing = plan.levels.filter((level) => level.levelId !== null);
  const created = plan.levels.filter((level) => level.levelId === null);
  const writes: LevelWrite[] = [];

  if (existing.length > 0) {
    // Expired reservations still sit in `reserved` until the sweep; the plan already ignored them, so
    // free them now (as the stock adjustment page does) before the guard compares against reserved.
    await releaseExpiredForVariants(tx, [...new Set(existing.map((level) => level.variantId))], now);
    const ids = existing.map((level) => level.levelId!);
    // Lock first (in id order, like every stock writer, to avoid deadlocks), so `before` is exact.
    const locked = await tx.$queryRaw<{ id: string; onHand: number }[]>`
      SELECT id, "onHand" FROM "InventoryLevel" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
    const before = new Map(locked.map((row) => [row.id, row.onHand]));
    const updated = await tx.$queryRaw<{ id: string; onHand: number }[]>`
      UPDATE "InventoryLevel" l SET "onHand" = u."onHand", "updatedAt" = ${now}::timestamp
      FROM unnest(${ids}::text[], ${existing.map((level) => level.onHand)}::int[]) AS u(id, "onHand")
      WHERE l.id = u.id AND l.reserved <= u."onHand"
      RETURNING l.id, l."onHand"`;
    if (updated.length !== existing.length) {
      const done = new Set(updated.map((row) => row.id));
      const refused = existing.find((level) => !done.has(level.levelId!));
      throw new UserError(
        "import_conflict",
        refused
          ? `Row ${refused.row}, ${refused.column}: new orders reserved more units there while the file was being imported. Nothing was imported; please check the stock and run the import again.`
          : "The stock changed while the file was being imported. Nothing was imported; please run the import again.",
      );
    }
    for (const level of existing) {
      writes.push({
        levelId: level.levelId!,
        variantId: level.variantId,
        locationId: level.locationId,
        before: before.get(level.levelId!) ?? 0,
        after: level.onHand,
        reason: "CORRECTION",
      });
    }
  }

  if (created.length > 0) {
    const ids = created.map(() => newId());
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "InventoryLevel" (id, "variantId", "locationId", "onHand", reserved, "updatedAt")
      SELECT u.id, u."variantId", u."locationId", u."onHand", 0, ${now}::timestamp
      FROM unnest(${ids}::text[], ${created.map((level) => level.variantId)}::text[], ${created.map((level) => level.locationId)}::text[],
                  ${created.map((level) => level.onHand)}::int[]) AS u(id, "variantId", "locationId", "onHand")
      ON CONFLICT ("variantId", "locationId") DO NOTHING
      RETURNING id`;
    if (inserted.length !== created.length) throw conflict("stock was added at a location meanwhile");
    created.forEach((level, index) => {
      writes.push({
        levelId: ids[index]!,
        variantId: level.variantId,
        locationId: level.locationId,
        before: 0,
        after: level.onHand,
        reason: level.newVariant ? "INITIAL" : "CORRECTION",
      });
    });
  }

  // The stock ledger: one adjustment per level whose count moved.
  const adjustments = new ColumnBuffer("InventoryAdjustment", {
    id: "text",
    variantId: "text",
    locationId: "text",
    delta: "int",
    reason: "AdjustmentReason",
    note: "text",
    actorId: "text",
    createdAt: "timestamp",
  });
  for (const write of writes) {
    if (write.after === write.before) continue;
    adjustments.add({
      id: newId(),
      variantId: write.variantId,
      locationId: write.locationId,
      delta: write.after - write.before,
      reason: write.reason,
      note: IMPORT_NOTE,
      actorId,
      createdAt: now.toISOString(),
    });
  }
  if (adjustments.size > 0) await adjustments.insert(tx);
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
      // refreshProductAggregates only runs $executeRaw, which the transaction client has.
      await refreshProductAggregates(tx as unknown as Db, touched);
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
