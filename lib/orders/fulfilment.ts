// Fulfilment: the seller ships some or all of an order's units (a Shipment with carrier and tracking
// number) and later marks shipments delivered.
//
// Stock: nothing to do here. markOrderPaid already sold the order's reservations when it was paid
// (onHand and reserved both went down, with SALE adjustments, in lib/inventory's apply right after the
// payment), so shipping moves no stock counters; decrementing again would count every sale twice.
//
// Safety, in one transaction under the order's row lock:
//   - only PAID or PARTIALLY_FULFILLED orders ship, and not while they are held for fraud review;
//   - every line must belong to this order (a forged line id of another order is refused, nothing written);
//   - each line's fulfilledQuantity rises through a guarded UPDATE (`fulfilledQuantity + q <= quantity`)
//     whose row count is checked, so concurrent shipments can never ship a unit twice;
//   - the form's request key is unique on Shipment: a double submit returns the first shipment.
// The shopper's timeline gets a public event and the shipping email is queued through the outbox (one
// per shipment), both in the same transaction as the shipment itself.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import type { Tx } from "@/lib/db/transaction";
import { enqueue } from "@/lib/outbox";
import { ORDER_SHIPPED_TOPIC, orderShippedDedupeKey } from "@/lib/outbox/topics";
import {
  lineUnitsSchema,
  recordIdSchema,
  recordOrderChange,
  requestKeySchema,
  staffInput,
  onceWithLockedOrder,
  withLockedOrder,
  type OrderActor,
} from "./admin-common";
import { defaultTrackingUrl, trackingNumberSchema } from "./carriers";

const MAX_LINES = 200;

export const fulfilOrderSchema = z.object({
  orderId: recordIdSchema,
  carrier: z
    .string({ error: "Choose a carrier." })
    .trim()
    .min(1, "Choose a carrier.")
    .max(60, "A carrier name is at most 60 characters."),
  trackingNumber: trackingNumberSchema,
  trackingUrl: z
    .url({ protocol: /^https?$/, error: "Enter a full http(s) link, or leave it empty." })
    .max(500, "A tracking link is at most 500 characters.")
    .optional(),
  lines: z
    .array(
      z.object({
        orderLineId: recordIdSchema,
        quantity: lineUnitsSchema("Ship at least one unit of each selected item."),
      }),
      { error: "Select the items in this shipment." },
    )
    .min(1, "Select at least one item to ship.")
    .max(MAX_LINES, "Too many items in one shipment.")
    .refine(
      (lines) => new Set(lines.map((line) => line.orderLineId)).size === lines.length,
      "Each item can appear once per shipment.",
    ),
  requestKey: requestKeySchema,
});

export type FulfilOrderInput = z.input<typeof fulfilOrderSchema>;

export type FulfilOrderResult = {
  outcome: "shipped" | "replayed";
  shipmentId: string;
  /** The order status after this call. */
  status: string;
};

async function replay(db: Db | Tx, requestKey: string, orderId: string): Promise<FulfilOrderResult | null> {
  const existing = await db.shipment.findUnique({
    where: { requestKey },
    select: { id: true, orderId: true, order: { select: { status: true } } },
  });
  if (!existing) return null;
  // The same key on another order is a forged or copied form, not a retry.
  if (existing.orderId !== orderId) {
    throw new UserError(
      "request_key_reused",
      "This form was already used for another order. Reload the page and try again.",
    );
  }
  return { outcome: "replayed", shipmentId: existing.id, status: existing.order.status };
}

const NOT_FULFILLABLE: Record<string, string> = {
  PENDING_PAYMENT: "This order is not paid yet, so it cannot ship.",
  PAYMENT_FAILED: "The payment for this order failed, so it cannot ship.",
  FULFILLED: "Every item of this order has already shipped.",
  DELIVERED: "This order has already been delivered.",
  CANCELLED: "This order was cancelled, so it cannot ship.",
  REFUNDED: "This order was refunded in full, so it cannot ship.",
};

