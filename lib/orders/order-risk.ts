// The store's own risk score of an order being paid, wired into markOrderPaid (./mark-paid.ts): the
// settings and the inputs are read before the paying transaction (two plain reads, no network call), and
// the transaction writes the score, its reasons and, at or above the hold score, a PaymentHold, together
// with the payment itself. With the rules switched off nothing is scored and nothing is held.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { readRiskInputs, type ProviderRiskSignals } from "./risk-inputs";
import { scoreOrder, type RiskReason } from "./risk-score";
import { readRiskSettings } from "./risk-settings";
import type { PaymentHold } from "./review-hold";

export interface PaymentRisk {
  score: number;
  reasons: RiskReason[];
  /** Set when the score holds the order. */
  hold: PaymentHold | null;
}

export async function assessPaymentRisk(
  db: Db,
  orderId: string,
  signals: ProviderRiskSignals,
  now: Date,
): Promise<PaymentRisk | null> {
  const settings = await readRiskSettings(db);
  if (!settings.enabled) return null;
  const inputs = await readRiskInputs(db, orderId, settings, signals, now);
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
