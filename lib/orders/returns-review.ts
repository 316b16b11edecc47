// The seller decides on a requested return (ADMIN or STAFF): approve it, or reject it with a message to
// the shopper. Both run under the order's lock and move the return through a guarded UPDATE
// (`WHERE status = 'REQUESTED'`, row count checked), so two approvals at once (two tabs, a double click)
// approve once: the second finds the return approved and changes nothing.
//
// Approving an exchange line creates the order line it ships as (price 0: it is paid by the returned
// unit's credit) and takes its units out of stock through lib/inventory, as a paid checkout does; when the
// new variant sold out meanwhile the approval is refused and nothing is written, unless the seller chose
// to refund those lines instead. An order that had shipped in full goes back to PARTIALLY_FULFILLED: the
// exchange is still to ship (lib/orders/fulfilment.ts ships it).
// Rejecting gives the claimed units back to the line (guarded decrement), so they can be returned later.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { runTransaction, type Tx } from "@/lib/db/transaction";
import { holdExchangeUnits, takeExchangeUnits } from "@/lib/inventory/returns";
import { formatMoney } from "@/lib/money";
import { recordIdSchema, recordOrderChange, staffInput, type OrderActor } from "./admin-common";
import { lockReturn, queueReturnEmail, type LockedReturn } from "./returns-rules";

const sellerMessage = z.string().trim().max(1000, "A message is at most 1,000 characters.");

export const approveReturnSchema = z.object({
  returnId: recordIdSchema,
  message: sellerMessage.optional(),
  /** Refund the exchange lines instead of shipping another variant (it sold out, or the shopper asked). */
  refundInsteadOfExchange: z.boolean().optional(),
});
export type ApproveReturnInput = z.input<typeof approveReturnSchema>;

export const rejectReturnSchema = z.object({
  returnId: recordIdSchema,
  message: sellerMessage.min(1, "Tell the shopper why the return is rejected."),
});
export type RejectReturnInput = z.input<typeof rejectReturnSchema>;

export interface ReviewReturnResult {
  outcome: "approved" | "rejected" | "unchanged";
  status: string;
}

function notRequested(request: LockedReturn["request"]): ReviewReturnResult {
  return { outcome: "unchanged", status: request.status };
}

async function moveFromRequested(
  tx: Tx,
  returnId: string,
  data: { status: "APPROVED" | "REJECTED"; sellerMessage: string | null; decidedById: string; decidedAt: Date },
): Promise<boolean> {
  const moved = await tx.returnRequest.updateMany({ where: { id: returnId, status: "REQUESTED" }, data });
  return moved.count === 1;
}

export interface ApproveReturnOptions {
  now?: Date;
  /**
   * How long a dearer exchange's units are held for the shopper's payment of the difference: the store's
   * unpaid-order hold (RESERVATION_TTL_MINUTES, which the admin action passes), 15 minutes by default.
   */
  exchangeHoldMinutes?: number;
}

function exchangeHoldMinutes(options: ApproveReturnOptions): number {
  return options.exchangeHoldMinutes ?? 15;
}

