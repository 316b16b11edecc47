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
import { utcTimestampOf } from "@/lib/db/json-columns";
import type { Promotion } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { SqlTx } from "@/lib/db/transaction";
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

/** A Promotion row as row_to_json writes it: timestamps as UTC text without a zone. */
type PromotionJson = Omit<Promotion, "createdAt" | "updatedAt" | "startsAt" | "endsAt"> & { createdAt: string };

function toLivePromotion(row: PromotionJson): LivePromotion {
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
    createdAt: utcTimestampOf(row.createdAt),
    usageLimit: row.usageLimit,
  };
}

/** A limited promotion's usage (paid + unpaid orders still holding it), for the row `p`. */
function usage(now: Date): Prisma.Sql {
  return Prisma.sql`(p."timesUsed" + (
      SELECT count(DISTINCT o.id) FROM "OrderDiscount" d JOIN "Order" o ON o.id = d."orderId"
      WHERE d."promotionId" = p.id AND o.status = 'PENDING_PAYMENT'
        AND EXISTS (
          SELECT 1 FROM "Reservation" r WHERE r."orderId" = o.id AND r.status = 'ACTIVE' AND r."expiresAt" > ${now}::timestamp
        )
    ))::int`;
}

/**
 * The live promotions as one JSON column, limited ones already used up left out (read without locks: see
 * lockUsedUp), for a caller that reads them in its own query (checkout's first statement); `currency` is
 * an SQL expression. Turn the column into promotions with livePromotionsOf.
 */
export function livePromotionsJson(now: Date, currency: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`coalesce((
      SELECT json_agg(row_to_json(p) ORDER BY p.id) FROM "Promotion" p
      WHERE p.active AND p.currency = ${currency}
        AND (p."startsAt" IS NULL OR p."startsAt" <= ${now}::timestamp)
        AND (p."endsAt" IS NULL OR p."endsAt" > ${now}::timestamp)
        AND (p."usageLimit" IS NULL OR ${usage(now)} < p."usageLimit")
    ), '[]'::json)`;
}

export function livePromotionsOf(column: unknown): LivePromotion[] {
  return Array.isArray(column) ? (column as PromotionJson[]).map(toLivePromotion) : [];
}

/** Live promotions, limited ones already used up left out (read without locks: see lockUsedUp). */
export async function loadLivePromotions(db: Db | SqlTx, now: Date, currency: string): Promise<LivePromotion[]> {
  const [row] = await db.$queryRaw<{ promotions: unknown }[]>`
    SELECT ${livePromotionsJson(now, Prisma.sql`${currency}::text`)} AS promotions`;
  return livePromotionsOf(row?.promotions);
}

/**
 * Locks the limited promotions among `promotions` (in id order, so two checkouts never wait on each other
 * in a circle) and returns the ids of those now used up. The locks are held until the transaction ends:
 * the order that gets a promotion is written before the next checkout counts it.
 */
export async function lockUsedUp(tx: SqlTx, promotions: readonly LivePromotion[], now: Date): Promise<Set<string>> {
  const limited = promotions.filter((promotion) => promotion.usageLimit !== null);
  if (limited.length === 0) return new Set();
  const ids = limited.map((promotion) => promotion.id).sort();
  await tx.$queryRaw`SELECT id FROM "Promotion" WHERE id IN (${Prisma.join(ids)}) ORDER BY id FOR UPDATE`;
  // Read after the lock: the counts and limits are those the previous holder committed.
  const rows = await tx.$queryRaw<{ id: string; used: number; usageLimit: number | null; active: boolean }[]>`
    SELECT p.id, ${usage(now)} AS used, p."usageLimit", p.active FROM "Promotion" p WHERE p.id IN (${Prisma.join(ids)})`;
  return new Set(
    rows.filter((row) => !row.active || (row.usageLimit !== null && row.used >= row.usageLimit)).map((row) => row.id),
  );
}
