// What the seller's order pages read: the filtered, paginated list and one order's full detail (lines
// with fulfilled quantities, totals, address, payments, refunds, shipments, the whole timeline and the
// audit trail). Search parameters come from the URL, so they are parsed leniently: a malformed value is
// ignored (and reported to the page, which says so) instead of failing the request.
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { auditTrail } from "@/lib/audit/log";
import { OUTSIDE_BALANCE_REFUND_REASONS } from "@/lib/payments/refund-settlement";
import { hasControlCharacters } from "@/lib/text";
import { riskReasonsOf } from "./order-risk";
import { PAYMENT_REFUSED_EVENT } from "./refused-payment";

export const ORDERS_PAGE_SIZE = 25;

/**
 * An order paid by the built-in test provider: no money was taken for it. The seller's list, order page and
 * CSV export mark it TEST so it is never mistaken for a sale (e.g. after a demo store went live).
 */
export const TEST_PAYMENT_WHERE = { provider: "TEST", status: "SUCCEEDED" } satisfies Prisma.PaymentWhereInput;

type RawSearchParams = Record<string, string | string[] | undefined>;

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
  );

const paramSchemas = {
  status: z.enum(Object.values(OrderStatus) as [OrderStatus, ...OrderStatus[]]),
  paymentStatus: z.enum(Object.values(PaymentStatus) as [PaymentStatus, ...PaymentStatus[]]),
  from: dateParam,
  to: dateParam,
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((value) => !hasControlCharacters(value)),
  fraud: z.literal("1"),
  page: z.coerce.number().int().min(1).max(100_000),
} as const;

export interface OrderListFilters {
  status?: OrderStatus;
  paymentStatus?: PaymentStatus;
  /** YYYY-MM-DD, inclusive, UTC. */
  from?: string;
  to?: string;
  /** An order number ("1042" or "#1042") or part of an email address. */
  q?: string;
  fraud?: "1";
  page: number;
}

export interface ParsedOrderListParams {
  filters: OrderListFilters;
  /** Names of the parameters that were malformed and ignored. */
  ignored: string[];
}

const LABELS: Record<string, string> = {
  status: "status",
  paymentStatus: "payment status",
  from: "from date",
  to: "to date",
  q: "search",
  fraud: "fraud filter",
  page: "page",
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseOrderListParams(raw: RawSearchParams): ParsedOrderListParams {
  const filters: OrderListFilters = { page: 1 };
  const ignored: string[] = [];
  for (const [key, schema] of Object.entries(paramSchemas)) {
    const value = first(raw[key]);
    if (value === undefined || value === "") continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) (filters as unknown as Record<string, unknown>)[key] = parsed.data;
    else ignored.push(LABELS[key] ?? key);
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    delete filters.to;
    ignored.push("to date (it is before the from date)");
  }
  return { filters, ignored };
}

