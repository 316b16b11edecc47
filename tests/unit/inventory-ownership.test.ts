// lib/inventory owns its numbers: InventoryLevel.onHand and .reserved and the Reservation rows are
// written only there (guarded, in the caller's transaction, with the stock ledger), as Medusa's inventory
// module is the only writer of its reservations. This reads every source file outside lib/inventory and
// fails on a write of either table, in SQL text or through Prisma, so that stays true.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["app", "components", "lib", "scripts"];
const OWNER = "lib/inventory/";
const SKIPPED = ["lib/generated/"];
/**
 * Writers allowed outside lib/inventory, with the reason. The seed bulk-loads the opening stock of new
 * variants (a fresh store, or the synthetic benchmark catalog): no reservation can exist on them yet,
 * and every unit gets its INITIAL adjustment in the same load.
 */
const ALLOWED: Record<string, string> = {
  "lib/seed/catalog-rows.ts": "bulk opening stock of newly seeded variants",
  // The demo's past orders, loaded in the same transaction as the stock they explain: each paid line's
  // reservation, already COMMITTED (nothing reserved), with its SALE adjustment; no live hold is written.
  "lib/seed/order-rows.ts": "COMMITTED reservations of the demo's seeded past orders",
};

const TABLE_WRITE =
  /\b(?:UPDATE|INSERT\s+INTO|DELETE\s+FROM|COPY|TRUNCATE)\s+(?:ONLY\s+)?"(?:InventoryLevel|Reservation)"/i;
const BULK_WRITE = /ColumnBuffer\(\s*["'](?:InventoryLevel|Reservation)["']/;
const PRISMA_WRITE =
  /\b(?:inventoryLevel|reservation)\s*\.\s*(?:create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\s*\(/;
// Nested writes through a relation (variant.inventory, order.reservations, ...).
const NESTED_WRITE =
  /\b(?:inventory|inventoryLevels?|reservations?)\s*:\s*\{\s*(?:create|createMany|connectOrCreate|upsert|update|updateMany|set|delete|deleteMany)\b/;
const COLUMN_ASSIGNMENT = /\bSET\b[^;`]*?(?:"onHand"|\breserved)\s*=(?!=)/i;

/** The reasons a text writes stock, empty when it does not. */
export function stockWrites(text: string): string[] {
  const found: string[] = [];
  for (const [name, pattern] of Object.entries({
    TABLE_WRITE,
    BULK_WRITE,
    PRISMA_WRITE,
    NESTED_WRITE,
    COLUMN_ASSIGNMENT,
  })) {
    const match = pattern.exec(text);
    if (match) found.push(`${name}: ${match[0].replace(/\s+/g, " ").slice(0, 80)}`);
  }
  return found;
}

function sourceFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory)) {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) files.push(...sourceFiles(full));
    else if (/\.(?:ts|tsx|mts|js|mjs)$/.test(entry)) files.push(full);
  }
  return files;
}

describe("the stock detector", () => {
  it.each([
    ['UPDATE "InventoryLevel" SET "onHand" = "onHand" + 1 WHERE id = $1'],
    ['insert into "InventoryLevel" (id, "variantId") values ($1, $2)'],
    ["UPDATE \"Reservation\" SET status = 'RELEASED'"],
    ['new ColumnBuffer("InventoryLevel", { id: "text" })'],
    ["await tx.inventoryLevel.create({ data: { variantId, onHand: 3 } })"],
    ["await tx.reservation.updateMany({ where: { orderId }, data: { expiresAt } })"],
    ["await tx.variant.create({ data: { sku, inventory: { create: { locationId, onHand: 5 } } } })"],
    ['UPDATE "Level" l SET reserved = reserved - 1'],
  ])("sees a write in %s", (text) => {
    expect(stockWrites(text)).not.toEqual([]);
  });

  it.each([
    ['SELECT l."onHand" - l.reserved FROM "InventoryLevel" l'],
    ["db.inventoryLevel.findMany({ where: { variantId } })"],
    ["tx.reservation.groupBy({ by: ['variantId'] })"],
    ['WHERE l."onHand" - l.reserved >= ${quantity}'],
  ])("reads are not writes: %s", (text) => {
    expect(stockWrites(text)).toEqual([]);
  });
});

describe("lib/inventory owns onHand, reserved and reservations", () => {
  it("no file outside lib/inventory writes them", () => {
    const files = SCANNED.flatMap((directory) => sourceFiles(path.join(ROOT, directory)));
    expect(files.length).toBeGreaterThan(200);
    const offenders: string[] = [];
    for (const file of files) {
      const relative = path.relative(ROOT, file).split(path.sep).join("/");
      if (relative.startsWith(OWNER) || SKIPPED.some((prefix) => relative.startsWith(prefix))) continue;
      if (ALLOWED[relative]) continue;
      for (const write of stockWrites(readFileSync(file, "utf8"))) offenders.push(`${relative}: ${write}`);
    }
    expect(offenders, "stock must change through lib/inventory (stock-changes, reservations, release, commit)").toEqual(
      [],
    );
  });

  it("every allowed exception still writes stock (a stale entry is removed, not kept)", () => {
    for (const relative of Object.keys(ALLOWED)) {
      expect(stockWrites(readFileSync(path.join(ROOT, relative), "utf8")), relative).not.toEqual([]);
    }
  });
});
