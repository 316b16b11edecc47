// The difference of a dearer exchange through Stripe: a hosted Checkout Session exactly like checkout's
// (./stripe.ts: amounts in minor units, an idempotency key per attempt, the ids in metadata, an expiry
// aligned with the hold), with `returnId` in its metadata so the webhook confirms it through
// lib/orders/returns-difference.ts instead of markOrderPaid.
import type { Db } from "@/lib/db";
import { extendReservations } from "@/lib/inventory/reservations";
import { loadPayableDifference, type PayableDifference } from "./payable-difference";
import type { StartedPayment, StartPaymentUrls } from "./provider-contract";
import { startCheckoutSession, type SessionPayable } from "./stripe-checkout-session";

/** The difference as Stripe is asked to charge it: one item, the return's id in the metadata. */
export function differencePayable(due: PayableDifference): SessionPayable {
  const description = `Exchange difference, order #${due.orderNumber}`;
  return {
    orderId: due.orderId,
    returnId: due.returnId,
    email: due.email,
    amountCents: due.amountCents,
    currency: due.currency,
    lineItems: [{ name: description, unitAmountCents: due.amountCents, quantity: 1 }],
    metadata: { orderId: due.orderId, orderNumber: String(due.orderNumber), returnId: due.returnId },
    description,
    holdUntil: due.dueBy,
  };
}

export async function startStripeDifferencePayment(
  db: Db,
  returnId: string,
  urls: StartPaymentUrls,
): Promise<StartedPayment> {
  const now = new Date();
  const due = await loadPayableDifference(db, returnId, now);
  return startCheckoutSession(db, differencePayable(due), {
    urls,
    now,
    paidMessage: "We have received your payment and are confirming it.",
    idempotencyKey: (attempt, expiresAt) => `return-difference:${due.returnId}:${attempt}:${expiresAt.getTime()}`,
    extendHold: async (tx, sessionExpiresAt) => {
      // As checkout does: the exchange stays held as long as Stripe's page can take the payment (the
      // order's only ACTIVE reservations are its exchange holds: its own lines were sold when paid).
      if (sessionExpiresAt <= due.dueBy) return;
      await tx.returnRequest.updateMany({
        where: { id: due.returnId, differencePaidAt: null, differenceDueBy: { not: null, lt: sessionExpiresAt } },
        data: { differenceDueBy: sessionExpiresAt },
      });
      await extendReservations(tx, due.orderId, sessionExpiresAt);
    },
  });
}
