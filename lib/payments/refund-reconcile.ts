// Reconciling refunds left PENDING, run by the background worker (lib/worker). A refund stays PENDING
// when its provider call failed (a timeout, a dropped connection, a server error) or when the provider
// accepted it as pending (Stripe: some cards settle later). The outbox's "payment.refund_required" retries
// only the first kind, and gives up after hours; this job asks until the provider gives a final answer:
//   - without a provider reference: the provider call again, through performRefund with the refund's own
//     key (./refunds.ts: the same key, or after a saved server error a fresh key once the provider was
//     checked for a refund made under the old one), so a retried refund is still one refund;
//   - with one (the provider said "pending"): the provider is asked where the refund stands.
// SUCCEEDED or FAILED is recorded from the provider's answer only (./refund-settlement.ts), never from
// our own impatience: marking a refund FAILED ourselves would make its amount refundable again while the
// provider might still pay it out. A refund that stays PENDING past REFUND_STUCK_AFTER_MINUTES is shown as
// stuck, with its last error, on the admin order page and the dashboard, for the seller to look into.
//
// Safe with several workers: each pass claims due refunds with FOR UPDATE SKIP LOCKED and moves their
// nextAttemptAt past a lease before calling anybody, so one refund is reconciled by one worker at a time.
import type { Db } from "@/lib/db";
import { describeError } from "@/lib/errors";
import type { PaymentProvider, RefundStatus } from "@/lib/generated/prisma/enums";
import { retryDelayMs } from "@/lib/outbox";
import { paymentProviderFor } from "./provider";
import { refundAffectsOrderBalance } from "./refund-settlement";

/** A pending refund younger than this is left to the call that created it (and its outbox safety net). */
export const RECONCILE_AFTER_MS = 2 * 60_000;
/** How long one worker holds a claimed refund before another may take it (longer than a provider call). */
const LEASE_MS = 5 * 60_000;
/** Backoff between attempts: 1 minute, doubling, at most an hour. */
const BACKOFF = { baseMs: 60_000, maxMs: 60 * 60_000 } as const;
/** A refund pending for longer than this is shown to the seller as stuck. */
export const REFUND_STUCK_AFTER_MINUTES = 30;

export interface ReconcileResult {
  claimed: number;
  succeeded: number;
  failed: number;
  /** Still pending: the provider has not decided yet, or the attempt failed and will be retried. */
  pending: number;
}

interface ClaimedRefundRow {
  id: string;
  paymentId: string;
  amountCents: number;
  requestKey: string;
  reason: string | null;
  providerRef: string | null;
  attempts: number;
  provider: PaymentProvider;
}

async function claimDueRefunds(db: Db, now: Date, limit: number): Promise<ClaimedRefundRow[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const youngest = new Date(now.getTime() - RECONCILE_AFTER_MS);
  return db.$queryRaw<ClaimedRefundRow[]>`
    WITH due AS (
      SELECT id FROM "Refund"
      WHERE status = 'PENDING' AND "createdAt" <= ${youngest}::timestamp
        AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now}::timestamp)
      ORDER BY "nextAttemptAt" NULLS FIRST, "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "Refund" r
    SET attempts = r.attempts + 1, "nextAttemptAt" = ${leaseUntil}::timestamp
    FROM due, "Payment" p
    WHERE r.id = due.id AND p.id = r."paymentId"
    RETURNING r.id, r."paymentId", r."amountCents", r."requestKey", r.reason, r."providerRef", r.attempts,
              p.provider::text AS provider`;
}

async function reconcileOne(db: Db, refund: ClaimedRefundRow): Promise<RefundStatus> {
  const provider = paymentProviderFor(refund.provider);
  if (refund.providerRef) {
    return provider.refreshRefund ? provider.refreshRefund(db, refund.id) : "PENDING";
  }
  const outcome = await provider.refund(db, {
    paymentId: refund.paymentId,
    amountCents: refund.amountCents,
    requestKey: refund.requestKey,
    reason: refund.reason ?? "refund",
    affectsOrderBalance: refundAffectsOrderBalance(refund.reason),
  });
  return outcome.status;
}

/** One pass: claims up to `limit` due pending refunds and reconciles each with its provider. */
export async function reconcilePendingRefunds(
  db: Db,
  options: { now?: Date; limit?: number } = {},
): Promise<ReconcileResult> {
  const now = options.now ?? new Date();
  const claimed = await claimDueRefunds(db, now, options.limit ?? 20);
  const result: ReconcileResult = { claimed: claimed.length, succeeded: 0, failed: 0, pending: 0 };
  for (const refund of claimed) {
    let status: RefundStatus = "PENDING";
    let lastError: string | undefined;
    try {
      status = await reconcileOne(db, refund);
    } catch (error) {
      lastError = describeError(error);
    }
    if (status === "SUCCEEDED") result.succeeded += 1;
    else if (status === "FAILED") result.failed += 1;
    else {
      result.pending += 1;
      await db.refund.updateMany({
        where: { id: refund.id, status: "PENDING" },
        data: {
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(refund.attempts, BACKOFF)),
          ...(lastError ? { lastError } : {}),
        },
      });
    }
  }
  return result;
}

export interface StuckRefund {
  id: string;
  orderId: string;
  orderNumber: number;
  amountCents: number;
  currency: string;
  createdAt: Date;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
}

export function isRefundStuck(refund: { status: RefundStatus; createdAt: Date }, now: Date = new Date()): boolean {
  return (
    refund.status === "PENDING" && now.getTime() - refund.createdAt.getTime() > REFUND_STUCK_AFTER_MINUTES * 60_000
  );
}

/** Refunds pending past the threshold, oldest first, for the admin dashboard. */
export async function listStuckRefunds(db: Db, now: Date = new Date(), limit = 20): Promise<StuckRefund[]> {
  const rows = await db.refund.findMany({
    where: { status: "PENDING", createdAt: { lt: new Date(now.getTime() - REFUND_STUCK_AFTER_MINUTES * 60_000) } },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: {
      id: true,
      orderId: true,
      amountCents: true,
      currency: true,
      createdAt: true,
      attempts: true,
      lastError: true,
      nextAttemptAt: true,
      order: { select: { number: true } },
    },
  });
  return rows.map(({ order, ...row }) => ({ ...row, orderNumber: order.number }));
}
