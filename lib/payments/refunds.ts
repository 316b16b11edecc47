// Refunds, shared by both providers. Three steps, so no network call runs inside a transaction:
//   1. claim: under a lock on the payment row, check what is left to refund and insert a PENDING Refund
//      carrying the request's key (unique), so a concurrent or retried request finds the same row;
//   2. call the provider with the same key as its idempotency key (Stripe answers a repeated key with
//      the refund it already made), outside any transaction;
//   3. record the provider's answer; a SUCCEEDED refund is counted on the order exactly once.
// If step 2 or 3 fails, the row stays PENDING without a provider reference and the next attempt with
// the same key resumes at step 2: a retried refund is always one refund. The worker makes those next
// attempts (./refund-reconcile.ts) until the provider gives a final answer.
//
// One exception to "same key": Stripe saves a server error (a 5xx answer) under its idempotency key and
// replays that error to every retry for 24 hours. A provider call that got one throws SavedServerError;
// the refund then moves to the next key generation, and the provider's next call first looks for a refund
// it made under an earlier key (Stripe: listed by the PaymentIntent, matched by our refund id in its
// metadata) before sending the request under the fresh key. Either way there is still one refund.
import type { Db } from "@/lib/db";
import { describeError, UserError } from "@/lib/errors";
import type { PaymentProvider, RefundStatus } from "@/lib/generated/prisma/enums";
import { isUniqueViolation, runTransaction } from "@/lib/db/transaction";
import { formatMoney } from "@/lib/money";
import { refundAffectsOrderBalance, settleRefund } from "./refund-settlement";

export interface RefundRequest {
  paymentId: string;
  amountCents: number;
  /** Idempotency key: the same key always means the same single refund. */
  requestKey: string;
  /** Why, for the seller and the provider's records (e.g. "out_of_stock", "requested_by_customer"). */
  reason: string;
  createdById?: string | null;
  /**
   * Whether the refund gives back money the order was paid with (default). A refund of a duplicate
   * payment for an order that another payment paid returns money the order never counted, so it leaves
   * the order's refundedCents and paymentStatus alone.
   */
  affectsOrderBalance?: boolean;
}

export interface RefundOutcome {
  refundId: string;
  status: RefundStatus;
  providerRef: string | null;
  amountCents: number;
  currency: string;
  /** true when this key had already produced the refund and nothing new happened. */
  replayed: boolean;
}

export interface RefundablePayment {
  id: string;
  orderId: string;
  provider: PaymentProvider;
  providerRef: string | null;
  paymentIntentRef: string | null;
  amountCents: number;
  currency: string;
}

export interface ClaimedRefund {
  id: string;
  amountCents: number;
  currency: string;
  requestKey: string;
  /** The idempotency key to send: requestKey, or a fresh one after a saved server error (see above). */
  providerKey: string;
  /** 0 for the first key; above 0 the provider must first look for a refund made under an earlier key. */
  keyGeneration: number;
  reason: string;
}

/**
 * The provider answered a server error that it saved under the idempotency key (Stripe replays it for 24
 * hours): retrying with that key can never succeed, so the next attempt uses a fresh one.
 */
export class SavedServerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SavedServerError";
  }
}

/** The idempotency key of a refund's provider call at a key generation (Stripe allows 255 characters). */
export function providerKeyFor(requestKey: string, keyGeneration: number): string {
  return keyGeneration === 0 ? requestKey : `${requestKey.slice(0, 230)}#retry-${keyGeneration}`;
}

/** What a provider answers for one refund request. */
export interface ProviderRefundResult {
  /** Null only when the provider refused the request outright (nothing was created there). */
  providerRef: string | null;
  status: RefundStatus;
  /** Why it failed, for the seller's timeline. */
  failureReason?: string | null;
}

export type ProviderRefundCall = (refund: ClaimedRefund, payment: RefundablePayment) => Promise<ProviderRefundResult>;

function validate(request: RefundRequest): void {
  if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) {
    throw new RangeError(`refund amountCents must be positive integer minor units, got ${request.amountCents}`);
  }
  if (!request.requestKey || request.requestKey.length > 255)
    throw new RangeError("refund requestKey must be 1-255 characters");
  if (!request.paymentId) throw new RangeError("refund paymentId is required");
}

type RefundRow = {
  id: string;
  orderId: string;
  paymentId: string;
  amountCents: number;
  currency: string;
  status: RefundStatus;
  providerRef: string | null;
  reason: string | null;
  keyGeneration: number;
};

const refundSelect = {
  id: true,
  orderId: true,
  paymentId: true,
  amountCents: true,
  currency: true,
  status: true,
  providerRef: true,
  reason: true,
  keyGeneration: true,
} as const;

function outcome(row: RefundRow, replayed: boolean): RefundOutcome {
  return {
    refundId: row.id,
    status: row.status,
    providerRef: row.providerRef,
    amountCents: row.amountCents,
    currency: row.currency,
    replayed,
  };
}

function checkSameRequest(row: RefundRow, request: RefundRequest): void {
  if (row.paymentId !== request.paymentId || row.amountCents !== request.amountCents) {
    throw new Error(`refund key ${request.requestKey} was already used for a different payment or amount`);
  }
}

