// The end of a return, by the seller (ADMIN or STAFF), each step under the order's lock:
//   - receive a line: where it goes back (a location) and whether it is resellable; resellable units go
//     back on sale through lib/inventory (RETURN adjustment), damaged ones never do. A guarded UPDATE
//     (`WHERE "receivedAt" IS NULL`) receives each line once. The last line received makes the return
//     RECEIVED and tells the shopper;
//   - refund: the credit of the returned units minus what their exchanges cost, through the provider the
//     order was paid with, with the refund machinery of ./refund-order.ts (claim in the transaction,
//     provider call after commit, the outbox as safety net) and its staff limits (./refund-limits.ts).
//     The refund's request key is derived from the return (`return-refund:<id>`) and the return keeps its
//     refund id, so a replay or a concurrent click refunds exactly once;
//   - ship the exchange: the exchange lines ship as a shipment of the same order (./fulfilment.ts, with the
//     form's request key), then the return records it (guarded, idempotent: a retry after a crash in
//     between finds the shipment and records it).
// A return is COMPLETED once its refund (if any is due) is claimed and its exchange (if any) shipped.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { isUniqueViolation, runTransaction, type Tx } from "@/lib/db/transaction";
import { restockReturnedUnits } from "@/lib/inventory/returns";
import { formatMoney } from "@/lib/money";
import { awaitsDifference } from "@/lib/payments/payable-difference";
import { recordIdSchema, recordOrderChange, requestKeySchema, staffInput, type OrderActor } from "./admin-common";
import { fulfilOrder, fulfilOrderSchema } from "./fulfilment";
import {
  CLAIMED_REFUND_SELECT,
  claimOrderRefund,
  lockOrderPayment,
  refundOutcome,
  resendClaimedRefund,
  sendClaimedRefund,
} from "./refund-order";
import { assertStaffRefundAllowed, RefundLimitError, writeRefundRefusal } from "./refund-limits";
import { lockReturn, queueReturnEmail, type LockedReturn } from "./returns-rules";

type ReturnRow = LockedReturn["request"];

/** What the refund of a return comes to: the credits less what the exchanges cost (never below zero). */
export function returnRefundDueCents(lines: readonly { creditCents: number; exchangeCents: number }[]): number {
  return Math.max(
    0,
    lines.reduce((sum, line) => sum + line.creditCents - line.exchangeCents, 0),
  );
}

function hasExchange(request: ReturnRow): boolean {
  return request.lines.some((line) => line.exchangeOrderLineId !== null);
}

/** COMPLETED once nothing is left to do: the refund claimed (or none due), the exchange shipped (or none). */
function completes(request: ReturnRow, change: { refunded?: boolean; exchangeShipped?: boolean }): boolean {
  const refundDone = change.refunded || request.refundId !== null || returnRefundDueCents(request.lines) === 0;
  const exchangeDone = change.exchangeShipped || request.exchangeShippedAt !== null || !hasExchange(request);
  return refundDone && exchangeDone;
}

// ---------------------------------------------------------------------------------------------
// Receiving

export const receiveReturnLineSchema = z.object({
  returnId: recordIdSchema,
  returnLineId: recordIdSchema,
  locationId: recordIdSchema,
  condition: z.enum(["RESELLABLE", "DAMAGED"], { error: "Choose whether the item can be sold again." }),
});
export type ReceiveReturnLineInput = z.input<typeof receiveReturnLineSchema>;

export interface ReceiveReturnLineResult {
  outcome: "received" | "already_received";
  status: string;
}

