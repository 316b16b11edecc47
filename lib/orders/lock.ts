// Every payment outcome for an order starts by locking its row, so confirmations, failures and
// cancellations of the same order run one after another and each sees the previous one's result.
import type { SqlTx, Tx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OrderStatus, PaymentProvider, PaymentStatus } from "@/lib/generated/prisma/enums";
import { orderHoldingsJson, type OrderHoldings } from "@/lib/inventory/commit";
import { riskInputsJson, type ProviderRiskSignals } from "./risk-inputs";
import { DEFAULT_RISK_THRESHOLDS } from "./risk-score";
import type { StoreAverage } from "./store-average";
import { riskRulesOnSql, riskSettingsJson } from "./risk-settings";

export interface LockedOrder {
  id: string;
  number: number;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  email: string;
  userId: string | null;
  cartId: string | null;
  currency: string;
  totalCents: number;
  discountCents: number;
  couponId: string | null;
}

export async function lockOrder(tx: Tx, orderId: string): Promise<LockedOrder | null> {
  const [order] = await tx.$queryRaw<LockedOrder[]>`
    SELECT id, number, status::text AS status, "paymentStatus"::text AS "paymentStatus", email, "userId",
           "cartId", currency, "totalCents", "discountCents", "couponId"
    FROM "Order" WHERE id = ${orderId} FOR UPDATE`;
  return order ?? null;
}

export interface PaymentLock extends LockedOrder {
  /** This confirmation's Payment row (by provider and reference), if it exists. */
  paymentId: string | null;
  paymentOrderId: string | null;
  paymentState: string | null;
  /** The payment was already flagged for refund (an extra payment, or money for a cancelled order). */
  paymentFlagged: boolean;
  heldLines: OrderHoldings["lines"];
  heldReservations: OrderHoldings["reservations"];
  /** The order got a promotion with a usage limit (paying counts its use). */
  limitedPromotions: boolean;
  /** With `risk`: the risk settings row and the order's risk inputs (default window), ./order-risk.ts. */
  riskSettings?: unknown;
  riskInputs?: unknown;
}

/**
 * Locks the order and reads, in the same round trip, this payment's row and the order's stock holdings
 * (and with `risk`, what the store's risk score needs: ./order-risk.ts).
 * Caveat of READ COMMITTED: when the lock had to wait for another transaction on this order (a
 * concurrent confirmation), PostgreSQL returns the order row's new version but the joined rows from the
 * statement's older snapshot (a payment that now exists would read as missing). The xmin comparison
 * detects that case; the query then runs again, under the lock we now hold, with a fresh snapshot.
 */
export async function lockForPayment(
  tx: SqlTx,
  input: { orderId: string; provider: PaymentProvider; providerRef: string },
  risk?: { signals: ProviderRiskSignals; now: Date; average: StoreAverage | null },
): Promise<PaymentLock | null> {
  // Scored only while the order waits for its payment (markOrderPaid pays no other), and only with the
  // rules on: switched off, the inputs (the counts and the average of recent paid orders) are not read.
  // With `risk.average` (read by an earlier payment, ./store-average.ts) the average is not read again.
  const riskColumns = risk
    ? Prisma.sql`${riskSettingsJson} AS "riskSettings",
        CASE WHEN o.status = 'PENDING_PAYMENT' AND ${riskRulesOnSql}
          THEN ${riskInputsJson(DEFAULT_RISK_THRESHOLDS, risk.signals, risk.now, risk.average)} END AS "riskInputs",`
    : Prisma.empty;
  // The second read runs under the lock, so nobody can have changed the order row in between.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const [row] = await tx.$queryRaw<
      (PaymentLock & { lockedVersion: string; snapshotVersion: string | null })[]
    >`/* prepared */
      SELECT o.id, o.number, o.status::text AS status, o."paymentStatus"::text AS "paymentStatus", o.email, o."userId",
             o."cartId", o.currency, o."totalCents", o."discountCents", o."couponId",
             p.id AS "paymentId", p."orderId" AS "paymentOrderId", p.status::text AS "paymentState",
             p."autoRefundReason" IS NOT NULL AS "paymentFlagged",
             ${orderHoldingsJson(Prisma.sql`o.id`)},
             EXISTS (SELECT 1 FROM "OrderDiscount" d JOIN "Promotion" lp ON lp.id = d."promotionId"
                     WHERE d."orderId" = o.id AND lp."usageLimit" IS NOT NULL) AS "limitedPromotions", ${riskColumns}
             o.xmin::text AS "lockedVersion",
             (SELECT snapshot.xmin::text FROM "Order" snapshot WHERE snapshot.id = o.id) AS "snapshotVersion"
      FROM "Order" o
      LEFT JOIN "Payment" p ON p.provider = ${input.provider}::"PaymentProvider" AND p."providerRef" = ${input.providerRef}
      WHERE o.id = ${input.orderId}
      FOR UPDATE OF o`;
    if (!row) return null;
    if (row.lockedVersion === row.snapshotVersion) return row;
  }
  throw new Error(`order ${input.orderId} kept changing under its own row lock`);
}