/** The query string for a list URL with these filters (and another page). */
export function orderListQuery(filters: OrderListFilters, page = filters.page): string {
  const params = new URLSearchParams();
  for (const key of ["q", "status", "paymentStatus", "from", "to", "fraud"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

const ORDER_NUMBER = /^#?(\d{1,10})$/;

export function orderListWhere(filters: OrderListFilters): Prisma.OrderWhereInput {
  const where: Prisma.OrderWhereInput = {};
  // The status filter matches the status as shown (lib/orders/display-status.ts): an unpaid order whose
  // payment failed is listed under "Payment failed", not "Pending payment".
  if (filters.status === "PAYMENT_FAILED") {
    where.OR = [{ status: "PAYMENT_FAILED" }, { status: "PENDING_PAYMENT", paymentStatus: "FAILED" }];
  } else if (filters.status === "PENDING_PAYMENT") {
    where.AND = [{ status: "PENDING_PAYMENT" }, { paymentStatus: { not: "FAILED" } }];
  } else if (filters.status) where.status = filters.status;
  if (filters.paymentStatus) where.paymentStatus = filters.paymentStatus;
  if (filters.fraud) where.fraudReview = true;
  if (filters.from || filters.to) {
    where.createdAt = {
      ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00.000Z`) } : {}),
      // Inclusive: everything before the next day's midnight.
      ...(filters.to ? { lt: new Date(new Date(`${filters.to}T00:00:00.000Z`).getTime() + 86_400_000) } : {}),
    };
  }
  if (filters.q) {
    const number = ORDER_NUMBER.exec(filters.q);
    if (number) {
      const value = Number(number[1]);
      // An out-of-range number matches nothing rather than failing the INTEGER comparison.
      where.number = value <= 2_147_483_647 ? value : -1;
    } else {
      where.email = { contains: filters.q, mode: "insensitive" };
    }
  }
  return where;
}

export async function listOrders(db: Db, filters: OrderListFilters) {
  const where = orderListWhere(filters);
  const total = await db.order.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const orders = await db.order.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * ORDERS_PAGE_SIZE,
    take: ORDERS_PAGE_SIZE,
    select: {
      id: true,
      number: true,
      email: true,
      status: true,
      paymentStatus: true,
      fraudReview: true,
      riskScore: true,
      currency: true,
      totalCents: true,
      refundedCents: true,
      createdAt: true,
      _count: { select: { lines: true } },
      payments: { where: TEST_PAYMENT_WHERE, select: { id: true }, take: 1 },
    },
  });
  return {
    orders: orders.map(({ payments, ...order }) => ({ ...order, paidWithTestProvider: payments.length > 0 })),
    total,
    page,
    pageCount,
  };
}

export type AdminOrderListRow = Awaited<ReturnType<typeof listOrders>>["orders"][number];

// ---------------------------------------------------------------------------------------------
// Detail

/** What is still refundable: the order's (non-duplicate) captured payment minus refunds not failed. */
export async function refundableCents(db: Db, orderId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ refundable: number | null }[]>`
    SELECT sum(p."amountCents" - coalesce((SELECT sum(r."amountCents") FROM "Refund" r WHERE r."paymentId" = p.id AND r.status <> 'FAILED'), 0))::int AS refundable
    FROM "Payment" p
    WHERE p."orderId" = ${orderId} AND p.status = 'SUCCEEDED'
      AND (p."autoRefundReason" IS NULL OR p."autoRefundReason" <> ALL(${[...OUTSIDE_BALANCE_REFUND_REASONS]}::text[]))`;
  return Math.max(0, row?.refundable ?? 0);
}

export async function getOrderForAdmin(db: Db, orderId: string) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(orderId)) return null;
  const order = await db.order.findUnique({
    where: { id: orderId },
    include: {
      user: { select: { id: true, email: true, name: true } },
      lines: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      discounts: { orderBy: { position: "asc" } },
      payments: { orderBy: { createdAt: "asc" } },
      refunds: { orderBy: { createdAt: "asc" }, include: { createdBy: { select: { email: true, name: true } } } },
      shipments: {
        orderBy: { shippedAt: "asc" },
        include: { lines: { include: { orderLine: { select: { title: true, variantTitle: true, sku: true } } } } },
      },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!order) return null;
  const [audit, refundable] = await Promise.all([auditTrail(db, "Order", order.id), refundableCents(db, order.id)]);
  return {
    ...order,
    paidWithTestProvider: order.payments.some(
      (payment) => payment.provider === TEST_PAYMENT_WHERE.provider && payment.status === TEST_PAYMENT_WHERE.status,
    ),
    lines: order.lines.map((line) => ({ ...line, remainingQuantity: line.quantity - line.fulfilledQuantity })),
    riskReasons: riskReasonsOf(order.riskReasons),
    // Money taken and refused (./refused-payment.ts): shown as an alert above the order.
    refusedPaymentAlerts: order.events
      .filter((event) => event.type === PAYMENT_REFUSED_EVENT)
      .map((event) => ({ id: event.id, message: event.message, createdAt: event.createdAt })),
    audit,
    refundableCents: refundable,
  };
}

export type AdminOrderDetail = NonNullable<Awaited<ReturnType<typeof getOrderForAdmin>>>;
