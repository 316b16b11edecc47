// Orders waiting for the warehouse: paid (PAID) or partly shipped (PARTIALLY_FULFILLED), oldest payment
// first, since those are the ones closest to a late delivery. The count and the first rows come from one
// query (count(*) OVER ()), on the (status, createdAt) index.
import type { Db } from "@/lib/db";

export interface AwaitingOrder {
  id: string;
  number: number;
  email: string;
  status: "PAID" | "PARTIALLY_FULFILLED";
  paidAt: Date | null;
  totalCents: number;
  currency: string;
  /** Units ordered and not yet shipped. */
  unitsToShip: number;
  /** Held for a fraud review: it cannot ship until a seller resolves it. */
  fraudReview: boolean;
}

export interface AwaitingFulfilment {
  count: number;
  /** How many of them are held for a fraud review. */
  held: number;
  orders: AwaitingOrder[];
}

export async function awaitingFulfilment(db: Db, limit = 10): Promise<AwaitingFulfilment> {
  const take = Math.min(Math.max(1, Math.floor(limit)), 100);
  const rows = await db.$queryRaw<(AwaitingOrder & { total: number; held: number })[]>`
    SELECT o.id, o.number, o.email, o.status::text AS status, o."paidAt", o."totalCents", o.currency, o."fraudReview",
           COALESCE((SELECT sum(l.quantity - l."fulfilledQuantity") FROM "OrderLine" l WHERE l."orderId" = o.id), 0)::int AS "unitsToShip",
           (count(*) OVER ())::int AS total,
           (count(*) FILTER (WHERE o."fraudReview") OVER ())::int AS held
    FROM "Order" o
    WHERE o.status IN ('PAID', 'PARTIALLY_FULFILLED')
    ORDER BY o."paidAt" ASC NULLS LAST, o.number ASC
    LIMIT ${take}`;
  return {
    count: rows[0]?.total ?? 0,
    held: rows[0]?.held ?? 0,
    orders: rows.map(({ total: _total, held: _held, ...order }) => order),
  };
}
