// Shared pieces of the seller's order actions (fulfil, deliver, cancel, refund, fraud review): who is
// acting, the validated shapes of ids and idempotency keys, and the locked read of an order that every
// action starts with, so two actions on one order run one after the other and each sees the other's result.
import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { fieldErrorsOf, firstFieldError } from "@/lib/actions/form";
import { UserError } from "@/lib/errors";
import type { Db } from "@/lib/db";
import type { Tx } from "@/lib/db/transaction";
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

/**
 * The currency of an order's amounts, for a form that types one (a refund): the form cannot choose the
 * exponent. null for an unknown or malformed id.
 */
export async function orderCurrency(db: Db, orderId: string): Promise<string | null> {
  if (!recordIdSchema.safeParse(orderId).success) return null;
  const order = await db.order.findUnique({ where: { id: orderId }, select: { currency: true } });
  return order?.currency ?? null;
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