export async function receiveReturnLine(
  db: Db,
  actor: OrderActor,
  rawInput: ReceiveReturnLineInput,
  options: { now?: Date } = {},
): Promise<ReceiveReturnLineResult> {
  const input = staffInput(actor, receiveReturnLineSchema, rawInput);
  const now = options.now ?? new Date();
  return runTransaction(db, async (tx) => {
    const { order, request } = await lockReturn(tx, input.returnId);
    const line = request.lines.find((candidate) => candidate.id === input.returnLineId);
    if (!line) throw new UserError("line_not_in_return", "That item is not part of this return. Reload the page.");
    if (line.receivedAt) return { outcome: "already_received", status: request.status };
    if (request.status !== "APPROVED") {
      throw new UserError("return_not_approved", "Approve the return before marking its items received.");
    }
    if (input.condition === "RESELLABLE" && !line.orderLine.variantId) {
      throw new UserError("variant_gone", "This product no longer exists in the catalog: receive it as damaged.");
    }
    const received = await tx.returnLine.updateMany({
      where: { id: line.id, returnId: request.id, receivedAt: null },
      data: { receivedAt: now, condition: input.condition, locationId: input.locationId },
    });
    if (received.count !== 1) return { outcome: "already_received", status: request.status };
    if (input.condition === "RESELLABLE") {
      await restockReturnedUnits(tx, {
        variantId: line.orderLine.variantId!,
        locationId: input.locationId,
        quantity: line.quantity,
        order: { id: order.id, number: order.number },
        actorId: actor.id,
        now,
      });
    } else {
      const location = await tx.location.findUnique({ where: { id: input.locationId }, select: { id: true } });
      if (!location) throw new UserError("unknown_location", "That location does not exist. Reload the page.");
    }
    const allReceived = request.lines.every((other) => other.id === line.id || other.receivedAt !== null);
    let status: string = request.status;
    if (allReceived) {
      status = completes(request, {}) ? "COMPLETED" : "RECEIVED";
      await tx.returnRequest.update({
        where: { id: request.id },
        data: {
          status: status as "RECEIVED" | "COMPLETED",
          receivedAt: now,
          ...(status === "COMPLETED" ? { completedAt: now } : {}),
        },
      });
    }
    const what = `${line.orderLine.title}${line.orderLine.variantTitle ? ` (${line.orderLine.variantTitle})` : ""} × ${line.quantity}`;
    await recordOrderChange(tx, actor, order.id, {
      events: [
        {
          type: "return_line_received",
          public: false,
          message: `Return: received ${what}, ${input.condition === "RESELLABLE" ? "back in stock" : "damaged, not restocked"}.`,
          data: {
            returnId: request.id,
            returnLineId: line.id,
            condition: input.condition,
            locationId: input.locationId,
          },
        },
        ...(allReceived
          ? [
              {
                type: "return_received",
                public: true,
                message: "We received your returned items.",
                data: { returnId: request.id },
              },
            ]
          : []),
      ],
      audit: {
        action: "order.return.receive",
        data: {
          returnId: request.id,
          returnLineId: line.id,
          condition: input.condition,
          locationId: input.locationId,
          quantity: line.quantity,
        },
      },
    });
    if (allReceived) await queueReturnEmail(tx, order.id, request.id, "received");
    return { outcome: "received", status };
  });
}

// ---------------------------------------------------------------------------------------------
// Refunding

export const refundReturnSchema = z.object({ returnId: recordIdSchema });
export type RefundReturnInput = z.input<typeof refundReturnSchema>;

export interface RefundReturnResult {
  outcome: "refunded" | "pending" | "failed" | "replayed";
  refundId: string;
  amountCents: number;
  currency: string;
}

export const returnRefundKey = (returnId: string) => `return-refund:${returnId}`;

export async function refundReturn(
  db: Db,
  actor: OrderActor,
  rawInput: RefundReturnInput,
  options: { now?: Date } = {},
): Promise<RefundReturnResult> {
  const input = staffInput(actor, refundReturnSchema, rawInput);
  const now = options.now ?? new Date();
  const requestKey = returnRefundKey(input.returnId);

  const resume = async (refundId: string): Promise<RefundReturnResult> => {
    const refund = await db.refund.findUniqueOrThrow({ where: { id: refundId }, select: CLAIMED_REFUND_SELECT });
    await resendClaimedRefund(db, refund, "requested_by_customer", actor.id);
    return { outcome: "replayed", refundId: refund.id, amountCents: refund.amountCents, currency: refund.currency };
  };

  let claimed: Awaited<ReturnType<typeof claimOrderRefund>> | { replay: string };
  try {
    claimed = await runTransaction(db, async (tx) => {
      const { order, request } = await lockReturn(tx, input.returnId);
      if (request.refundId) return { replay: request.refundId };
      if (request.status !== "RECEIVED") {
        throw new UserError(
          "return_not_received",
          request.status === "COMPLETED"
            ? "Nothing is left to refund on this return."
            : "Mark every item received before refunding.",
        );
      }
      const due = returnRefundDueCents(request.lines);
      if (due <= 0)
        throw new UserError("nothing_to_refund", "Nothing is due on this return: ship the exchange instead.");
      const payment = await lockOrderPayment(tx, order.id);
      if (!payment) throw new UserError("no_payment", "This order has no completed payment to refund.");
      // Never more than the payment has left (a seller may have refunded part of the order by hand).
      const amountCents = Math.min(due, payment.refundableCents);
      if (amountCents <= 0)
        throw new UserError("refund_exceeds_refundable", "Nothing is left to refund on this order.");
      await assertStaffRefundAllowed(tx, actor, { orderId: order.id, amountCents, currency: payment.currency, now });
      const claim = await claimOrderRefund(tx, order, payment, {
        amountCents,
        requestKey,
        reason: `requested_by_customer: return of order #${order.number}`,
        createdById: actor.id,
        dedupeKey: requestKey,
        now,
      });
      const complete = completes(request, { refunded: true });
      const recorded = await tx.returnRequest.updateMany({
        where: { id: request.id, refundId: null, status: "RECEIVED" },
        data: {
          refundId: claim.refundId,
          refundCents: amountCents,
          refundedAt: now,
          ...(complete ? { status: "COMPLETED" as const, completedAt: now } : {}),
        },
      });
      if (recorded.count !== 1) throw new Error(`return ${request.id} changed under its order's lock`);
      const amount = formatMoney(amountCents, payment.currency);
      await recordOrderChange(tx, actor, order.id, {
        events: [
          {
            type: "return_refunded",
            public: true,
            message: `Refund of ${amount} for your return issued to your original payment method.`,
            data: { returnId: request.id, refundId: claim.refundId, amountCents },
          },
        ],
        audit: {
          action: "order.return.refund",
          data: {
            returnId: request.id,
            refundId: claim.refundId,
            paymentId: payment.id,
            amountCents,
            currency: payment.currency,
          },
        },
      });
      await queueReturnEmail(tx, order.id, request.id, "refunded");
      return claim;
    });
  } catch (error) {
    if (error instanceof RefundLimitError) {
      const found = await db.returnRequest.findUnique({ where: { id: input.returnId }, select: { orderId: true } });
      if (found) await writeRefundRefusal(db, actor, found.orderId, error, "refund");
    }
    // Two clicks at once: the second insert hits the refund's unique key; resume the first.
    if (isUniqueViolation(error)) {
      const raced = await db.refund.findUnique({ where: { requestKey }, select: { id: true } });
      if (raced) return resume(raced.id);
    }
    throw error;
  }
  if ("replay" in claimed) return resume(claimed.replay);
  const sent = await sendClaimedRefund(db, claimed, actor.id);
  return {
    outcome: refundOutcome(sent),
    refundId: claimed.refundId,
    amountCents: claimed.amountCents,
    currency: claimed.currency,
  };
}

