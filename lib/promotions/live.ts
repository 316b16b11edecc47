// The promotions a cart can get right now: active, inside their window, in the cart's currency, and (for
// a limited one) not used up. Read live by the cart and checkout (never cached), so a promotion that
// starts or ends between the cart and the payment changes the total, which checkout reports as a price
// change (lib/checkout/place-order.ts, total_changed).
//
// Usage of a limited promotion = paid orders that used it (timesUsed, counted by the guarded update at
// payment: ./redeem.ts) + unpaid orders still holding it (placed, reservation not expired): the same
// count as a limited coupon's. Placing an order locks the limited promotions it gets (lockUsedUp) before
// counting, so concurrent checkouts count one after another and never hand out more than the limit.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Promotion } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { Tx } from "@/lib/db/transaction";
import type { PricingPromotion, PromotionTier } from "@/lib/pricing/promotions";

export interface LivePromotion extends PricingPromotion {
  usageLimit: number | null;
}

/** The tiers column, as written by the admin (lib/promotions/schema.ts); anything else reads as none. */
export function parseTiers(value: Prisma.JsonValue): PromotionTier[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((tier) => {
    if (!tier || typeof tier !== "object" || Array.isArray(tier)) return [];
    const { minCents, offCents } = tier as Record<string, unknown>;
    return Number.isSafeInteger(minCents) && Number.isSafeInteger(offCents)
      ? [{ minCents: minCents as number, offCents: offCents as number }]
      : [];
  });
}

export function toLivePromotion(row: Promotion): LivePromotion {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    scope: row.scope,
    targetIds: row.targetIds,
    valueBps: row.valueBps,
    amountCents: row.amountCents,
    buyQuantity: row.buyQuantity,
    getQuantity: row.getQuantity,
    tiers: parseTiers(row.tiers),
    minSubtotalCents: row.minSubtotalCents,
    shippingZone: row.shippingZone,
    priority: row.priority,
    combinesWithCoupons: row.combinesWithCoupons,
    combinesWithPromotions: row.combinesWithPromotions,
    createdAt: row.createdAt,
    usageLimit: row.usageLimit,
  };
}

/** Each promotion's usage (paid + unpaid orders still holding it), for the limited ones among `ids`. */
async function usageOf(db: Db | Tx, ids: readonly string[], now: Date): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; used: number }[]>`
    SELECT p.id, (p."timesUsed" + (
      SELECT count(DISTINCT o.id) FROM "OrderDiscount" d JOIN "Order" o ON o.id = d."orderId"
      WHERE d."promotionId" = p.id AND o.status = 'PENDING_PAYMENT'
        AND EXISTS (
          SELECT 1 FROM "Reservation" r WHERE r."orderId" = o.id AND r.status = 'ACTIVE' AND r."expiresAt" > ${now}
        )
    ))::int AS used
    FROM "Promotion" p WHERE p.id IN (${Prisma.join(ids)})`;
  return new Map(rows.map((row) => [row.id, row.used]));
}

/** Live promotions, limited ones already used up left out (read without locks: see lockUsedUp). */
export async function loadLivePromotions(db: Db | Tx, now: Date, currency: string): Promise<LivePromotion[]> {
  const rows = await db.promotion.findMany({
    where: {
      active: true,
      currency,
      AND: [
        { OR: [{ startsAt: null }, { startsAt: { lte: now } }] },
        { OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
      ],
    },
  });
  const live = rows.map(toLivePromotion);
  const usage = await usageOf(
    db,
    live.filter((promotion) => promotion.usageLimit !== null).map((promotion) => promotion.id),
    now,
  );
  return live.filter(
    (promotion) => promotion.usageLimit === null || (usage.get(promotion.id) ?? 0) < promotion.usageLimit,
  );
}

/**
 * Locks the limited promotions among `promotions` (in id order, so two checkouts never wait on each other
 * in a circle) and returns the ids of those now used up. The locks are held until the transaction ends:
 * the order that gets a promotion is written before the next checkout counts it.
 */
export async function lockUsedUp(tx: Tx, promotions: readonly LivePromotion[], now: Date): Promise<Set<string>> {
  const limited = promotions.filter((promotion) => promotion.usageLimit !== null);
  if (limited.length === 0) return new Set();
  const ids = limited.map((promotion) => promotion.id).sort();
  await tx.$queryRaw`SELECT id FROM "Promotion" WHERE id IN (${Prisma.join(ids)}) ORDER BY id FOR UPDATE`;
  // Read after the lock: the counts are those the previous holder committed.
  const usage = await usageOf(tx, ids, now);
  const limits = await tx.promotion.findMany({
    where: { id: { in: ids } },
    select: { id: true, usageLimit: true, active: true },
  });
  return new Set(
    limits
      .filter((row) => !row.active || (row.usageLimit !== null && (usage.get(row.id) ?? 0) >= row.usageLimit))
      .map((row) => row.id),
  );
}
