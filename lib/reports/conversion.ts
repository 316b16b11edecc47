// Cart conversion over a period, defined as a cohort so it is a true share (never above 100 %):
//
//   conversion = carts CREATED in the period that led to at least one PAID order (ever, even after the
//                period ended)  /  carts CREATED in the period.
//
// Both sides count carts, not orders: a shopper whose first payment was declined and who paid on the
// second try is one converted cart, not two orders against one cart. Every cart counts, guest or
// signed in, whatever currency (a cart is the storefront's unit of "someone started to buy").
// Caveat: abandoned carts are purged 30 days after their last change (lib/cart/cart.ts), so a period
// reaching further back than that loses carts that never converted and overstates the rate; the
// dashboard's 30-day window is inside that retention.
import type { Db } from "@/lib/db";
import { addDays, dayStartUtcSql, lastDays } from "./period";
import type { PeriodInput } from "./sales";

export interface Conversion {
  cartsCreated: number;
  cartsConverted: number;
  /** 0..1, null when no cart was created (there is nothing to divide). */
  rate: number | null;
}

export async function cartConversion(
  db: Db,
  input: Pick<PeriodInput, "now" | "days" | "timeZone">,
): Promise<Conversion> {
  const { firstDay, lastDay } = lastDays(input.now, input.days, input.timeZone);
  const start = dayStartUtcSql(firstDay, input.timeZone);
  const end = dayStartUtcSql(addDays(lastDay, 1), input.timeZone);
  // A hash semi-join on the paid orders' cart ids (orders are placed after their cart was created, so only
  // orders created since the period start can belong to its carts), not a correlated lookup per cart.
  const [row] = await db.$queryRaw<{ created: number; converted: number }[]>`
    SELECT count(*)::int AS created, count(paid."cartId")::int AS converted
    FROM "Cart" c
    LEFT JOIN (
      SELECT DISTINCT o."cartId" FROM "Order" o
      WHERE o."cartId" IS NOT NULL AND o."paidAt" IS NOT NULL AND o."createdAt" >= ${start}
    ) paid ON paid."cartId" = c.id
    WHERE c."createdAt" >= ${start} AND c."createdAt" < ${end}`;
  const cartsCreated = row?.created ?? 0;
  const cartsConverted = row?.converted ?? 0;
  return { cartsCreated, cartsConverted, rate: cartsCreated === 0 ? null : cartsConverted / cartsCreated };
}
