// Orders as CSV for a date range: every order PLACED (createdAt) between two calendar dates inclusive, in
// the store time zone, whatever its status (the status columns say where it stands). Read in batches of
// `batchSize` with keyset pagination on (createdAt, id), which follows the createdAt index, so memory and
// per-batch cost stay flat however long the range;
// the route handler streams each batch as it comes.
//
// Money columns are decimal strings in the order's currency ("19.99", "1999" for JPY), next to a
// currency column, built from integer minor units without floats (lib/money.ts). `test_payment` is TEST for
// an order paid with the built-in test provider (no money was taken), empty otherwise.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { toCsv, toCsvLine, type CsvCell } from "@/lib/csv/write";
import { toDecimalString } from "@/lib/money";
import { addDays, dayStartUtcSql, storeTimeZone } from "./period";

export const ORDER_EXPORT_COLUMNS = [
  "number",
  "date",
  "status",
  "payment_status",
  "test_payment",
  "email",
  "items",
  "currency",
  "subtotal",
  "discount",
  "shipping",
  "tax",
  "total",
  "refunded",
  "coupon_code",
  "country",
] as const;

/** Longest range one export may cover. */
export const MAX_EXPORT_DAYS = 366;

const isoDate = (label: string) =>
  z
    .string({ message: `Choose the ${label} date.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `The ${label} date must look like 2026-01-31.`)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    }, `The ${label} date is not a real date.`);

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Query parameters of the export: ?from=YYYY-MM-DD&to=YYYY-MM-DD (both inclusive). */
export const ordersExportQuery = z
  .object({ from: isoDate("start"), to: isoDate("end") })
  .refine((range) => range.from <= range.to, {
    message: "The start date must be on or before the end date.",
    path: ["to"],
  })
  .refine((range) => daysBetween(range.from, range.to) < MAX_EXPORT_DAYS, {
    message: `Export at most ${MAX_EXPORT_DAYS} days at a time.`,
    path: ["to"],
  });

export type OrdersExportRange = z.output<typeof ordersExportQuery>;

interface ExportRow {
  id: string;
  number: number;
  createdAt: Date;
  status: string;
  paymentStatus: string;
  testPayment: boolean;
  email: string;
  items: number;
  currency: string;
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
  refundedCents: number;
  couponCode: string | null;
  country: string | null;
}

function orderCells(row: ExportRow): CsvCell[] {
  const money = (cents: number) => toDecimalString(cents, row.currency);
  return [
    row.number,
    row.createdAt.toISOString(),
    row.status,
    row.paymentStatus,
    row.testPayment ? "TEST" : "",
    row.email,
    row.items,
    row.currency,
    money(row.subtotalCents),
    money(row.discountCents),
    money(row.shippingCents),
    money(row.taxCents),
    money(row.totalCents),
    money(row.refundedCents),
    row.couponCode ?? "",
    row.country ?? "",
  ];
}

/** The CSV text, chunk by chunk: the header line, then one chunk per batch of orders. */
export async function* exportOrdersCsv(
  db: Db,
  range: OrdersExportRange,
  options: { timeZone?: string; batchSize?: number } = {},
): AsyncGenerator<string> {
  const timeZone = options.timeZone ?? storeTimeZone();
  const batchSize = Math.min(Math.max(1, options.batchSize ?? 500), 5_000);
  const start = dayStartUtcSql(range.from, timeZone);
  const end = dayStartUtcSql(addDays(range.to, 1), timeZone);
  yield toCsvLine(ORDER_EXPORT_COLUMNS);
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const cursor: Prisma.Sql = after
      ? Prisma.sql`AND (o."createdAt", o.id) > (${after.createdAt}::timestamp, ${after.id})`
      : Prisma.empty;
    const rows: ExportRow[] = await db.$queryRaw<ExportRow[]>`
      SELECT o.id, o.number, o."createdAt", o.status::text AS status, o."paymentStatus"::text AS "paymentStatus",
             EXISTS (SELECT 1 FROM "Payment" p
                      WHERE p."orderId" = o.id AND p.provider = 'TEST' AND p.status = 'SUCCEEDED') AS "testPayment",
             o.email,
             COALESCE((SELECT sum(l.quantity) FROM "OrderLine" l WHERE l."orderId" = o.id), 0)::int AS items,
             o.currency, o."subtotalCents", o."discountCents", o."shippingCents", o."taxCents", o."totalCents",
             o."refundedCents", o."couponCode", o."shippingAddress"->>'country' AS country
      FROM "Order" o
      WHERE o."createdAt" >= ${start} AND o."createdAt" < ${end} ${cursor}
      ORDER BY o."createdAt", o.id
      LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    yield toCsv(rows.map(orderCells));
    const last: ExportRow = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
    if (rows.length < batchSize) return;
  }
}

export function ordersExportFileName(range: OrdersExportRange): string {
  return `orders-${range.from}-to-${range.to}.csv`;
}
