// Seller refunds of a paid order, full or partial, through the provider that took the payment (Stripe's
// refunds API or the test provider), built on the idempotent refund machinery in lib/payments/refunds.ts:
//
//   1. one transaction under the order's row lock (and the payment's): check the order can be refunded,
//      the amount is at most what is still refundable (captured minus every refund that has not failed,
//      pending ones included, so two concurrent refunds can never exceed the payment) and the actor's
//      limit; claim the Refund row with the form's request key (unique); write the audit entry and a
//      timeline event; queue "payment.refund_required" in the outbox as the safety net;
//   2. after commit, call the provider directly (the seller sees the outcome at once) with the request
//      key as its idempotency key. If that call fails, the outbox worker retries it a minute later with
//      the same key: still one refund. The provider's answer (or Stripe's refund webhooks) settle the row
//      and the order's counters exactly once (lib/payments/refund-settlement.ts).
//
// Limits: STAFF may refund at most STAFF_REFUND_LIMIT_CENTS per order (all its refunds together) and
// STAFF_REFUND_DAILY_LIMIT_CENTS per day (./refund-limits.ts); ADMIN has no limit. The same limits apply
// to cancelling a paid order, which refunds it (lib/orders/cancel.ts). Enforced here, from the actor's
// role, whatever the UI shows; a refusal is audited in a write of its own.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { isUniqueViolation, type Tx } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentProvider } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money";
import { enqueue } from "@/lib/outbox";
import { assertStaffRefundAllowed, RefundLimitError, writeRefundRefusal } from "./refund-limits";
import { paymentProviderFor } from "@/lib/payments/provider";
import { REFUND_REQUIRED_TOPIC } from "@/lib/outbox/topics";
import type { RefundOutcome } from "@/lib/payments/refunds";
import { OUTSIDE_BALANCE_REFUND_REASONS } from "@/lib/payments/refund-settlement";
import {
  REFUND_REASONS,
  recordIdSchema,
  recordOrderChange,
  requestKeySchema,
  staffInput,
  type AdminLockedOrder,
  type OrderActor,
  type RefundReasonCode,
  withLockedOrder,
} from "./admin-common";

// Policy: lib/orders/refund-limits.ts (re-exported for the callers that read the limit).
export { DEFAULT_STAFF_REFUND_LIMIT_CENTS, refundLimitFor, staffRefundLimitCents } from "./refund-limits";

// ---------------------------------------------------------------------------------------------
// The order's payment and what is left to refund

export interface OrderBalancePayment {
  id: string;
  provider: PaymentProvider;
  amountCents: number;
  currency: string;
  refundableCents: number;
}

/**
 * The payment the order was paid with, locked, and what is still refundable on it. An extra payment
 * that was flagged as a duplicate (refunded on its own by the outbox) is never the order's balance.
 */
export async function lockOrderPayment(tx: Tx, orderId: string): Promise<OrderBalancePayment | null> {
  const payments = await tx.$queryRaw<Omit<OrderBalancePayment, "refundableCents">[]>`
    SELECT p.id, p.provider::text AS provider, p."amountCents", p.currency
    FROM "Payment" p
    WHERE p."orderId" = ${orderId} AND p.status = 'SUCCEEDED'
      AND (p."autoRefundReason" IS NULL OR p."autoRefundReason" <> ALL(${[...OUTSIDE_BALANCE_REFUND_REASONS]}::text[]))
    ORDER BY p."createdAt", p.id
    FOR UPDATE OF p`;
  for (const payment of payments) {
    const taken = await tx.refund.aggregate({
      where: { paymentId: payment.id, status: { not: "FAILED" } },
      _sum: { amountCents: true },
    });
    const refundableCents = Math.max(0, payment.amountCents - (taken._sum.amountCents ?? 0));
    if (refundableCents > 0 || payment === payments[payments.length - 1]) return { ...payment, refundableCents };
  }
  return null;
}

export interface ClaimedOrderRefund {
  refundId: string;
  paymentId: string;
  provider: PaymentProvider;
  amountCents: number;
  currency: string;
  requestKey: string;
  reason: string;
}

/**
 * Inserts the PENDING Refund row and queues its outbox safety net, in the caller's transaction (which
 * holds the order's lock and has checked the amount against lockOrderPayment).
 */
