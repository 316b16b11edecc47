// The rules every step of a return shares (docs/returns.md): reasons and statuses as people read them,
// what a returned unit is worth, what an exchange costs, the return window, and which units of an order
// can still be returned. The steps: ./returns-request.ts (the shopper asks), ./returns-review.ts (the
// seller approves or rejects), ./returns-complete.ts (received, refunded, exchange shipped).
//
// Money: a returned unit is credited its share of what its line was paid (the line's total, after its
// share of the discount and with its tax), floor(lineTotal × units / lineUnits), never the shipping. An
// exchange for another variant of the same product costs that credit scaled by the price ratio
// (floor(credit × newPrice / paidUnitPrice)), so the line's discount and tax rate carry over; the rest of
// the credit is refunded. A variant dearer than the returned one leaves a difference to pay.
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Tx } from "@/lib/db/transaction";
import type { ReturnStatus } from "@/lib/generated/prisma/enums";
import { UserError } from "@/lib/errors";
import { enqueue } from "@/lib/outbox";
import { RETURN_UPDATE_TOPIC, returnUpdateDedupeKey, type ReturnEmailStep } from "@/lib/outbox/topics";
import { readStoreSettings } from "@/lib/settings/store-settings";
import {
  lineUnitsSchema,
  lockOrderForAdmin,
  recordIdSchema,
  requestKeySchema,
  type AdminLockedOrder,
} from "./admin-common";

export const RETURN_REASONS = {
  wrong_size: "Wrong size or fit",
  not_as_described: "Not as described",
  damaged: "Arrived damaged",
  changed_mind: "Changed my mind",
  other: "Other",
} as const;
export type ReturnReasonCode = keyof typeof RETURN_REASONS;
const REASON_CODES = Object.keys(RETURN_REASONS) as [ReturnReasonCode, ...ReturnReasonCode[]];

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  REQUESTED: "Requested",
  APPROVED: "Approved: send the items back",
  REJECTED: "Rejected",
  RECEIVED: "Received",
  COMPLETED: "Completed",
};

export const MAX_RETURN_LINES = 100;

export const requestReturnSchema = z.object({
  orderId: recordIdSchema,
  lines: z
    .array(
      z.object({
        orderLineId: recordIdSchema,
        quantity: lineUnitsSchema("Return at least one unit of each selected item."),
        exchangeVariantId: recordIdSchema.optional(),
      }),
      { error: "Select the items to return." },
    )
    .min(1, "Select at least one item to return.")
    .max(MAX_RETURN_LINES, "Too many items in one return.")
    .refine(
      (lines) => new Set(lines.map((line) => line.orderLineId)).size === lines.length,
      "Each item can appear once per return.",
    ),
  reason: z.enum(REASON_CODES, { error: "Choose a reason." }),
  note: z.string().trim().max(500, "A note is at most 500 characters.").optional(),
  requestKey: requestKeySchema,
});
export type RequestReturnInput = z.input<typeof requestReturnSchema>;

/** The credit of `units` of a line: its share of what the line was paid (floor, never above the line). */
export function returnCreditCents(line: { totalCents: number; quantity: number }, units: number): number {
  return Math.floor((line.totalCents * units) / line.quantity);
}

/**
 * What an exchange for a variant priced `newPriceCents` costs, at the returned line's own rate (its
 * discount and tax carry over): the credit scaled by the price ratio, floored. A cheaper variant costs less
 * than the credit (the rest is refunded), a dearer one more (the difference is paid: returnDifferenceDueCents).
 */
export function exchangeCostCents(creditCents: number, paidUnitPriceCents: number, newPriceCents: number): number {
  if (paidUnitPriceCents === 0) return 0;
  return Math.floor((creditCents * newPriceCents) / paidUnitPriceCents);
}

/** What the shopper pays on top of the credits for a dearer exchange: the exchanges' cost less the credits. */
export function returnDifferenceDueCents(lines: readonly { creditCents: number; exchangeCents: number }[]): number {
  return Math.max(
    0,
    lines.reduce((sum, line) => sum + line.exchangeCents - line.creditCents, 0),
  );
}

/** Days are counted from the line's last parcel: its delivery, or its shipment while not marked delivered. */
export function windowClosesAt(shippedOrDeliveredAt: Date, returnWindowDays: number): Date {
  return new Date(shippedOrDeliveredAt.getTime() + returnWindowDays * 86_400_000);
}

