// Stock moved by returns and exchanges (lib/orders/returns-*.ts), the only stock writes they make:
//   - a returned unit the seller received as resellable goes back on sale at the location the seller
//     chose: onHand up through the same guarded upsert as receiving a delivery (./stock-changes.ts
//     addUnits, its row count checked), with a RETURN adjustment naming the order. A damaged unit writes
//     no stock at all: it never becomes sellable (the return line records it);
//   - an exchange's new variant is taken when the return is approved, exactly as a paid checkout takes
//     its units: reserveStock's guarded reservation (refused with OutOfStockError when the variant sold out
//     meanwhile), then commitReservations' guarded sale with its SALE adjustment, both in the caller's
//     transaction, so nothing is written when either is refused;
//   - a dearer exchange's variant is only reserved when approved, expiring like an unpaid checkout's hold,
//     and sold when the shopper pays the difference; unpaid, its hold is released.
import type { Tx } from "@/lib/db/transaction";
import { UserError } from "@/lib/errors";
import { addUnits } from "./stock-changes";
import { commitReservations } from "./commit";
import { reserveStock } from "./reservations";
import { InventoryInvariantError, OutOfStockError } from "./stock-errors";
import { queueStockCrossings, releaseOne, type HeldReservation } from "./stock-updates";

export interface RestockReturnInput {
  variantId: string;
  locationId: string;
  /** Positive whole units. */
  quantity: number;
  order: { id: string; number: number };
  actorId: string | null;
  now: Date;
}

/** Puts received, resellable units back on sale at the chosen location, with their RETURN ledger row. */
export async function restockReturnedUnits(tx: Tx, input: RestockReturnInput): Promise<void> {
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) {
    throw new RangeError(`returned quantity must be a positive integer, got ${input.quantity}`);
  }
  const location = await tx.location.findUnique({
    where: { id: input.locationId },
    select: { id: true, name: true, active: true },
  });
  if (!location) throw new UserError("unknown_location", "That location does not exist. Reload the page.");
  await addUnits(tx, input.variantId, location, input.quantity, input.now);
  await tx.inventoryAdjustment.create({
    data: {
      variantId: input.variantId,
      locationId: location.id,
      delta: input.quantity,
      reason: "RETURN",
      note: `Returned from order #${input.order.number}`,
      actorId: input.actorId,
      orderId: input.order.id,
      createdAt: input.now,
    },
  });
  if (location.active) await queueStockCrossings(tx, [{ variantId: input.variantId, quantity: input.quantity }], "up");
}

export interface ExchangeUnitsInput {
  orderId: string;
  /** The order line the exchange ships as. */
  orderLineId: string;
  variantId: string;
  quantity: number;
  now: Date;
}

/**
 * Takes the exchange's units out of stock for the order (reserve, then sell, as checkout and payment
 * do). Throws OutOfStockError when the variant no longer has them; the caller's transaction rolls back.
 */
export async function takeExchangeUnits(tx: Tx, input: ExchangeUnitsInput): Promise<void> {
  await holdExchangeUnits(tx, {
    ...input,
    // Committed a few statements below, in this transaction: the expiry never matters.
    expiresAt: new Date(input.now.getTime() + 15 * 60_000),
  });
  await sellLineReservations(tx, input);
}

/**
 * Holds a dearer exchange's units until the shopper pays the difference: checkout's guarded reservation,
 * expiring at `expiresAt` like an unpaid order's (the sweep releases it then). Throws OutOfStockError when
 * the variant no longer has them.
 */
export async function holdExchangeUnits(tx: Tx, input: ExchangeUnitsInput & { expiresAt: Date }): Promise<void> {
  await reserveStock(tx, {
    orderId: input.orderId,
    lines: [{ orderLineId: input.orderLineId, variantId: input.variantId, quantity: input.quantity }],
    expiresAt: input.expiresAt,
    now: input.now,
  });
}

/**
 * Sells a held exchange once its difference is paid. A hold that expired and was released meanwhile is
 * taken again if the stock is still there (as a late checkout payment is); otherwise OutOfStockError.
 */
export async function sellHeldExchangeUnits(tx: Tx, input: ExchangeUnitsInput): Promise<void> {
  const held = await activeLineReservations(tx, input.orderLineId);
  const heldUnits = held.reduce((sum, reservation) => sum + reservation.quantity, 0);
  if (heldUnits < input.quantity) {
    for (const reservation of held) await releaseOne(tx, reservation);
    await holdExchangeUnits(tx, { ...input, expiresAt: new Date(input.now.getTime() + 15 * 60_000) });
  }
  await sellLineReservations(tx, input);
}

/** Gives a dearer exchange's held units back (unpaid when its hold ran out). Idempotent. */
export async function releaseExchangeHold(tx: Tx, orderLineId: string): Promise<number> {
  const givenBack: { variantId: string; quantity: number }[] = [];
  for (const reservation of await activeLineReservations(tx, orderLineId)) {
    if (await releaseOne(tx, reservation)) givenBack.push(reservation);
  }
  await queueStockCrossings(tx, givenBack, "up");
  return givenBack.reduce((sum, entry) => sum + entry.quantity, 0);
}

async function activeLineReservations(tx: Tx, orderLineId: string): Promise<HeldReservation[]> {
  return tx.$queryRaw<HeldReservation[]>`
    SELECT r.id, r."orderLineId", r."variantId", r."locationId", l.id AS "levelId", r.quantity, r.status::text AS status
    FROM "Reservation" r
    JOIN "InventoryLevel" l ON l."variantId" = r."variantId" AND l."locationId" = r."locationId"
    WHERE r."orderLineId" = ${orderLineId} AND r.status = 'ACTIVE'
    ORDER BY l.id, r.id`;
}

async function sellLineReservations(tx: Tx, input: ExchangeUnitsInput): Promise<void> {
  const reservations = await activeLineReservations(tx, input.orderLineId);
  // Only this line's holdings: the order's other lines were settled when it was paid.
  const result = await commitReservations(tx, input.orderId, input.now, {
    lines: [{ id: input.orderLineId, variantId: input.variantId, quantity: input.quantity }],
    reservations,
  });
  if (result.notHonoured.length > 0) {
    throw new InventoryInvariantError(`exchange line ${input.orderLineId}: reserved units could not be sold`);
  }
}

export { OutOfStockError };
