// Counting a limited promotion when its order is paid: one guarded conditional update per promotion the
// order got (timesUsed + 1 only while below the limit), checked by row count. Checkout already counted
// unpaid holders under a lock (./live.ts), so this refuses only when the count moved meanwhile (an
// order's reservation expired, the promotion went to other orders, then its payment arrived): the
// caller then refunds instead of honouring a discount past its limit. Unlimited promotions are not
// counted, so a store-wide sale never makes every payment wait on one row.
import type { SqlTx } from "@/lib/db/transaction";

/** true when every limited promotion of the order was counted; false (nothing counted) otherwise. */
export async function countPromotionUses(tx: SqlTx, orderId: string, now: Date): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ wanted: number; counted: number }[]>`
    WITH wanted AS (
      SELECT DISTINCT p.id FROM "OrderDiscount" d JOIN "Promotion" p ON p.id = d."promotionId"
      WHERE d."orderId" = ${orderId} AND p."usageLimit" IS NOT NULL
    ), counted AS (
      UPDATE "Promotion" SET "timesUsed" = "timesUsed" + 1, "updatedAt" = ${now}
      WHERE id IN (SELECT id FROM wanted) AND "timesUsed" < "usageLimit"
      RETURNING id
    )
    SELECT (SELECT count(*) FROM wanted)::int AS wanted, (SELECT count(*) FROM counted)::int AS counted`;
  return (row?.wanted ?? 0) === (row?.counted ?? 0);
}