export async function approveReturn(
  db: Db,
  actor: OrderActor,
  rawInput: ApproveReturnInput,
  options: ApproveReturnOptions = {},
): Promise<ReviewReturnResult> {
  const input = staffInput(actor, approveReturnSchema, rawInput);
  const now = options.now ?? new Date();
  return runTransaction(db, async (tx) => {
    const { order, request } = await lockReturn(tx, input.returnId);
    if (request.status !== "REQUESTED") return notRequested(request);
    if (order.status === "CANCELLED" || order.status === "REFUNDED") {
      throw new UserError("order_closed", "This order was cancelled or refunded: reject the return instead.");
    }
    const moved = await moveFromRequested(tx, request.id, {
      status: "APPROVED",
      sellerMessage: input.message || null,
      decidedById: actor.id,
      decidedAt: now,
    });
    if (!moved) return notRequested(request);

    const exchanges = request.lines.filter((line) => line.exchangeVariantId && line.exchangeVariant);
    if (input.refundInsteadOfExchange) {
      // The whole credit is refunded for these lines; no exchange line is created.
      await tx.returnLine.updateMany({
        where: { returnId: request.id, exchangeVariantId: { not: null } },
        data: { exchangeVariantId: null, exchangeCents: 0 },
      });
      await tx.returnRequest.update({ where: { id: request.id }, data: { differenceCents: 0 } });
    } else {
      // A dearer exchange waits for the shopper's payment of the difference: its units are only held,
      // until differenceDueBy (./returns-difference.ts sells them when paid, or releases them).
      const differenceDueBy =
        request.differenceCents > 0 ? new Date(now.getTime() + exchangeHoldMinutes(options) * 60_000) : null;
      if (differenceDueBy) {
        await tx.returnRequest.update({ where: { id: request.id }, data: { differenceDueBy } });
      }
      for (const line of exchanges) {
        const variant = line.exchangeVariant!;
        const exchangeLine = await tx.orderLine.create({
          data: {
            orderId: order.id,
            variantId: variant.id,
            productId: variant.productId,
            title: line.orderLine.title,
            variantTitle: variant.title,
            sku: variant.sku,
            quantity: line.quantity,
            unitPriceCents: 0,
            totalCents: 0,
          },
          select: { id: true },
        });
        // Guarded reservation (and sale unless a difference is due); OutOfStockError (a UserError) rolls
        // everything back.
        const units = {
          orderId: order.id,
          orderLineId: exchangeLine.id,
          variantId: variant.id,
          quantity: line.quantity,
          now,
        };
        if (differenceDueBy) await holdExchangeUnits(tx, { ...units, expiresAt: differenceDueBy });
        else await takeExchangeUnits(tx, units);
        const linked = await tx.returnLine.updateMany({
          where: { id: line.id, exchangeOrderLineId: null },
          data: { exchangeOrderLineId: exchangeLine.id },
        });
        if (linked.count !== 1) throw new Error(`return line ${line.id} already has its exchange line`);
      }
    }
    const shipsExchange = exchanges.length > 0 && !input.refundInsteadOfExchange;
    const awaitsPayment = shipsExchange && request.differenceCents > 0;
    // A dearer exchange reopens the order only once paid (./returns-difference.ts).
    if (shipsExchange && !awaitsPayment && (order.status === "FULFILLED" || order.status === "DELIVERED")) {
      await tx.order.update({ where: { id: order.id }, data: { status: "PARTIALLY_FULFILLED" } });
    }
    const exchangeList = exchanges.map((line) => `${line.exchangeVariant!.title} × ${line.quantity}`).join(", ");
    const exchangeText = !shipsExchange
      ? ""
      : awaitsPayment
        ? ` The exchange (${exchangeList}) is set aside for ${exchangeHoldMinutes(options)} minutes: pay the difference of ${formatMoney(request.differenceCents, order.currency)} from your order page, and it ships once the return arrives.`
        : ` The exchange (${exchangeList}) is set aside and ships once the return arrives.`;
    await recordOrderChange(tx, actor, order.id, {
      events: [
        {
          type: "return_approved",
          public: true,
          message: `Return approved: please send the items back.${exchangeText}${input.message ? ` Message from the store: ${input.message}` : ""}`,
          data: { returnId: request.id, refundInsteadOfExchange: input.refundInsteadOfExchange ?? false },
        },
      ],
      audit: {
        action: "order.return.approve",
        data: { returnId: request.id, message: input.message ?? null, exchanges: shipsExchange ? exchanges.length : 0 },
      },
    });
    await queueReturnEmail(tx, order.id, request.id, "approved");
    return { outcome: "approved", status: "APPROVED" };
  });
}

export async function rejectReturn(
  db: Db,
  actor: OrderActor,
  rawInput: RejectReturnInput,
  options: { now?: Date } = {},
): Promise<ReviewReturnResult> {
  const input = staffInput(actor, rejectReturnSchema, rawInput);
  const now = options.now ?? new Date();
  return runTransaction(db, async (tx) => {
    const { order, request } = await lockReturn(tx, input.returnId);
    if (request.status !== "REQUESTED") return notRequested(request);
    const moved = await moveFromRequested(tx, request.id, {
      status: "REJECTED",
      sellerMessage: input.message,
      decidedById: actor.id,
      decidedAt: now,
    });
    if (!moved) return notRequested(request);
    // The claimed units are free to be returned again (guarded: never below zero).
    for (const line of request.lines) {
      const released = await tx.$executeRaw`
        UPDATE "OrderLine" SET "returnedQuantity" = "returnedQuantity" - ${line.quantity}
        WHERE id = ${line.orderLineId} AND "returnedQuantity" >= ${line.quantity}`;
      if (released !== 1) throw new Error(`order line ${line.orderLineId} holds fewer returned units than its return`);
    }
    await recordOrderChange(tx, actor, order.id, {
      events: [
        {
          type: "return_rejected",
          public: true,
          message: `Return rejected. Message from the store: ${input.message}`,
          data: { returnId: request.id },
        },
      ],
      audit: { action: "order.return.reject", data: { returnId: request.id, message: input.message } },
    });
    await queueReturnEmail(tx, order.id, request.id, "rejected");
    return { outcome: "rejected", status: "REJECTED" };
  });
}
