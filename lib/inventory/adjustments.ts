// Manual stock changes by staff: adjustments (received, damaged, correction) and transfers between
// locations. Each is one transaction:
//   1. the guarded conditional write of the InventoryLevel, row count checked (./stock-changes.ts).
//      Removing units keeps available (onHand − reserved) at 0 or more, so units promised to shoppers
//      are never removed, whatever runs concurrently (the row lock makes parallel adjustments queue and
//      re-check); adding units creates the level at a location that had none;
//   2. the InventoryAdjustment row(s) (the stock ledger) and the audit entry;
//   3. when the variant's availability crossed zero, the product's search reindex in the outbox, and when
//      it came back from zero, the back-in-stock emails of its subscribers (./back-in-stock.ts).
// Refusals are UserErrors thrown inside the transaction, so a refused change writes nothing.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/log";
import { runTransaction, type Tx } from "@/lib/db/transaction";
import { enqueueReindexIfStockCrossedZero } from "@/lib/outbox/search-reindex";
import {
  adjustStockSchema,
  parseInventoryInput,
  transferStockSchema,
  type AdjustStockInput,
  type TransferStockInput,
} from "./schemas";
import { notifyBackInStock } from "./back-in-stock";
import { variantAvailableSql } from "./stock-sql";
import { addUnits, removeUnits, type LevelRow } from "./stock-changes";

/** Who made the change (a SessionUser fits). */
export interface StockActor {
  id: string;
}

export interface LevelAfter {
  levelId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  /** onHand − reserved at this location. */
  available: number;
}

export interface StockChangeResult {
  variantId: string;
  productId: string;
  levels: LevelAfter[];
  /** The variant's total availability (as the storefront computes it) after the change. */
  variantAvailable: number;
  /** The product's search document was queued for refresh (availability crossed zero). */
  reindexQueued: boolean;
}

interface VariantTarget {
  id: string;
  productId: string;
  sku: string;
}

interface LocationTarget {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

async function loadVariant(tx: Tx, variantId: string): Promise<VariantTarget> {
  const variant = await tx.variant.findUnique({
    where: { id: variantId },
    select: { id: true, productId: true, sku: true },
  });
  if (!variant) throw new UserError("unknown_variant", "That variant does not exist (it may have been deleted).");
  return variant;
}

async function loadLocation(tx: Tx, locationId: string): Promise<LocationTarget> {
  const location = await tx.location.findUnique({
    where: { id: locationId },
    select: { id: true, code: true, name: true, active: true },
  });
  if (!location) throw new UserError("unknown_location", "That location does not exist.");
  return location;
}

/**
 * After the change (its level rows still locked by this transaction): the variant's availability, and
 * the product's reindex queued when it crossed zero (and its back-in-stock alerts when it came back). `activeDelta` is the change in units at ACTIVE
 * locations (inactive ones do not count for the storefront), so before = after − activeDelta.
 */
async function syncSearchIfCrossed(tx: Tx, variant: VariantTarget, activeDelta: number, now: Date) {
  const [row] = await tx.$queryRaw<
    { available: number }[]
  >`SELECT ${variantAvailableSql(Prisma.sql`${variant.id}`, now)} AS available`;
  const availableAfter = row?.available ?? 0;
  const availableBefore = Math.max(0, availableAfter - activeDelta);
  const reindexQueued = await enqueueReindexIfStockCrossedZero(tx, {
    productId: variant.productId,
    availableBefore,
    availableAfter,
  });
  if (availableBefore === 0 && availableAfter > 0) await notifyBackInStock(tx, [variant.id], now);
  return { availableAfter, reindexQueued };
}

const levelAfter = (row: LevelRow, locationId: string): LevelAfter => ({
  levelId: row.id,
  locationId,
  onHand: row.onHand,
  reserved: row.reserved,
  available: row.onHand - row.reserved,
});

/**
 * Adds (delta > 0) or removes (delta < 0) units of a variant at a location, with a reason and note.
 * Refused with a UserError, writing nothing: bad input (zero, a reason contradicting the sign, ...),
 * an unknown variant or location, or a removal that would take available below zero.
 */
export async function adjustStock(
  db: Db,
  actor: StockActor,
  input: AdjustStockInput,
  options: { now?: Date } = {},
): Promise<StockChangeResult> {
  const data = parseInventoryInput(adjustStockSchema, input);
  const now = options.now ?? new Date();
  return runTransaction(db, async (tx) => {
    const variant = await loadVariant(tx, data.variantId);
    const location = await loadLocation(tx, data.locationId);
    const row =
      data.delta > 0
        ? await addUnits(tx, variant.id, location, data.delta, now)
        : await removeUnits(tx, variant.id, location, -data.delta, now);
    await tx.inventoryAdjustment.create({
      data: {
        variantId: variant.id,
        locationId: location.id,
        delta: data.delta,
        reason: data.reason,
        note: data.note,
        actorId: actor.id,
        createdAt: now,
      },
    });
    const search = await syncSearchIfCrossed(tx, variant, location.active ? data.delta : 0, now);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "inventory.adjust",
      entityType: "Variant",
      entityId: variant.id,
      data: {
        sku: variant.sku,
        locationId: location.id,
        locationCode: location.code,
        delta: data.delta,
        reason: data.reason,
        note: data.note,
        onHandBefore: row.onHand - data.delta,
        onHandAfter: row.onHand,
        reserved: row.reserved,
      },
    });
    return {
      variantId: variant.id,
      productId: variant.productId,
      levels: [levelAfter(row, location.id)],
      variantAvailable: search.availableAfter,
      reindexQueued: search.reindexQueued,
    };
  });
}

