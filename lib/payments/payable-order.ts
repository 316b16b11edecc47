// What a provider needs to start a payment, read once, plus the checks that decide whether the order
// can be paid right now. Starting a payment for an order whose stock is no longer held would take money
// for goods we may not have, so that is refused and the shopper is sent back to check out again.
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { PAID_STATUSES } from "./order-states";

export interface PayableOrderLine {
  title: string;
  variantTitle: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
}

export interface PayableOrder {
  id: string;
  number: number;
  email: string;
  currency: string;
  totalCents: number;
  shippingCents: number;
  taxCents: number;
  shippingMethodName: string;
  lines: PayableOrderLine[];
  /** When the order's stock reservations run out (the earliest of its ACTIVE reservations). */
  reservationExpiresAt: Date;
}

export async function loadPayableOrder(db: Db, orderId: string, now: Date): Promise<PayableOrder> {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      email: true,
      status: true,
      currency: true,
      totalCents: true,
      shippingCents: true,
      taxCents: true,
      shippingMethodName: true,
      lines: {
        select: { title: true, variantTitle: true, quantity: true, unitPriceCents: true, discountCents: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      reservations: { where: { status: "ACTIVE" }, select: { expiresAt: true } },
    },
  });
  if (!order) throw new UserError("order_not_found", "We could not find this order.");
  if (PAID_STATUSES.has(order.status)) throw new UserError("order_already_paid", "This order has already been paid.");
  if (order.status !== "PENDING_PAYMENT") {
    throw new UserError(
      "order_not_payable",
      "This order was cancelled. Please return to your cart and check out again.",
    );
  }
  const held = order.reservations.map((reservation) => reservation.expiresAt.getTime());
  const reservationExpiresAt = held.length > 0 ? Math.min(...held) : 0;
  if (reservationExpiresAt <= now.getTime()) {
    throw new UserError(
      "reservation_expired",
      "Your items are no longer held for you. Please return to your cart and check out again.",
    );
  }
  const { reservations: _reservations, status: _status, ...rest } = order;
  return { ...rest, reservationExpiresAt: new Date(reservationExpiresAt) };
}
