// The store's own risk score of an order being paid, wired into markOrderPaid (./mark-paid.ts): the
// settings and the inputs are read by the paying transaction's locking read (./lock.ts, no round trip of
// their own), and the transaction writes the score, its reasons and, at or above the hold score, a
// PaymentHold, together with the payment itself. With the rules switched off nothing is scored and nothing
// is held.
import type { Db } from "@/lib/db";
import type { SqlTx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentLock } from "./lock";
import { averageSample, readRiskInputs, riskInputsOf, storeAverageOf, type ProviderRiskSignals } from "./risk-inputs";
import { DEFAULT_RISK_THRESHOLDS, scoreOrder, type RiskReason } from "./risk-score";
import { riskSettingsOf } from "./risk-settings";
import type { PaymentHold } from "./review-hold";
import { storeAverages, type StoreAverage } from "./store-average";

export interface PaymentRisk {
  score: number;
  reasons: RiskReason[];
  /** Set when the score holds the order. */
  hold: PaymentHold | null;
}

/**
 * What markOrderPaid's locking read (./lock.ts) reads for the score: the inputs, and the store's average
 * order unless this process read it for `currency` moments ago (./store-average.ts). `currency` is the
 * payment's, since the order's is known only after that read; assessPaymentRisk remembers a read average
 * under the order's. They agree whenever a score is taken: a payment in another currency is refused first.
 */
export function riskRead(db: Db, currency: string, signals: ProviderRiskSignals, now: Date): RiskRead {
  return { db, signals, now, average: storeAverages(db).known(currency) };
}

export interface RiskRead {
  db: Db;
  signals: ProviderRiskSignals;
  now: Date;
  /** The store's average, known before the read; null: the locking read reads it. */
  average: StoreAverage | null;
}

export async function assessPaymentRisk(
  tx: SqlTx,
  order: Pick<PaymentLock, "id" | "currency" | "riskSettings" | "riskInputs">,
  { db, signals, now, average }: RiskRead,
): Promise<PaymentRisk | null> {
  const settings = riskSettingsOf(order.riskSettings ?? null);
  if (!settings.enabled) return null;
  // An average the locking read took (none was fresh) serves this process's next payments.
  const read = average ? null : storeAverageOf(order.riskInputs ?? null);
  if (read) storeAverages(db).remember(order.currency, read);
  // The locking read took the inputs for the default window and average: read again only when the
  // store's own settings ask for others.
  const sameReads =
    settings.velocityWindowMinutes === DEFAULT_RISK_THRESHOLDS.velocityWindowMinutes &&
    averageSample(settings) === averageSample(DEFAULT_RISK_THRESHOLDS);
  const orderId = order.id;
  const inputs = sameReads
    ? riskInputsOf(order.riskInputs ?? null, signals)
    : await readRiskInputs(tx, orderId, settings, signals, now);
  if (!inputs) return null;
  const assessment = scoreOrder(inputs, settings);
  return {
    score: assessment.score,
    reasons: assessment.reasons,
    hold: assessment.hold
      ? {
          // One hold per order: a replayed confirmation finds it already written.
          source: `store-risk:${orderId}`,
          message: `The store's risk score is ${assessment.score} (holds at ${settings.holdAtScore}): ${assessment.reasons
            .map((reason) => reason.message)
            .join(" ")}`,
          data: { riskScore: assessment.score, holdAtScore: settings.holdAtScore },
        }
      : null,
  };
}

/** The Order columns markOrderPaid's paying UPDATE sets (a SET list fragment, starting with a comma). */
export function riskColumnsSql(risk: PaymentRisk | null): Prisma.Sql {
  if (!risk) return Prisma.empty;
  return Prisma.sql`, "riskScore" = ${risk.score}::int, "riskReasons" = ${JSON.stringify(risk.reasons)}::jsonb`;
}

/** The reasons recorded on an order, read back defensively (a JSON column). */
export function riskReasonsOf(value: unknown): RiskReason[] {
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).filter((reason): reason is RiskReason => {
    if (reason === null || typeof reason !== "object") return false;
    const fields = reason as Record<string, unknown>;
    return typeof fields.rule === "string" && typeof fields.points === "number" && typeof fields.message === "string";
  });
}