// ---------------------------------------------------------------------------------------------
// Shipping the exchange

export const shipReturnExchangeSchema = fulfilOrderSchema
  .pick({ carrier: true, trackingNumber: true, trackingUrl: true })
  .extend({
    returnId: recordIdSchema,
    requestKey: requestKeySchema,
  });
export type ShipReturnExchangeInput = z.input<typeof shipReturnExchangeSchema>;

export interface ShipReturnExchangeResult {
  outcome: "shipped" | "replayed";
  status: string;
}

async function recordExchangeShipped(tx: Tx, actor: OrderActor, returnId: string, now: Date) {
  const { order, request } = await lockReturn(tx, returnId);
  if (request.exchangeShippedAt) return { outcome: "replayed" as const, status: request.status };
  const unshipped = request.lines.filter(
    (line) => line.exchangeOrderLine && line.exchangeOrderLine.fulfilledQuantity < line.exchangeOrderLine.quantity,
  );
  if (unshipped.length > 0)
    throw new UserError("exchange_not_shipped", "The exchange has not shipped yet. Reload the page.");
  const complete = completes(request, { exchangeShipped: true });
  const moved = await tx.returnRequest.updateMany({
    where: { id: request.id, exchangeShippedAt: null },
    data: { exchangeShippedAt: now, ...(complete ? { status: "COMPLETED" as const, completedAt: now } : {}) },
  });
  if (moved.count !== 1) return { outcome: "replayed" as const, status: request.status };
  await recordOrderChange(tx, actor, order.id, {
    events: [
      { type: "return_exchange_shipped", public: false, message: "Return: the exchange shipped.", data: { returnId } },
    ],
    audit: { action: "order.return.exchange_ship", data: { returnId } },
  });
  return { outcome: "shipped" as const, status: complete ? "COMPLETED" : request.status };
}

export async function shipReturnExchange(
  db: Db,
  actor: OrderActor,
  rawInput: ShipReturnExchangeInput,
  options: { now?: Date } = {},
): Promise<ShipReturnExchangeResult> {
  const input = staffInput(actor, shipReturnExchangeSchema, rawInput);
  const now = options.now ?? new Date();
  const request = await db.returnRequest.findUnique({
    where: { id: input.returnId },
    select: {
      orderId: true,
      status: true,
      exchangeShippedAt: true,
      differenceCents: true,
      differenceDueBy: true,
      differencePaidAt: true,
      lines: { select: { exchangeOrderLine: { select: { id: true, quantity: true, fulfilledQuantity: true } } } },
    },
  });
  if (!request) throw new UserError("return_not_found", "This return does not exist. Reload the page.");
  if (request.exchangeShippedAt) return { outcome: "replayed", status: request.status };
  // A dearer exchange ships once its difference is paid (its units are only held until then).
  if (awaitsDifference(request)) {
    throw new UserError("difference_unpaid", "The shopper has not paid the exchange's difference yet.");
  }
  const exchangeLines = request.lines.flatMap((line) => (line.exchangeOrderLine ? [line.exchangeOrderLine] : []));
  if (exchangeLines.length === 0) throw new UserError("no_exchange", "This return has no exchange to ship.");
  if (request.status !== "RECEIVED") {
    throw new UserError("return_not_received", "Mark every returned item received before shipping the exchange.");
  }
  const remaining = exchangeLines.filter((line) => line.fulfilledQuantity < line.quantity);
  // Shipped by an earlier attempt that stopped before recording it: only the record is left to write.
  if (remaining.length > 0) {
    await fulfilOrder(db, actor, {
      orderId: request.orderId,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      trackingUrl: input.trackingUrl,
      lines: remaining.map((line) => ({ orderLineId: line.id, quantity: line.quantity - line.fulfilledQuantity })),
      requestKey: input.requestKey,
    });
  }
  return runTransaction(db, (tx) => recordExchangeShipped(tx, actor, input.returnId, now));
}
