// Reads of returns: the seller's queue (/admin/returns) and one return's page, and what the shopper's
// order page shows (their returns, and what can still be returned with its exchange options).
import type { Db } from "@/lib/db";
import type { ReturnStatus } from "@/lib/generated/prisma/enums";
import { exchangeOptions, returnableLines } from "./returns-rules";

export const RETURN_STATUSES: readonly ReturnStatus[] = ["REQUESTED", "APPROVED", "RECEIVED", "COMPLETED", "REJECTED"];
export const RETURNS_PAGE_SIZE = 50;

/** The queue: newest first, optionally one status; `status` is checked against the enum. */
export async function listReturns(db: Db, params: { status?: string | null; page?: number }) {
  const status = RETURN_STATUSES.find((candidate) => candidate === params.status);
  const page = Math.max(1, Math.min(10_000, Math.floor(params.page ?? 1)));
  const where = status ? { status } : {};
  const [total, rows] = await Promise.all([
    db.returnRequest.count({ where }),
    db.returnRequest.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * RETURNS_PAGE_SIZE,
      take: RETURNS_PAGE_SIZE,
      select: {
        id: true,
        status: true,
        reason: true,
        createdAt: true,
        order: { select: { id: true, number: true, email: true, currency: true } },
        lines: { select: { quantity: true, creditCents: true, exchangeCents: true, exchangeVariantId: true } },
      },
    }),
  ]);
  return { status: status ?? null, page, total, rows };
}

export async function getReturnForAdmin(db: Db, returnId: string) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(returnId)) return null;
  return db.returnRequest.findUnique({
    where: { id: returnId },
    include: {
      order: {
        select: {
          id: true,
          number: true,
          email: true,
          currency: true,
          status: true,
          paymentStatus: true,
          refundedCents: true,
          totalCents: true,
        },
      },
      refund: { select: { id: true, status: true, amountCents: true } },
      lines: {
        orderBy: { id: "asc" },
        include: {
          orderLine: { select: { title: true, variantTitle: true, sku: true, quantity: true, variantId: true } },
          exchangeVariant: { select: { title: true, sku: true } },
          exchangeOrderLine: { select: { quantity: true, fulfilledQuantity: true } },
          location: { select: { name: true } },
        },
      },
    },
  });
}

/** Where a received item can go back: the active locations, in allocation order. */
export async function returnLocations(db: Db) {
  return db.location.findMany({
    where: { active: true },
    orderBy: [{ priority: "asc" }, { code: "asc" }],
    select: { id: true, name: true },
  });
}

/** The order's returns as the shopper sees them. */
export async function listOrderReturns(db: Db, orderId: string) {
  return db.returnRequest.findMany({
    where: { orderId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      status: true,
      reason: true,
      sellerMessage: true,
      refundCents: true,
      differenceCents: true,
      differenceDueBy: true,
      differencePaidAt: true,
      createdAt: true,
      lines: {
        select: {
          id: true,
          quantity: true,
          orderLine: { select: { title: true, variantTitle: true } },
          exchangeVariant: { select: { title: true } },
        },
      },
    },
  });
}

/** What the order page's return form offers: each returnable line and the variants it may be exchanged for. */
export async function returnFormLines(db: Db, orderId: string, now: Date = new Date()) {
  const lines = (await returnableLines(db, orderId, now)).filter((line) => line.returnable > 0);
  return Promise.all(
    lines.map(async (line) => ({
      id: line.id,
      title: line.title,
      variantTitle: line.variantTitle,
      returnable: line.returnable,
      closesAt: line.closesAt,
      exchanges: line.productId ? await exchangeOptions(db, line.productId, line.variantId) : [],
    })),
  );
}

/** Whether a return is one of this order's (the order page's actions name both). */
export async function isReturnOfOrder(db: Db, returnId: string, orderId: string): Promise<boolean> {
  const found = await db.returnRequest.findUnique({ where: { id: returnId }, select: { orderId: true } });
  return found?.orderId === orderId;
}
