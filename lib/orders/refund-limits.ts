// How much STAFF may refund (ADMIN: no limit). Two limits, both in minor units, checked against what is
// already refunded rather than per refund (otherwise twenty refunds of 100 pass a limit of 1,000):
//   - per order: STAFF_REFUND_LIMIT_CENTS (default 10000 = 100.00). Every refund of the order that has
//     not failed (pending ones included, whoever made them) plus this one must stay within it: staff
//     cannot take an order's refunds past the limit, however they split them;
//   - per staff member per day: STAFF_REFUND_DAILY_LIMIT_CENTS (default: the per-order limit). This
//     member's refunds that have not failed, over the last 24 hours (a rolling window: no reset at
//     midnight to wait for), plus this one. Amounts of every currency count at face value.
// Cancelling a paid order refunds it, so the same limits apply there (lib/orders/cancel.ts).
//
// Concurrency: the caller holds the order's row lock (two refunds of one order are serialised by it),
// and assertStaffRefundAllowed takes a transaction-level advisory lock per staff member before summing,
// so two refunds by the same member on different orders are serialised too; each sums in a statement
// that starts after the lock was granted, so it sees the other's committed refund.
//
// A refusal throws RefundLimitError inside the caller's transaction (which rolls back); the caller then
// records the refusal with writeRefundRefusal in a write of its own, so it survives the rollback.
import type { Db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/log";
import type { Tx } from "@/lib/db/transaction";
import { wholeNumberSetting, type Env } from "@/lib/env-settings";
import { UserError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import type { OrderActor } from "./admin-common";

export const DEFAULT_STAFF_REFUND_LIMIT_CENTS = 10_000;

export interface StaffRefundLimits {
  perOrderCents: number;
  perDayCents: number;
}

export function staffRefundLimits(env: Env = process.env): StaffRefundLimits {
  const perOrderCents = wholeNumberSetting(env, "STAFF_REFUND_LIMIT_CENTS", DEFAULT_STAFF_REFUND_LIMIT_CENTS);
  return {
    perOrderCents,
    perDayCents: wholeNumberSetting(env, "STAFF_REFUND_DAILY_LIMIT_CENTS", perOrderCents),
  };
}

/** STAFF_REFUND_LIMIT_CENTS: whole minor units; anything else falls back to the (safe) default. */
export function staffRefundLimitCents(env: Env = process.env): number {
  return staffRefundLimits(env).perOrderCents;
}

/** The most this actor may refund on one order in all (minor units), or null for no limit (the form shows it). */
export function refundLimitFor(actor: OrderActor, env?: Env): number | null {
  return actor.role === "ADMIN" ? null : staffRefundLimitCents(env);
}

export interface RefundLimitRefusal {
  limit: "per_order" | "per_day";
  limitCents: number;
  /** Refunded (or pending) already, within the limit's scope. */
  alreadyCents: number;
  amountCents: number;
  currency: string;
}

export class RefundLimitError extends UserError {
  readonly refusal: RefundLimitRefusal;

  constructor(refusal: RefundLimitRefusal) {
    const money = (cents: number) => formatMoney(cents, refusal.currency);
    const already =
      refusal.alreadyCents > 0
        ? refusal.limit === "per_order"
          ? ` (${money(refusal.alreadyCents)} of this order is already refunded or pending)`
          : ` (you have refunded ${money(refusal.alreadyCents)} in the last 24 hours)`
        : "";
    super(
      "refund_limit",
      `Staff can refund at most ${money(refusal.limitCents)} ${refusal.limit === "per_order" ? "on one order" : "a day"}${already}. Ask an admin to refund ${money(refusal.amountCents)}.`,
      { ...refusal },
    );
    this.name = "RefundLimitError";
    this.refusal = refusal;
  }
}

/**
 * Throws RefundLimitError when a STAFF actor's refund of `amountCents` on this order would pass either
 * limit. Call inside the transaction that holds the order's lock, before writing the refund.
 */
export async function assertStaffRefundAllowed(
  tx: Tx,
  actor: OrderActor,
  refund: { orderId: string; amountCents: number; currency: string; now: Date },
  limits: StaffRefundLimits = staffRefundLimits(),
): Promise<void> {
  if (actor.role === "ADMIN") return;
  const base = { amountCents: refund.amountCents, currency: refund.currency };
  // Cheap refusal first, without waiting on any lock.
  if (refund.amountCents > limits.perOrderCents)
    throw new RefundLimitError({ ...base, limit: "per_order", limitCents: limits.perOrderCents, alreadyCents: 0 });
  if (refund.amountCents > limits.perDayCents)
    throw new RefundLimitError({ ...base, limit: "per_day", limitCents: limits.perDayCents, alreadyCents: 0 });

  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`staff-refunds:${actor.id}`}, 0))`;
  const since = new Date(refund.now.getTime() - 24 * 60 * 60 * 1000);
  const [row] = await tx.$queryRaw<{ order: number; day: number }[]>`
    SELECT
      (SELECT coalesce(sum("amountCents"), 0)::int FROM "Refund"
        WHERE "orderId" = ${refund.orderId} AND status <> 'FAILED') AS "order",
      (SELECT coalesce(sum("amountCents"), 0)::int FROM "Refund"
        WHERE "createdById" = ${actor.id} AND status <> 'FAILED' AND "createdAt" > ${since}::timestamp) AS day`;
  const onOrder = row?.order ?? 0;
  const today = row?.day ?? 0;
  if (onOrder + refund.amountCents > limits.perOrderCents)
    throw new RefundLimitError({
      ...base,
      limit: "per_order",
      limitCents: limits.perOrderCents,
      alreadyCents: onOrder,
    });
  if (today + refund.amountCents > limits.perDayCents)
    throw new RefundLimitError({ ...base, limit: "per_day", limitCents: limits.perDayCents, alreadyCents: today });
}

/** The audit entry of a refused refund, in a write of its own (the refused transaction rolled back). */
export async function writeRefundRefusal(
  db: Db,
  actor: OrderActor,
  orderId: string,
  error: RefundLimitError,
  via: "refund" | "cancel",
): Promise<void> {
  await writeAudit(db, {
    actorId: actor.id,
    action: "order.refund.refused",
    entityType: "Order",
    entityId: orderId,
    data: { via, role: actor.role, ...error.refusal },
  });
}