export interface ReturnableLine {
  id: string;
  title: string;
  variantTitle: string;
  sku: string;
  productId: string | null;
  variantId: string | null;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  /** Units that can still be returned (shipped, not in another return, window open). */
  returnable: number;
  /** When the window closes for this line (null: nothing shipped yet). */
  closesAt: Date | null;
}

/** Orders whose shipped units may be returned (not cancelled, refunded, or unpaid). */
export const RETURNABLE_ORDER_STATUSES = ["PARTIALLY_FULFILLED", "FULFILLED", "DELIVERED"] as const;

/**
 * Each line of the order with what can still be returned now. Lines that are themselves an exchange are
 * not returnable here (they were paid with another line's credit). Read under the order's lock by the
 * request, plainly by the order page.
 */
export async function returnableLines(db: Db | Tx, orderId: string, now: Date): Promise<ReturnableLine[]> {
  const settings = await readStoreSettings(db);
  const lines = await db.orderLine.findMany({
    where: { orderId, exchangeFor: { is: null } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      title: true,
      variantTitle: true,
      sku: true,
      productId: true,
      variantId: true,
      quantity: true,
      unitPriceCents: true,
      totalCents: true,
      fulfilledQuantity: true,
      returnedQuantity: true,
      shipmentLines: { select: { shipment: { select: { shippedAt: true, deliveredAt: true } } } },
    },
  });
  return lines.map((line) => {
    const last = line.shipmentLines
      .map(({ shipment }) => shipment.deliveredAt ?? shipment.shippedAt)
      .reduce<Date | null>((latest, at) => (latest && latest > at ? latest : at), null);
    const closesAt = last ? windowClosesAt(last, settings.returnWindowDays) : null;
    const open = closesAt !== null && settings.returnWindowDays > 0 && now <= closesAt;
    const { shipmentLines: _shipments, fulfilledQuantity, returnedQuantity, ...rest } = line;
    return { ...rest, closesAt, returnable: open ? Math.max(0, fulfilledQuantity - returnedQuantity) : 0 };
  });
}

/**
 * The other variants of a product a shopper may exchange for: active, at any price (a cheaper one leaves a
 * refund, a dearer one a difference to pay).
 */
export async function exchangeOptions(db: Db | Tx, productId: string, exceptVariantId: string | null) {
  return db.variant.findMany({
    where: {
      productId,
      id: exceptVariantId ? { not: exceptVariantId } : undefined,
      product: { status: "ACTIVE" },
    },
    orderBy: { position: "asc" },
    select: { id: true, title: true, sku: true, priceCents: true },
  });
}

/** The shopper's email for this step of the return, through the outbox, once per return and step. */
export async function queueReturnEmail(tx: Tx, orderId: string, returnId: string, step: ReturnEmailStep) {
  await enqueue(tx, {
    topic: RETURN_UPDATE_TOPIC,
    aggregateId: orderId,
    dedupeKey: returnUpdateDedupeKey(returnId, step),
    payload: { returnId, step },
  });
}

/** A return and its lines as every seller step reads them, under its order's lock. */
export async function lockReturn(tx: Tx, returnId: string) {
  const found = await tx.returnRequest.findUnique({ where: { id: returnId }, select: { orderId: true } });
  if (!found) throw new UserError("return_not_found", "This return does not exist. Reload the page.");
  // Every change of a return runs under its order's row lock: one after the other, each seeing the last.
  const order: AdminLockedOrder = await lockOrderForAdmin(tx, found.orderId);
  const request = await tx.returnRequest.findUniqueOrThrow({
    where: { id: returnId },
    include: {
      lines: {
        orderBy: { id: "asc" },
        include: {
          orderLine: {
            select: {
              id: true,
              title: true,
              variantTitle: true,
              variantId: true,
              productId: true,
              unitPriceCents: true,
            },
          },
          exchangeVariant: { select: { id: true, title: true, sku: true, priceCents: true, productId: true } },
          exchangeOrderLine: { select: { id: true, quantity: true, fulfilledQuantity: true } },
        },
      },
    },
  });
  return { order, request };
}
export type LockedReturn = Awaited<ReturnType<typeof lockReturn>>;
