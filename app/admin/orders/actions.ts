"use server";
// The seller's order actions. Thin: authorize first, parse the form (field errors keyed by input name),
// call lib/orders (which checks every id against the order, takes the order's lock, writes the audit
// entry and is idempotent), then refresh the page so it shows the new state. The order id comes from a
// hidden field; a forged one (another order's line, shipment or form key) is refused by lib/ with a
// clear message and nothing written. Unexpected errors are logged and shown as a generic message.
import { refresh } from "next/cache";
import { failure, fieldErrorsOf, formObject, formStrings, ok, type ActionResult } from "@/lib/actions/result";
import { authorizeAdminAction } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { isUserError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import {
  cancelFormSchema,
  deliverFormSchema,
  fraudReviewFormSchema,
  parseFulfilForm,
  parseRefundForm,
} from "@/lib/orders/admin-forms";
import { orderCurrency } from "@/lib/orders/admin-common";
import { cancelOrder } from "@/lib/orders/cancel";
import { resolveFraudReview } from "@/lib/orders/fraud-review";
import { fulfilOrder, markDelivered } from "@/lib/orders/fulfilment";
import { refundOrder } from "@/lib/orders/refund-order";

export interface OrderActionDone {
  message: string;
  /** Distinguishes two identical outcomes, so the form announces each one. */
  savedAt: number;
}

type Result = ActionResult<OrderActionDone>;

function invalid(fieldErrors: Record<string, string>, values: Record<string, string>): Result {
  return {
    ok: false,
    code: "invalid_input",
    error: Object.values(fieldErrors)[0] ?? "Please check the form.",
    fieldErrors,
    values,
  };
}

function refused(error: unknown, context: string, values: Record<string, string>): Result {
  // Field-level refusals from lib (the same rules, checked again there) keep their fields.
  if (isUserError(error) && error.code === "invalid_input" && error.details?.fieldErrors) {
    return invalid(error.details.fieldErrors as Record<string, string>, values);
  }
  return failure(error, context, values);
}

function done(message: string): Result {
  refresh();
  return ok({ message, savedAt: Date.now() });
}

export async function fulfilOrderAction(_previous: Result | null, formData: FormData): Promise<Result> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  // The ticked lines too (several "ship" fields), so a refused form comes back with the same ticks.
  const values = {
    ...formObject(formData),
    ship: formStrings(formData, "ship").join(","),
  };
  const parsed = parseFulfilForm(formData);
  if (!parsed.ok) return invalid(parsed.fieldErrors, values);
  try {
    const result = await fulfilOrder(prisma, auth.user, parsed.data);
    if (result.outcome === "replayed") return done("This shipment was already recorded.");
    return done(
      result.status === "FULFILLED"
        ? "Shipped: the order is fulfilled and the shopper is emailed."
        : "Shipped part of the order; the shopper is emailed.",
    );
  } catch (error) {
    return refused(error, "admin.orders.fulfil", values);
  }
}

export async function markDeliveredAction(_previous: Result | null, formData: FormData): Promise<Result> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const parsed = deliverFormSchema.safeParse(values);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error), values);
  try {
    const result = await markDelivered(prisma, auth.user, parsed.data);
    if (result.outcome === "already_delivered") return done("Already marked delivered.");
    return done(result.status === "DELIVERED" ? "Delivered: the order is complete." : "Parcel marked delivered.");
  } catch (error) {
    return refused(error, "admin.orders.deliver", values);
  }
}

export async function cancelOrderAction(_previous: Result | null, formData: FormData): Promise<Result> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const parsed = cancelFormSchema.safeParse(values);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error), values);
  try {
    const result = await cancelOrder(prisma, auth.user, {
      orderId: parsed.data.orderId,
      reason: parsed.data.reason,
      requestKey: parsed.data.requestKey,
    });
    if (result.outcome === "already_cancelled") return done("This order was already cancelled.");
    const refund = result.refund;
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
  } catch (error) {
    return refused(error, "admin.orders.cancel", values);
  }
}

export async function refundOrderAction(_previous: Result | null, formData: FormData): Promise<Result> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const orderId = values.orderId ?? "";
  try {
    // The amount is read in the order's currency, from the database: a form cannot choose the exponent.
    const currency = await orderCurrency(prisma, orderId);
    if (!currency)
      return {
        ok: false,
        code: "order_not_found",
        error: "This order does not exist (it may have been deleted). Reload the page.",
        values,
      };
    const parsed = parseRefundForm(values, currency);
    if (!parsed.ok) return invalid(parsed.fieldErrors, values);
    const result = await refundOrder(prisma, auth.user, parsed.data);
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
  } catch (error) {
    return refused(error, "admin.orders.refund", values);
  }
}

export async function resolveFraudReviewAction(_previous: Result | null, formData: FormData): Promise<Result> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const parsed = fraudReviewFormSchema.safeParse(values);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error), values);
  try {
    const result = await resolveFraudReview(prisma, auth.user, parsed.data);
    return done(
      result.outcome === "resolved"
        ? "Fraud review resolved: the order can ship."
        : "This order is not held for review.",
    );
  } catch (error) {
    return refused(error, "admin.orders.fraudReview", values);
  }
}