export async function claimOrderRefund(
  tx: Tx,
  order: Pick<AdminLockedOrder, "id">,
  payment: OrderBalancePayment,
  claim: {
    amountCents: number;
    requestKey: string;
    reason: string;
    createdById: string | null;
    dedupeKey: string;
    now: Date;
  },
): Promise<ClaimedOrderRefund> {
  const reason = claim.reason.slice(0, 500);
  const refund = await tx.refund.create({
    data: {
      orderId: order.id,
      paymentId: payment.id,
      amountCents: claim.amountCents,
      currency: payment.currency,
      reason,
      requestKey: claim.requestKey,
      createdById: claim.createdById,
    },
    select: { id: true },
  });
  await enqueue(tx, {
    topic: REFUND_REQUIRED_TOPIC,
    aggregateId: order.id,
    dedupeKey: claim.dedupeKey,
    payload: {
      orderId: order.id,
      paymentId: payment.id,
      amountCents: claim.amountCents,
      currency: payment.currency,
      reason,
      refundKey: claim.requestKey,
    },
    // The direct call after commit goes first; the worker only steps in if that one did not finish.
    availableAt: new Date(claim.now.getTime() + 60_000),
  });
  return {
    refundId: refund.id,
    paymentId: payment.id,
    provider: payment.provider,
    amountCents: claim.amountCents,
    currency: payment.currency,
    requestKey: claim.requestKey,
    reason,
  };
}

/**
 * Step 2, after commit: the provider call through the shared machinery. A failure is logged and left to
 * the outbox worker (same key, so still one refund); the caller reports the refund as pending.
 */
