"use server";
// The seller's order actions. Thin: the kit authorizes and parses the form (field errors keyed by input
// name), then lib/orders (which checks every id against the order, takes the order's lock, writes the audit
// entry and is idempotent) does the work, and the page is refreshed to show the new state (./saved.ts). The order id
// comes from a hidden field; a forged one (another order's line, shipment or form key) is refused by lib/
// with a clear message and nothing written.
import { defineAction } from "@/lib/actions/define-action";
import { formObject } from "@/lib/actions/form";
import { invalidFields } from "@/lib/actions/result";
import { saved, type Saved } from "@/lib/actions/saved";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { orderCurrency } from "@/lib/orders/admin-common";
import { cancelFormSchema, deliverFormSchema, parseFulfilForm, parseRefundForm } from "@/lib/orders/admin-forms";
import { cancelOrder } from "@/lib/orders/cancel";
import { resolveFraudReview, resolveFraudReviewSchema } from "@/lib/orders/fraud-review";
import { fulfilOrder, markDelivered } from "@/lib/orders/fulfilment";
import { refundOrder } from "@/lib/orders/refund-order";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";

export type OrderActionDone = Saved<{ message: string }>;

const done = (message: string): OrderActionDone => saved({ message });

/** The ticked lines are repeated "ship" fields: a refused form comes back with the same ticks. */
export const fulfilOrderAction = defineAction(
  { role: "staff", input: parseFulfilForm, echo: true },
  async ({ input, user }) => {
    const result = await fulfilOrder(prisma, user, input);
    if (result.outcome === "replayed") return done("This shipment was already recorded.");
    return done(
      result.status === "FULFILLED"
        ? "Shipped: the order is fulfilled and the shopper is emailed."
        : "Shipped part of the order; the shopper is emailed.",
    );
  },
);

export const markDeliveredAction = defineAction(
  { role: "staff", input: deliverFormSchema, echo: true },
  async ({ input, user }) => {
    const result = await markDelivered(prisma, user, input);
    if (result.outcome === "already_delivered") return done("Already marked delivered.");
    return done(result.status === "DELIVERED" ? "Delivered: the order is complete." : "Parcel marked delivered.");
  },
);

export const cancelOrderAction = defineAction(
  { role: "staff", input: cancelFormSchema, echo: true },
  async ({ input, user }) => {
    const result = await cancelOrder(prisma, user, {
      orderId: input.orderId,
      reason: input.reason,
      requestKey: input.requestKey,
    });
    if (result.outcome === "already_cancelled") return done("This order was already cancelled.");
    const refund = result.refund;
    const formatMoney = await getStoreMoneyFormatter();
    const money = refund ? formatMoney(refund.amountCents, refund.currency) : "";
    const refundText = !refund
      ? ""
      : refund.status === "SUCCEEDED"
        ? ` ${money} was refunded.`
        : refund.status === "FAILED"
          ? ` The refund of ${money} failed at the payment provider: see the timeline.`
          : ` The refund of ${money} is pending and will be retried automatically.`;
    return done(
      `Order cancelled; ${result.restockedUnits} unit${result.restockedUnits === 1 ? "" : "s"} back in stock.${refundText}`,
    );
  },
);

/** The amount is read in the order's currency, from the database (a form cannot choose the exponent), so
 *  the form is parsed once the order is known. */
export const refundOrderAction = defineAction(
  { role: "staff", input: (form) => ({ ok: true, data: formObject(form) }), echo: true },
  async ({ input: values, user }) => {
    const currency = await orderCurrency(prisma, values.orderId ?? "");
    if (!currency)
      throw new UserError("order_not_found", "This order does not exist (it may have been deleted). Reload the page.");
    const parsed = parseRefundForm(values, currency);
    if (!parsed.ok) throw invalidFields(parsed.fieldErrors);
    const result = await refundOrder(prisma, user, parsed.data);
    const formatMoney = await getStoreMoneyFormatter();
    const money = formatMoney(result.amountCents, result.currency);
    switch (result.outcome) {
      case "refunded":
        return done(`${money} refunded.`);
      case "replayed":
        return done(`This refund of ${money} was already recorded.`);
      case "failed":
        return done(`The refund of ${money} failed at the payment provider: see the timeline.`);
      case "pending":
        return done(`The refund of ${money} is pending at the payment provider and will be retried automatically.`);
    }
  },
);

export const resolveFraudReviewAction = defineAction(
  { role: "staff", input: resolveFraudReviewSchema, echo: true },
  async ({ input, user }) => {
    const result = await resolveFraudReview(prisma, user, input);
    return done(
      result.outcome === "resolved"
        ? "Fraud review resolved: the order can ship."
        : "This order is not held for review.",
    );
  },
);
