// Live availability: how many units of a variant can still be sold right now. Never cached: the product
// page reads it on every request (inside a <Suspense> boundary), so a stock change or a new reservation
// shows on the next request without any cache invalidation.
//
//   available = Σ over active locations of (onHand − reserved)
//             + Σ quantity of ACTIVE reservations whose expiresAt has passed, at those locations
//   clamped at 0.
//
// The second term exists because expired reservations are released by a periodic sweep: until it runs,
// their quantity still sits in `reserved`, and an abandoned checkout must not hide stock from shoppers.
// Inactive locations are left out because checkout does not allocate from them.
// No "server-only" import: checkout code and Vitest call this outside Next; it holds no secrets.
import type { Db } from "@/lib/db";
import { ReservationStatus } from "@/lib/generated/prisma/enums";

export type Availability = Record<string, number>;

/** Available units per variant id; every requested id is present (0 when it has no stock rows). */
export async function getAvailability(
  db: Db,
  variantIds: readonly string[],
  now: Date = new Date(),
): Promise<Availability> {
  const ids = [...new Set(variantIds)];
  const result: Availability = Object.fromEntries(ids.map((id) => [id, 0]));
  if (ids.length === 0) return result;

  const [levels, expired] = await Promise.all([
    db.inventoryLevel.groupBy({
      by: ["variantId"],
      where: { variantId: { in: ids }, location: { active: true } },
      _sum: { onHand: true, reserved: true },
    }),
    db.reservation.groupBy({
      by: ["variantId"],
      where: {
        variantId: { in: ids },
        status: ReservationStatus.ACTIVE,
        expiresAt: { lte: now },
        location: { active: true },
      },
      _sum: { quantity: true },
    }),
  ]);

  const raw = new Map<string, number>();
  for (const level of levels) {
    raw.set(level.variantId, (level._sum.onHand ?? 0) - (level._sum.reserved ?? 0));
  }
  for (const reservation of expired) {
    raw.set(reservation.variantId, (raw.get(reservation.variantId) ?? 0) + (reservation._sum.quantity ?? 0));
  }
  for (const [variantId, quantity] of raw) result[variantId] = Math.max(0, quantity);
  return result;
}

/** Available units of one variant. */
export async function getVariantAvailability(db: Db, variantId: string, now: Date = new Date()): Promise<number> {
  const availability = await getAvailability(db, [variantId], now);
  return availability[variantId] ?? 0;
}