export async function sendClaimedRefund(
  db: Db,
  claimed: Omit<ClaimedOrderRefund, "refundId">,
  createdById: string | null,
): Promise<RefundOutcome | null> {
  try {
    return await paymentProviderFor(claimed.provider).refund(db, {
      paymentId: claimed.paymentId,
      amountCents: claimed.amountCents,
      requestKey: claimed.requestKey,
      reason: claimed.reason,
      createdById,
    });
  } catch (error) {
    console.error(
      `refund ${claimed.requestKey}: the provider call failed; the outbox worker will retry it: ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
}

/** The fields of a claimed Refund row that sending it again needs. */
export const CLAIMED_REFUND_SELECT = {
  id: true,
  paymentId: true,
  amountCents: true,
  currency: true,
  reason: true,
  requestKey: true,
  payment: { select: { provider: true } },
} as const;

export type ClaimedRefundRow = Prisma.RefundGetPayload<{ select: typeof CLAIMED_REFUND_SELECT }>;

/**
 * A retry of a refund already claimed (the same form again, two clicks at once): finishes the provider
 * call if the first attempt did not, with the same key, so still one refund.
 */
export function resendClaimedRefund(
  db: Db,
  refund: ClaimedRefundRow,
  fallbackReason: string,
  createdById: string | null,
): Promise<RefundOutcome | null> {
  return sendClaimedRefund(
    db,
    {
      paymentId: refund.paymentId,
      provider: refund.payment.provider,
      amountCents: refund.amountCents,
      currency: refund.currency,
      requestKey: refund.requestKey,
      reason: refund.reason ?? fallbackReason,
    },
    createdById,
  );
}

/** What the provider's answer (or its absence: the worker retries) means for the seller. */
export function refundOutcome(sent: RefundOutcome | null): "refunded" | "failed" | "pending" {
  return sent?.status === "SUCCEEDED" ? "refunded" : sent?.status === "FAILED" ? "failed" : "pending";
}

// ---------------------------------------------------------------------------------------------
// refundOrder

export { REFUND_REASONS, type RefundReasonCode };

export const refundOrderSchema = z.object({
  orderId: recordIdSchema,
  amountCents: z
    .number({ error: "Enter the amount to refund." })
    .int("Enter the amount in whole minor units.")
    .positive("Enter an amount greater than zero.")
    .max(2_147_483_647, "That amount is too large."),
  reason: z.enum(Object.keys(REFUND_REASONS) as [RefundReasonCode, ...RefundReasonCode[]], {
    error: "Choose a reason.",
  }),
  note: z.string().trim().max(300, "A note is at most 300 characters.").optional(),
  requestKey: requestKeySchema,
});

export type RefundOrderInput = z.input<typeof refundOrderSchema>;

export interface RefundOrderResult {
  outcome: "refunded" | "pending" | "failed" | "replayed";
  refundId: string;
  amountCents: number;
  currency: string;
}

function resultOf(
  refundId: string,
  amountCents: number,
  currency: string,
  sent: RefundOutcome | null,
  replayed: boolean,
): RefundOrderResult {
  const outcome = replayed ? "replayed" : refundOutcome(sent);
  return { outcome, refundId, amountCents, currency };
}

async function existingRefund(db: Db | Tx, requestKey: string, orderId: string, amountCents: number) {
  const existing = await db.refund.findUnique({
    where: { requestKey },
    select: { ...CLAIMED_REFUND_SELECT, orderId: true },
  });
  if (!existing) return null;
  if (existing.orderId !== orderId || existing.amountCents !== amountCents) {
    throw new UserError(
      "request_key_reused",
      "This form was already used for another refund. Reload the page and try again.",
    );
  }
  return existing;
}

export async function refundOrder(
  db: Db,
  actor: OrderActor,
  rawInput: RefundOrderInput,
  options: { now?: Date } = {},
): Promise<RefundOrderResult> {
  const input = staffInput(actor, refundOrderSchema, rawInput);
  const now = options.now ?? new Date();
  const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;

  const resume = async (existing: NonNullable<Awaited<ReturnType<typeof existingRefund>>>) => {
    const sent = await resendClaimedRefund(db, existing, reason, actor.id);
    return resultOf(existing.id, existing.amountCents, existing.currency, sent, true);
  };

  const first = await existingRefund(db, input.requestKey, input.orderId, input.amountCents);
  if (first) return resume(first);

  let claimed: ClaimedOrderRefund | { replay: NonNullable<Awaited<ReturnType<typeof existingRefund>>> };
  try {
    claimed = await withLockedOrder(db, input.orderId, async (tx, order) => {
      const raced = await existingRefund(tx, input.requestKey, order.id, input.amountCents);
      if (raced) return { replay: raced };
      if (order.status === "PENDING_PAYMENT")
        throw new UserError("order_not_paid", "This order has not been paid, so there is nothing to refund.");
      const payment = await lockOrderPayment(tx, order.id);
      if (!payment) throw new UserError("no_payment", "This order has no completed payment to refund.");
      if (input.amountCents > payment.refundableCents) {
        throw new UserError(
          "refund_exceeds_refundable",
          payment.refundableCents === 0
            ? "Nothing is left to refund on this order (pending refunds count until they fail)."
            : `At most ${formatMoney(payment.refundableCents, payment.currency)} can still be refunded on this order.`,
          { refundableCents: payment.refundableCents },
        );
      }
      // Under the order's lock (and, inside, the staff member's), before the refund is written.
      await assertStaffRefundAllowed(tx, actor, {
        orderId: order.id,
        amountCents: input.amountCents,
        currency: payment.currency,
        now,
      });
      const claim = await claimOrderRefund(tx, order, payment, {
        amountCents: input.amountCents,
        requestKey: input.requestKey,
        reason,
        createdById: actor.id,
        dedupeKey: `order-refund:${input.requestKey}`,
        now,
      });
      const amount = formatMoney(input.amountCents, payment.currency);
      await recordOrderChange(tx, actor, order.id, {
        events: [
          {
            type: "refund_requested",
            public: false,
            message: `Refund of ${amount} requested (${REFUND_REASONS[input.reason]}${input.note ? `: ${input.note}` : ""}).`,
            data: { refundId: claim.refundId, amountCents: input.amountCents, reason },
          },
        ],
        audit: {
          action: "order.refund",
          data: {
            refundId: claim.refundId,
            paymentId: payment.id,
            amountCents: input.amountCents,
            currency: payment.currency,
            reason,
            requestKey: input.requestKey,
          },
        },
      });
      return claim;
    });
  } catch (error) {
    if (error instanceof RefundLimitError) await writeRefundRefusal(db, actor, input.orderId, error, "refund");
    // The same form submitted twice at once: the second insert hits the unique key; resume the first.
    if (isUniqueViolation(error)) {
      const raced = await existingRefund(db, input.requestKey, input.orderId, input.amountCents);
      if (raced) return resume(raced);
    }
    throw error;
  }
  if ("replay" in claimed) return resume(claimed.replay);
  const sent = await sendClaimedRefund(db, claimed, actor.id);
  return resultOf(claimed.refundId, claimed.amountCents, claimed.currency, sent, false);
}
