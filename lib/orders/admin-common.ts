// Shared pieces of the seller's order actions (fulfil, deliver, cancel, refund, fraud review): who is
// acting, the validated shapes of ids and idempotency keys, and the locked read of an order that every
// action starts with, so two actions on one order run one after the other and each sees the other's result.
import { z } from "zod";
import { fieldErrorsOf, firstFieldError, idSchema } from "@/lib/actions/form";
import { UserError } from "@/lib/errors";
import type { Tx } from "@/lib/checkout/transaction";
import type { OrderStatus, PaymentStatus, Role } from "@/lib/generated/prisma/enums";
import { hasRole } from "@/lib/auth/roles";

/** The signed-in seller doing the action; the role decides limits (refunds) enforced here, in lib/. */
export interface OrderActor {
  id: string;
  role: Role;
}

export const recordIdSchema = idSchema({
  missing: "This form is missing a record id. Reload the page.",
  invalid: "This form names an invalid record. Reload the page.",
});

/**
 * The idempotency key of one submitted form: generated when the form renders (a hidden field), so a
 * double click or a resubmit after a network error repeats the same request instead of making a new one.
 */
export const requestKeySchema = z
  .string({ error: "This form has expired. Reload the page and try again." })
  .trim()
  .regex(/^[A-Za-z0-9_:-]{16,100}$/, "This form has expired. Reload the page and try again.");

/** Parses input that a caller should already have validated: a failure is a clear UserError, never a 500. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error);
  throw new UserError("invalid_input", firstFieldError(fieldErrors), { fieldErrors });
}

/** Defence in depth: the server actions check the role first, and lib/ refuses non-staff actors too. */
export function assertStaff(actor: OrderActor): void {
  if (!actor?.id || !hasRole(actor.role, "STAFF")) {
    throw new UserError("forbidden", "You don't have permission to do that.");
  }
}

export interface AdminLockedOrder {
  id: string;
  number: number;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  email: string;
  currency: string;
  totalCents: number;
  refundedCents: number;
  fraudReview: boolean;
}

/** Locks the order row for the rest of the transaction; an unknown id is a clear error. */
export async function lockOrderForAdmin(tx: Tx, orderId: string): Promise<AdminLockedOrder> {
  const [order] = await tx.$queryRaw<AdminLockedOrder[]>`
    SELECT id, number, status::text AS status, "paymentStatus"::text AS "paymentStatus", email, currency,
           "totalCents", "refundedCents", "fraudReview"
    FROM "Order" WHERE id = ${orderId} FOR UPDATE`;
  if (!order)
    throw new UserError("order_not_found", "This order does not exist (it may have been deleted). Reload the page.");
  return order;
}

/**
 * The order's status as its shipments say: nothing shipped (PAID), some units shipped
 * (PARTIALLY_FULFILLED), every unit shipped (FULFILLED) and every shipment delivered (DELIVERED).
 * Used when a refund stops being full (a refund that failed after it succeeded) to put back the status
 * that REFUNDED replaced.
 */
export function fulfilmentStatusOf(
  lines: readonly { quantity: number; fulfilledQuantity: number }[],
  shipments: readonly { status: "SHIPPED" | "DELIVERED" }[],
): "PAID" | "PARTIALLY_FULFILLED" | "FULFILLED" | "DELIVERED" {
  const shipped = lines.reduce((sum, line) => sum + line.fulfilledQuantity, 0);
  if (shipped === 0) return "PAID";
  const all = lines.every((line) => line.fulfilledQuantity >= line.quantity);
  if (!all) return "PARTIALLY_FULFILLED";
  return shipments.length > 0 && shipments.every((shipment) => shipment.status === "DELIVERED")
    ? "DELIVERED"
    : "FULFILLED";
}

/** Why a seller refunds; the first three are also Stripe's own refund reasons (sent as such). */
export const REFUND_REASONS = {
  requested_by_customer: "Customer request",
  fraudulent: "Fraudulent order",
  duplicate: "Duplicate charge",
  other: "Other",
} as const;

export type RefundReasonCode = keyof typeof REFUND_REASONS;

export const STATUS_LABELS: Record<OrderStatus, string> = {
  PENDING_PAYMENT: "Pending payment",
  PAID: "Paid",
  PARTIALLY_FULFILLED: "Partially fulfilled",
  FULFILLED: "Fulfilled",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
  REFUNDED: "Refunded",
};

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  PENDING: "Pending",
  PAID: "Paid",
  FAILED: "Failed",
  PARTIALLY_REFUNDED: "Partially refunded",
  REFUNDED: "Refunded",
};
