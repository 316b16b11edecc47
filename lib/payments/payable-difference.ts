// The difference of a dearer exchange as the payment providers charge it (lib/orders/returns-difference.ts
// confirms it): what is due, in the order's currency, while the exchange is still held for it.
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";

export interface PayableDifference {
  returnId: string;
  orderId: string;
  orderNumber: number;
  email: string;
  amountCents: number;
  currency: string;
  /** When the hold on the exchange ends: the payment must not outlive it. */
  dueBy: Date;
}

/** A hold for the difference is open: an exchange set aside for it, not paid yet. */
export function awaitsDifference(request: {
  differenceCents: number;
  differenceDueBy: Date | null;
  differencePaidAt: Date | null;
}): boolean {
  return request.differenceCents > 0 && request.differenceDueBy !== null && request.differencePaidAt === null;
}

/** Throws UserError when nothing is due now (paid already, released, or never dearer). */
export async function loadPayableDifference(db: Db, returnId: string, now: Date): Promise<PayableDifference> {
  const request = await db.returnRequest.findUnique({
    where: { id: returnId },
    select: {
      id: true,
      differenceCents: true,
      differenceDueBy: true,
      differencePaidAt: true,
      order: { select: { id: true, number: true, email: true, currency: true } },
    },
  });
  if (!request) throw new UserError("return_not_found", "This return does not exist. Reload the page.");
  if (request.differencePaidAt) throw new UserError("already_paid", "The difference for this exchange is paid.");
  if (!awaitsDifference(request) || request.differenceDueBy! <= now) {
    throw new UserError(
      "difference_closed",
      "This exchange is no longer set aside, so there is nothing to pay: your return will be refunded instead.",
    );
  }
  return {
    returnId: request.id,
    orderId: request.order.id,
    orderNumber: request.order.number,
    email: request.order.email,
    amountCents: request.differenceCents,
    currency: request.order.currency,
    dueBy: request.differenceDueBy!,
  };
}
