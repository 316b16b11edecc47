// The inputs of the store's own risk score (./risk-score.ts) for one order, read from the database in
// one statement, or as a column of the caller's (markOrderPaid reads them in its locking read). They are
// plain reads, so the paying transaction scores the order without any network call. Signals only the
// payment provider knows (the billing country of the card, a card fingerprint) come from the caller, read
// before the transaction.
//
// It runs for every payment, so its cost must not grow with the store's history: every count is an index
// lookup (by email, address, card, order), and the average is taken over the most recent paid orders only
// (AVERAGE_SAMPLE_ORDERS). Emails are compared as stored: placeOrder, the only writer of orders, lowercases
// them, so the email index serves every count ("any case" holds because nothing else writes an email).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SqlTx } from "@/lib/db/transaction";
import type { RiskInputs, RiskThresholds } from "./risk-score";
import type { StoreAverage } from "./store-average";

/** The store's average order is that of its last this many paid orders (more when minOrdersForAverage asks). */
export const AVERAGE_SAMPLE_ORDERS = 1000;

export interface ProviderRiskSignals {
  /** The card's billing country as the provider reported it (ISO 3166-1 alpha-2). */
  billingCountry?: string | null;
  /** The provider's fingerprint of the card (the same card gives the same value); null: unknown. */
  cardFingerprint?: string | null;
}

/** How many of the latest paid orders the average is taken over. */
export function averageSample(thresholds: Pick<RiskThresholds, "minOrdersForAverage">): number {
  return Math.max(AVERAGE_SAMPLE_ORDERS, thresholds.minOrdersForAverage);
}

interface RiskInputsRow {
  totalCents: number;
  currency: string;
  shippingCountry: string | null;
  billingCountry: string | null;
  shippingMethod: string;
  averageOrderCents: number | null;
  paidOrdersCounted: number;
  ordersByEmail: number;
  ordersByIp: number | null;
  ordersByCard: number | null;
  failedAttempts: number;
  earlierPaid: boolean;
}

/**
 * The inputs of the order `o` (an alias of "Order" in the caller's query) as one JSON column, for a caller
 * that reads them in its own query (markOrderPaid's locking read). Turn it into inputs with riskInputsOf.
 */
export function riskInputsJson(
  thresholds: Pick<RiskThresholds, "velocityWindowMinutes" | "minOrdersForAverage">,
  signals: ProviderRiskSignals,
  now: Date,
  average: StoreAverage | null = null,
): Prisma.Sql {
  const since = new Date(now.getTime() - thresholds.velocityWindowMinutes * 60_000);
  const fingerprint = signals.cardFingerprint ?? null;
  return Prisma.sql`(SELECT json_build_object(
      'totalCents', o."totalCents", 'currency', o.currency, 'shippingCountry', o."shippingAddress"->>'country',
      'billingCountry', o."billingAddress"->>'country', 'shippingMethod', o."shippingMethod",
      'averageOrderCents', avg_paid.avg, 'paidOrdersCounted', avg_paid.n,
      'ordersByEmail', (SELECT count(*)::int FROM "Order" e
         WHERE e.email = o.email AND e."createdAt" >= ${since}::timestamp),
      'ordersByIp', CASE WHEN o."placedIpHash" IS NULL THEN NULL ELSE
         (SELECT count(*)::int FROM "Order" i
           WHERE i."placedIpHash" = o."placedIpHash" AND i."createdAt" >= ${since}::timestamp) END,
      'ordersByCard', CASE WHEN ${fingerprint}::text IS NULL THEN NULL ELSE 1 +
         (SELECT count(DISTINCT c."orderId")::int FROM "Payment" c
           WHERE c."cardFingerprint" = ${fingerprint}::text AND c."orderId" <> o.id
             AND c."createdAt" >= ${since}::timestamp) END,
      -- A declined card (the test provider's, Stripe's async failure) leaves a FAILED payment; a declined
      -- attempt on Stripe's page, where the shopper may retry, a timeline entry. An expired session was
      -- never an attempt.
      'failedAttempts', (SELECT count(*)::int FROM "Payment" f JOIN "Order" fo ON fo.id = f."orderId"
          WHERE fo.email = o.email AND f.status = 'FAILED'
            AND f."failureReason" IS DISTINCT FROM 'checkout_session_expired' AND f."updatedAt" >= ${since}::timestamp)
        + (SELECT count(*)::int FROM "OrderEvent" fe JOIN "Order" feo ON feo.id = fe."orderId"
          WHERE feo.email = o.email AND fe.type = 'payment_attempt_failed'
            AND fe."createdAt" >= ${since}::timestamp),
      'earlierPaid', EXISTS (SELECT 1 FROM "Order" p
                WHERE p.email = o.email AND p.id <> o.id AND p."paidAt" IS NOT NULL))
    FROM ${average ? Prisma.sql`(SELECT ${average.avg}::int AS avg, ${average.n}::int AS n) avg_paid` : recentAverage(thresholds)})`;
}

/** The average of the latest paid orders in the order `o`'s currency, as the subquery avg_paid. */
function recentAverage(thresholds: Pick<RiskThresholds, "minOrdersForAverage">): Prisma.Sql {
  return Prisma.sql`(
      SELECT round(avg(recent."totalCents"))::int AS avg, count(*)::int AS n
      FROM (
        SELECT a."totalCents" FROM "Order" a
        WHERE a."paidAt" IS NOT NULL AND a.currency = o.currency AND a.id <> o.id
        ORDER BY a."paidAt" DESC
        LIMIT ${averageSample(thresholds)}::int
      ) recent
    ) avg_paid`;
}

/** The store average a locking read's risk inputs column carried, to remember (./store-average.ts). */
export function storeAverageOf(column: unknown): StoreAverage | null {
  if (column === null || typeof column !== "object") return null;
  const row = column as RiskInputsRow;
  return typeof row.paidOrdersCounted === "number" ? { avg: row.averageOrderCents, n: row.paidOrdersCounted } : null;
}

export function riskInputsOf(column: unknown, signals: ProviderRiskSignals = {}): RiskInputs | null {
  if (column === null || typeof column !== "object") return null;
  const row = column as RiskInputsRow;
  return {
    totalCents: row.totalCents,
    currency: row.currency,
    averageOrderCents: row.averageOrderCents,
    paidOrdersCounted: row.paidOrdersCounted,
    ordersByEmail: row.ordersByEmail,
    ordersByIp: row.ordersByIp,
    ordersByCard: row.ordersByCard,
    shippingCountry: row.shippingCountry ?? "",
    // The provider's billing country wins over the one typed at checkout.
    billingCountry: signals.billingCountry ?? row.billingCountry,
    firstOrder: !row.earlierPaid,
    expressShipping: row.shippingMethod === "EXPRESS",
    failedAttempts: row.failedAttempts,
  };
}

export async function readRiskInputs(
  db: Db | SqlTx,
  orderId: string,
  thresholds: Pick<RiskThresholds, "velocityWindowMinutes" | "minOrdersForAverage">,
  signals: ProviderRiskSignals = {},
  now: Date = new Date(),
): Promise<RiskInputs | null> {
  // Only an order still waiting for its payment is scored (markOrderPaid pays no other).
  const [row] = await db.$queryRaw<{ inputs: unknown }[]>`
    SELECT ${riskInputsJson(thresholds, signals, now)} AS inputs
    FROM "Order" o WHERE o.id = ${orderId} AND o.status = 'PENDING_PAYMENT'`;
  return riskInputsOf(row?.inputs ?? null, signals);
}
