// Best sellers over a period, by units and by revenue, from order lines of orders PAID in the period
// (same orders as ./sales.ts: store currency, paid day in the store time zone).
//   units   = Σ quantity
//   revenue = Σ (unitPriceCents × quantity − discountCents): goods after discounts, before tax and
//             shipping, and not reduced by refunds (refunds are order-level, not per product).
// Lines keep their product id while the product exists; lines of a deleted product are grouped under
// their snapshot title. One SQL aggregate ranks both ways and returns the union of both top lists.
import type { Db } from "@/lib/db";
import { addDays, dayStartUtcSql, lastDays } from "./period";
import type { PeriodInput } from "./sales";

export interface TopProduct {
  /** null when the product has been deleted since (title is then the order lines' snapshot). */
  productId: string | null;
  slug: string | null;
  title: string;
  units: number;
  revenueCents: number;
}

export interface TopProducts {
  currency: string;
  byUnits: TopProduct[];
  byRevenue: TopProduct[];
}

export async function topProducts(db: Db, input: PeriodInput & { limit?: number }): Promise<TopProducts> {
  const limit = Math.min(Math.max(1, Math.floor(input.limit ?? 5)), 50);
  const { firstDay, lastDay } = lastDays(input.now, input.days, input.timeZone);
  const start = dayStartUtcSql(firstDay, input.timeZone);
  const end = dayStartUtcSql(addDays(lastDay, 1), input.timeZone);
  const rows = await db.$queryRaw<
    (Omit<TopProduct, "revenueCents"> & { revenue: bigint; byUnits: bigint; byRevenue: bigint })[]
  >`
    WITH lines AS (
      SELECT l."productId", CASE WHEN l."productId" IS NULL THEN l.title END AS "orphanTitle",
             min(l.title) AS "lineTitle",
             sum(l.quantity)::int AS units,
             sum(l."unitPriceCents"::bigint * l.quantity - l."discountCents")::bigint AS revenue
      FROM "OrderLine" l
      JOIN "Order" o ON o.id = l."orderId"
      WHERE o."paidAt" >= ${start} AND o."paidAt" < ${end} AND o.currency = ${input.currency}
      GROUP BY 1, 2
    ), ranked AS (
      SELECT lines.*, p.slug, COALESCE(p.title, lines."lineTitle") AS title,
             row_number() OVER (ORDER BY units DESC, revenue DESC, COALESCE(p.title, lines."lineTitle")) AS "byUnits",
             row_number() OVER (ORDER BY revenue DESC, units DESC, COALESCE(p.title, lines."lineTitle")) AS "byRevenue"
      FROM lines LEFT JOIN "Product" p ON p.id = lines."productId"
    )
    SELECT "productId", slug, title, units, revenue, "byUnits", "byRevenue"
    FROM ranked WHERE "byUnits" <= ${limit} OR "byRevenue" <= ${limit}`;
  const products = rows.map((row) => ({
    product: {
      productId: row.productId,
      slug: row.slug,
      title: row.title,
      units: row.units,
      revenueCents: Number(row.revenue),
    },
    byUnits: Number(row.byUnits),
    byRevenue: Number(row.byRevenue),
  }));
  const pick = (key: "byUnits" | "byRevenue") =>
    products
      .filter((entry) => entry[key] <= limit)
      .sort((a, b) => a[key] - b[key])
      .map((entry) => entry.product);
  return { currency: input.currency, byUnits: pick("byUnits"), byRevenue: pick("byRevenue") };
}