/**
 * Moves units of a variant from one location to another: a guarded removal at the source (only
 * available units move; reserved ones stay with their orders) and an addition at the destination
 * (creating its level if needed), with TRANSFER_OUT / TRANSFER_IN ledger rows, in one transaction.
 */
export async function transferStock(
  db: Db,
  actor: StockActor,
  input: TransferStockInput,
  options: { now?: Date } = {},
): Promise<StockChangeResult> {
  const data = parseInventoryInput(transferStockSchema, input);
  const now = options.now ?? new Date();
  return runTransaction(db, async (tx) => {
    const variant = await loadVariant(tx, data.variantId);
    const from = await loadLocation(tx, data.fromLocationId);
    const to = await loadLocation(tx, data.toLocationId);
    // Lock both levels in id order first (as checkout does): a transfer A→B beside one B→A would
    // otherwise lock the two rows in opposite orders and deadlock. The guarded updates below still
    // decide; this only orders the waiting.
    await tx.$queryRaw`
      SELECT id FROM "InventoryLevel"
      WHERE "variantId" = ${variant.id} AND "locationId" IN (${from.id}, ${to.id})
      ORDER BY id FOR UPDATE`;
    const source = await removeUnits(tx, variant.id, from, data.quantity, now);
    const destination = await addUnits(tx, variant.id, to, data.quantity, now);
    await tx.inventoryAdjustment.createMany({
      data: [
        {
          variantId: variant.id,
          locationId: from.id,
          delta: -data.quantity,
          reason: "TRANSFER_OUT",
          note: data.note,
          actorId: actor.id,
          createdAt: now,
        },
        {
          variantId: variant.id,
          locationId: to.id,
          delta: data.quantity,
          reason: "TRANSFER_IN",
          note: data.note,
          actorId: actor.id,
          createdAt: now,
        },
      ],
    });
    const activeDelta = (to.active ? data.quantity : 0) - (from.active ? data.quantity : 0);
    const search = await syncSearchIfCrossed(tx, variant, activeDelta, now);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "inventory.transfer",
      entityType: "Variant",
      entityId: variant.id,
      data: {
        sku: variant.sku,
        quantity: data.quantity,
        note: data.note,
        from: { locationId: from.id, locationCode: from.code, onHandAfter: source.onHand },
        to: { locationId: to.id, locationCode: to.code, onHandAfter: destination.onHand },
      },
    });
    return {
      variantId: variant.id,
      productId: variant.productId,
      levels: [levelAfter(source, from.id), levelAfter(destination, to.id)],
      variantAvailable: search.availableAfter,
      reindexQueued: search.reindexQueued,
    };
  });
}

export interface AdjustmentEntry {
  id: string;
  createdAt: Date;
  delta: number;
  reason: string;
  note: string | null;
  location: { id: string; code: string; name: string };
  actor: { email: string; name: string | null } | null;
  order: { id: string; number: number } | null;
}

/** The variant's stock ledger, newest first: manual changes with their actor, sales with their order. */
export async function adjustmentHistory(db: Db, variantId: string, take = 25): Promise<AdjustmentEntry[]> {
  return db.inventoryAdjustment.findMany({
    where: { variantId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      createdAt: true,
      delta: true,
      reason: true,
      note: true,
      location: { select: { id: true, code: true, name: true } },
      actor: { select: { email: true, name: true } },
      order: { select: { id: true, number: true } },
    },
  });
}
