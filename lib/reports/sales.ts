// Revenue and orders per day, and the KPIs derived from them. Definitions (also in docs/reports-and-csv.md):
//
//   - An order counts on the calendar day (store time zone, ./period.ts) it was PAID (`paidAt`), in the
//     store currency only. Unpaid orders (pending, declined, expired) never count. An order that was
//     paid and later cancelled or refunded still counts as an order; its refunds reduce net revenue.
//   - Gross revenue: Σ totalCents of those orders (goods after discounts, plus shipping and tax), i.e.
//     what customers paid.
//   - Refunds: Σ refundedCents of those same orders, whenever the refund happened. Revenue is therefore
//     NET OF REFUNDS, attributed to the day of the original payment: a refund today of last week's order
//     lowers last week's bar. That keeps each day's figure "what that day's sales ended up being worth".
//   - Net revenue = gross − refunds.
//   - Average order value = gross revenue / orders, in integer minor units rounded half up (exact
//     integer arithmetic, never floats); 0 when there are no orders. Gross, not net: AOV describes the
//     basket at checkout, refunds are reported separately.
//
// One SQL aggregate returns every day of the period, zero-filled by generate_series, so the chart never
// skips a day and no order is ever loaded into memory.
import type { Db } from "@/lib/db";
import { addDays, dayStartUtcSql, lastDays, localDateSql } from "./period";
import { Prisma } from "@/lib/generated/prisma/client";

export interface DayPoint {
  /** YYYY-MM-DD in the store time zone. */
  date: string;
  orders: number;
  grossCents: number;
  refundedCents: number;
  netCents: number;
}

export interface SalesTotals {
  orders: number;
  grossCents: number;
  refundedCents: number;
  netCents: number;
  averageOrderValueCents: number;
}

export interface SalesSeries {
  currency: string;
  timeZone: string;
  firstDay: string;
  lastDay: string;
  days: DayPoint[];
  totals: SalesTotals;
}

export interface PeriodInput {
  now: Date;
  days: number;
  currency: string;
  timeZone: string;
}

/** Integer division rounded half up, exact for any safe integers (BigInt inside). */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0) return 0;
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const sign = n < 0n ? -1n : 1n;
  const magnitude = (2n * (sign * n) + d) / (2n * d);
  return Number(sign * magnitude);
}

export function salesTotals(days: readonly DayPoint[]): SalesTotals {
  const orders = days.reduce((sum, day) => sum + day.orders, 0);
  const grossCents = days.reduce((sum, day) => sum + day.grossCents, 0);
  const refundedCents = days.reduce((sum, day) => sum + day.refundedCents, 0);
  return {
    orders,
    grossCents,
    refundedCents,
    netCents: grossCents - refundedCents,
    averageOrderValueCents: divideRoundHalfUp(grossCents, orders),
  };
}

export function assertPeriod(input: PeriodInput): void {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 366)
    throw new RangeError(`days must be 1..366, got ${input.days}`);
  if (!/^[A-Z]{3}$/.test(input.currency))
    throw new RangeError(`currency must be an ISO 4217 code, got ${input.currency}`);
}

export async function salesSeries(db: Db, input: PeriodInput): Promise<SalesSeries> {
  assertPeriod(input);
  const { firstDay, lastDay } = lastDays(input.now, input.days, input.timeZone);
  const start = dayStartUtcSql(firstDay, input.timeZone);
  const end = dayStartUtcSql(addDays(lastDay, 1), input.timeZone);
  const rows = await db.$queryRaw<{ date: string; orders: number; gross: bigint; refunded: bigint }[]>`
    WITH paid AS (
      SELECT ${localDateSql(Prisma.sql`o."paidAt"`, input.timeZone)} AS day,
             count(*)::int AS orders,
             sum(o."totalCents")::bigint AS gross,
             sum(o."refundedCents")::bigint AS refunded
      FROM "Order" o
      WHERE o."paidAt" >= ${start} AND o."paidAt" < ${end} AND o.currency = ${input.currency}
      GROUP BY 1
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS date,
           COALESCE(paid.orders, 0)::int AS orders,
           COALESCE(paid.gross, 0)::bigint AS gross,
           COALESCE(paid.refunded, 0)::bigint AS refunded
    FROM generate_series(${firstDay}::date, ${lastDay}::date, interval '1 day') AS d(day)
    LEFT JOIN paid ON paid.day = d.day::date
    ORDER BY d.day`;
  const days = rows.map((row) => {
    const grossCents = Number(row.gross);
    const refundedCents = Number(row.refunded);
    return { date: row.date, orders: row.orders, grossCents, refundedCents, netCents: grossCents - refundedCents };
  });
  return { currency: input.currency, timeZone: input.timeZone, firstDay, lastDay, days, totals: salesTotals(days) };
}