export async function fulfilOrder(db: Db, actor: OrderActor, rawInput: FulfilOrderInput): Promise<FulfilOrderResult> {
  const input = staffInput(actor, fulfilOrderSchema, rawInput);
  const carrier = input.carrier.replace(/\s+/g, " ");
  const trackingNumber = input.trackingNumber.replace(/\s+/g, " ");
  const trackingUrl = input.trackingUrl ?? defaultTrackingUrl(carrier, trackingNumber);

  return onceWithLockedOrder(db, input.orderId, input.requestKey, replay, async (tx, order) => {
    if (order.status !== "PAID" && order.status !== "PARTIALLY_FULFILLED") {
      throw new UserError("order_not_fulfillable", NOT_FULFILLABLE[order.status] ?? "This order cannot ship now.");
    }
    if (order.fraudReview) {
      throw new UserError(
        "fraud_review",
        "This order is held for fraud review. Resolve the review before shipping it.",
      );
    }

    const lines = await tx.orderLine.findMany({
      where: { orderId: order.id },
      select: { id: true, title: true, variantTitle: true, quantity: true, fulfilledQuantity: true },
    });
    const byId = new Map(lines.map((line) => [line.id, line]));
    for (const wanted of input.lines) {
      const line = byId.get(wanted.orderLineId);
      if (!line)
        throw new UserError(
          "line_not_in_order",
          "One of the selected items does not belong to this order. Reload the page.",
        );
      const remaining = line.quantity - line.fulfilledQuantity;
      if (wanted.quantity > remaining) {
        throw new UserError(
          "over_fulfil",
          remaining === 0
            ? `“${line.title}” has already shipped in full.`
            : `Only ${remaining} of “${line.title}” ${remaining === 1 ? "is" : "are"} left to ship.`,
          { orderLineId: line.id, remaining },
        );
      }
    }

    // Guarded increments, in id order so two shipments of one order lock lines in the same order.
    for (const wanted of [...input.lines].sort((a, b) => (a.orderLineId < b.orderLineId ? -1 : 1))) {
      const updated = await tx.$executeRaw`
          UPDATE "OrderLine" SET "fulfilledQuantity" = "fulfilledQuantity" + ${wanted.quantity}
          WHERE id = ${wanted.orderLineId} AND "orderId" = ${order.id}
            AND "fulfilledQuantity" + ${wanted.quantity} <= quantity`;
      if (updated !== 1) {
        throw new UserError(
          "over_fulfil",
          "Some of these items have just been shipped by someone else. Reload the page.",
        );
      }
    }

    const shipment = await tx.shipment.create({
      data: {
        orderId: order.id,
        carrier,
        trackingNumber,
        trackingUrl,
        requestKey: input.requestKey,
        lines: { create: input.lines.map((line) => ({ orderLineId: line.orderLineId, quantity: line.quantity })) },
      },
      select: { id: true },
    });

    const shippedUnits = input.lines.reduce((sum, line) => sum + line.quantity, 0);
    const totalUnits = lines.reduce((sum, line) => sum + line.quantity, 0);
    const fulfilledUnits = lines.reduce((sum, line) => sum + line.fulfilledQuantity, 0) + shippedUnits;
    const status = fulfilledUnits >= totalUnits ? "FULFILLED" : "PARTIALLY_FULFILLED";
    await tx.order.update({ where: { id: order.id }, data: { status } });

    const parcel =
      status === "FULFILLED" && fulfilledUnits === shippedUnits ? "" : ` (${shippedUnits} of ${totalUnits} items)`;
    const shipped = { shipmentId: shipment.id, carrier, trackingNumber, trackingUrl, lines: input.lines };
    await recordOrderChange(tx, actor, order.id, {
      events: [
        {
          type: "shipped",
          public: true,
          message: `Shipped with ${carrier}, tracking ${trackingNumber}${parcel}.`,
          data: shipped,
        },
      ],
      audit: { action: "order.fulfil", data: { ...shipped, status } },
    });
    await enqueue(tx, {
      topic: ORDER_SHIPPED_TOPIC,
      aggregateId: order.id,
      dedupeKey: orderShippedDedupeKey(shipment.id),
      payload: { orderId: order.id, shipmentId: shipment.id, email: order.email },
    });
    return { outcome: "shipped", shipmentId: shipment.id, status };
  });
}

// ---------------------------------------------------------------------------------------------
// Delivery

export const markDeliveredSchema = z.object({
  orderId: recordIdSchema,
  /** One shipment; without it, every shipment of the order that is still on its way. */
  shipmentId: recordIdSchema.optional(),
});

export type MarkDeliveredInput = z.input<typeof markDeliveredSchema>;

export interface MarkDeliveredResult {
  outcome: "delivered" | "already_delivered";
  deliveredShipments: number;
  status: string;
}

export async function markDelivered(
  db: Db,
  actor: OrderActor,
  rawInput: MarkDeliveredInput,
  options: { now?: Date } = {},
): Promise<MarkDeliveredResult> {
  const input = staffInput(actor, markDeliveredSchema, rawInput);
  const now = options.now ?? new Date();
  return withLockedOrder(db, input.orderId, async (tx, order) => {
    const shipments = await tx.shipment.findMany({
      where: { orderId: order.id },
      select: { id: true, status: true, carrier: true, trackingNumber: true },
    });
    if (input.shipmentId && !shipments.some((shipment) => shipment.id === input.shipmentId)) {
      throw new UserError("shipment_not_in_order", "That shipment does not belong to this order. Reload the page.");
    }
    if (shipments.length === 0) throw new UserError("nothing_shipped", "Nothing of this order has shipped yet.");
    const targets = shipments.filter(
      (shipment) => (input.shipmentId ? shipment.id === input.shipmentId : true) && shipment.status === "SHIPPED",
    );
    if (targets.length === 0) return { outcome: "already_delivered", deliveredShipments: 0, status: order.status };

    // Guarded on the status: a concurrent delivery of the same shipment moves it once.
    const moved = await tx.shipment.updateMany({
      where: { id: { in: targets.map((shipment) => shipment.id) }, orderId: order.id, status: "SHIPPED" },
      data: { status: "DELIVERED", deliveredAt: now },
    });
    const stillOnTheWay = shipments.filter((shipment) => shipment.status === "SHIPPED").length - moved.count;
    let status: string = order.status;
    // The order is delivered when every unit shipped and every parcel arrived.
    if (order.status === "FULFILLED" && stillOnTheWay === 0) {
      await tx.order.update({ where: { id: order.id }, data: { status: "DELIVERED" } });
      status = "DELIVERED";
    }
    const parcels = targets.map((shipment) => `${shipment.carrier} ${shipment.trackingNumber}`).join(", ");
    const shipmentIds = targets.map((shipment) => shipment.id);
    await recordOrderChange(tx, actor, order.id, {
      events: [
        {
          type: "delivered",
          public: true,
          message: status === "DELIVERED" ? `Delivered (${parcels}).` : `Parcel delivered (${parcels}).`,
          data: { shipmentIds },
        },
      ],
      audit: { action: "order.deliver", data: { shipmentIds, status } },
    });
    return { outcome: "delivered", deliveredShipments: moved.count, status };
  });
}
