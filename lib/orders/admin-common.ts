// Shared pieces of the seller's order actions (fulfil, deliver, cancel, refund, fraud review): who is
// acting, the validated shapes of ids and idempotency keys, the locked read of an order that every
// action starts with, so two actions on one order run one after the other and each sees the other's result,
// and the timeline and audit entries every action ends with.
import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { fieldErrorsOf, firstFieldError } from "@/lib/actions/form";
import { UserError } from "@/lib/errors";
import type { Db } from "@/lib/db";
import { isUniqueViolation, runTransaction, type Tx } from "@/lib/db/transaction";
import { writeAudit } from "@/lib/audit/log";
import type { Prisma } from "@/lib/generated/prisma/client";
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

/** How many units of one order line a form moves (ships, returns): a whole number, at least one. */
export function lineUnitsSchema(atLeastOne: string) {
  return z
    .number({ error: "Enter a whole number of units." })
    .int("Enter a whole number of units.")
    .min(1, atLeastOne)
    .max(100_000, "That is more units than any order holds.");
}

/**
 * How every seller action on an order starts: the actor must be staff (defence in depth: the server
 * actions check the role first, and lib/ refuses non-staff actors too), and the input, which a caller
 * should already have validated, must parse. Either failure is a clear UserError, never a 500.
 */
export function staffInput<S extends z.ZodType>(actor: OrderActor, schema: S, input: unknown): z.output<S> {
  if (!actor?.id || !hasRole(actor.role, "STAFF")) {
    throw new UserError("forbidden", "You don't have permission to do that.");
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error);
  throw new UserError("invalid_input", firstFieldError(fieldErrors), { fieldErrors });
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

/**
 * How every change of one order runs (a seller's action, a shopper's return request, a fraud signal): in one
 * transaction under the order's row lock, so two changes of one order run one after the other and each sees
 * the other's result. Network calls (a refund's provider call) come after it returns, never inside.
 */
export function withLockedOrder<T>(
  db: Db,
  orderId: string,
  step: (tx: Tx, order: AdminLockedOrder) => Promise<T>,
): Promise<T> {
  return runTransaction(db, async (tx) => step(tx, await lockOrderForAdmin(tx, orderId)));
}

/**
 * A change of an order made once per submitted form: `replay` finds what an earlier submit with the same
 * request key made (null when none). It is asked before taking the lock, again under it (a concurrent
 * submit of the same form has committed by now, if it ran first), and after a unique violation on the
 * request key (two submits that raced past both checks: the loser finds the winner's result).
 */
export async function onceWithLockedOrder<T>(
  db: Db,
  orderId: string,
  requestKey: string,
  replay: (db: Db | Tx, requestKey: string, orderId: string) => Promise<T | null>,
  step: (tx: Tx, order: AdminLockedOrder) => Promise<T>,
): Promise<T> {
  const done = await replay(db, requestKey, orderId);
  if (done) return done;
  try {
    return await withLockedOrder(db, orderId, async (tx, order) => {
      return (await replay(tx, requestKey, order.id)) ?? (await step(tx, order));
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await replay(db, requestKey, orderId);
      if (raced) return raced;
    }
    throw error;
  }
}

/** One entry of the order's timeline; public ones show on the shopper's order page too. */
export interface OrderTimelineEntry {
  type: string;
  public: boolean;
  message: string;
  data: Prisma.InputJsonValue;
}

/**
 * The record every seller action on an order leaves, in the action's transaction: its timeline entries
 * (by the actor) and one audit entry on the order.
 */
export async function recordOrderChange(
  tx: Tx,
  actor: OrderActor,
  orderId: string,
  change: { events: OrderTimelineEntry[]; audit: { action: string; data: Prisma.InputJsonValue } },
): Promise<void> {
  await tx.orderEvent.createMany({
    data: change.events.map((event) => ({ orderId, actorId: actor.id, ...event })),
  });
  await writeAudit(tx, { actorId: actor.id, entityType: "Order", entityId: orderId, ...change.audit });
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
  PAYMENT_FAILED: "Payment failed",
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