async function claimRefund(db: Db, provider: PaymentProvider, request: RefundRequest): Promise<RefundRow> {
  return runTransaction(db, async (tx) => {
    const [payment] = await tx.$queryRaw<
      {
        id: string;
        orderId: string;
        provider: PaymentProvider;
        status: string;
        amountCents: number;
        currency: string;
      }[]
    >`
      SELECT id, "orderId", provider::text AS provider, status::text AS status, "amountCents", currency
      FROM "Payment" WHERE id = ${request.paymentId} FOR UPDATE`;
    if (!payment) throw new UserError("payment_not_found", "That payment does not exist.");
    if (payment.provider !== provider)
      throw new Error(`payment ${payment.id} was taken by ${payment.provider}, not ${provider}`);
    if (payment.status !== "SUCCEEDED") {
      throw new UserError("payment_not_refundable", "Only a completed payment can be refunded.");
    }
    const taken = await tx.refund.aggregate({
      where: { paymentId: payment.id, status: { not: "FAILED" } },
      _sum: { amountCents: true },
    });
    const refundable = payment.amountCents - (taken._sum.amountCents ?? 0);
    if (request.amountCents > refundable) {
      throw new UserError(
        "refund_exceeds_payment",
        `At most ${formatMoney(Math.max(0, refundable), payment.currency)} of this payment can still be refunded.`,
        { refundableCents: Math.max(0, refundable) },
      );
    }
    return tx.refund.create({
      data: {
        orderId: payment.orderId,
        paymentId: payment.id,
        amountCents: request.amountCents,
        currency: payment.currency,
        reason: request.reason.slice(0, 500),
        requestKey: request.requestKey,
        createdById: request.createdById ?? null,
      },
      select: refundSelect,
    });
  });
}

async function recordResult(
  db: Db,
  refund: RefundRow,
  result: ProviderRefundResult,
  request: RefundRequest,
): Promise<RefundRow> {
  return runTransaction(db, async (tx) => {
    // Only the first recorder of a final status moves the money counters (./refund-settlement.ts); a
    // Stripe webhook reporting the same refund may have got there first.
    await settleRefund(tx, {
      refundId: refund.id,
      status: result.status,
      providerRef: result.providerRef,
      affectsOrderBalance: request.affectsOrderBalance !== false,
      failureReason: result.failureReason ?? null,
      source: "provider",
    });
    return tx.refund.findUniqueOrThrow({ where: { id: refund.id }, select: refundSelect });
  });
}

/** Runs one refund through `call` (the provider), idempotently per request.requestKey. */
export async function performRefund(
  db: Db,
  provider: PaymentProvider,
  request: RefundRequest,
  call: ProviderRefundCall,
): Promise<RefundOutcome> {
  validate(request);
  let refund = await db.refund.findUnique({ where: { requestKey: request.requestKey }, select: refundSelect });
  if (!refund) {
    try {
      refund = await claimRefund(db, provider, request);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent request with the same key claimed it first: continue with its row.
      refund = await db.refund.findUniqueOrThrow({ where: { requestKey: request.requestKey }, select: refundSelect });
    }
  }
  checkSameRequest(refund, request);
  if (refund.providerRef !== null || refund.status !== "PENDING") return outcome(refund, true);

  const payment = await db.payment.findUniqueOrThrow({
    where: { id: refund.paymentId },
    select: {
      id: true,
      orderId: true,
      provider: true,
      providerRef: true,
      paymentIntentRef: true,
      amountCents: true,
      currency: true,
    },
  });
  let result: ProviderRefundResult;
  try {
    result = await call(
      {
        id: refund.id,
        amountCents: refund.amountCents,
        currency: refund.currency,
        requestKey: request.requestKey,
        providerKey: providerKeyFor(request.requestKey, refund.keyGeneration),
        keyGeneration: refund.keyGeneration,
        reason: refund.reason ?? request.reason,
      },
      payment,
    );
  } catch (error) {
    // Kept for the seller (admin order page) and the worker's retries. Guarded on the generation, so two
    // callers that got the same saved error move the refund on by one generation, not two.
    await db.refund.updateMany({
      where: { id: refund.id, status: "PENDING", keyGeneration: refund.keyGeneration },
      data: {
        lastError: describeError(error),
        ...(error instanceof SavedServerError ? { keyGeneration: refund.keyGeneration + 1 } : {}),
      },
    });
    throw error;
  }
  return outcome(await recordResult(db, refund, result, request), false);
}

/**
 * A PENDING refund the provider already knows (it has the provider's reference): asks the provider where
 * it stands (`fetch`) and settles it from that answer, once (./refund-settlement.ts).
 */
export async function refreshPendingRefund(
  db: Db,
  refundId: string,
  fetch: (refund: { id: string; providerRef: string }) => Promise<ProviderRefundResult>,
): Promise<RefundStatus> {
  const refund = await db.refund.findUniqueOrThrow({ where: { id: refundId }, select: refundSelect });
  if (refund.status !== "PENDING" || !refund.providerRef) return refund.status;
  const result = await fetch({ id: refund.id, providerRef: refund.providerRef });
  return runTransaction(db, async (tx) => {
    await settleRefund(tx, {
      refundId: refund.id,
      status: result.status,
      providerRef: result.providerRef,
      affectsOrderBalance: refundAffectsOrderBalance(refund.reason),
      failureReason: result.failureReason ?? null,
      source: "reconciliation",
    });
    const settled = await tx.refund.findUniqueOrThrow({ where: { id: refund.id }, select: { status: true } });
    return settled.status;
  });
}
