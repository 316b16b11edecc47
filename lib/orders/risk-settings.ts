// The store's own fraud rules as a seller sets them in /admin/risk: on or off, the score that holds an
// order, and each rule's points and limit (./risk-score.ts). One row (id "default"); until an
// administrator saves it, DEFAULT_RISK_THRESHOLDS apply with the rules on. Reading is for staff (the order
// page explains a score with them), changing for administrators, audited.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { runTransaction, type Tx } from "@/lib/db/transaction";
import { writeAudit } from "@/lib/audit/log";
import { Prisma } from "@/lib/generated/prisma/client";
import { utcTimestampOf } from "@/lib/db/json-columns";
import { hasRole } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { storeCurrency, toDecimalString } from "@/lib/money";
import { parseAmountInput } from "./amount-input";
import type { OrderActor } from "./admin-common";
import { DEFAULT_RISK_THRESHOLDS, type RiskThresholds } from "./risk-score";

const SETTINGS_ID = "default";

export interface RiskSettings extends RiskThresholds {
  enabled: boolean;
  /** Null until an administrator saved them (the defaults apply). */
  updatedAt: Date | null;
}

const THRESHOLD_KEYS = Object.keys(DEFAULT_RISK_THRESHOLDS) as (keyof RiskThresholds)[];

export const DEFAULT_RISK_SETTINGS: RiskSettings = { enabled: true, ...DEFAULT_RISK_THRESHOLDS, updatedAt: null };

/** The settings row as one JSON column (null until saved), for a caller that reads it in its own query. */
export const riskSettingsJson: Prisma.Sql = Prisma.sql`(SELECT row_to_json(s) FROM "RiskSettings" s WHERE s.id = ${SETTINGS_ID})`;

/** Whether the rules are on, as an SQL boolean (on until an administrator saves them off). */
export const riskRulesOnSql: Prisma.Sql = Prisma.sql`coalesce((SELECT s.enabled FROM "RiskSettings" s WHERE s.id = ${SETTINGS_ID}), ${DEFAULT_RISK_SETTINGS.enabled})`;

export function riskSettingsOf(column: unknown): RiskSettings {
  if (column === null || typeof column !== "object") return DEFAULT_RISK_SETTINGS;
  const row = column as RiskThresholds & { enabled: boolean; updatedAt: string };
  const thresholds = Object.fromEntries(THRESHOLD_KEYS.map((key) => [key, row[key]])) as unknown as RiskThresholds;
  return { enabled: row.enabled, ...thresholds, updatedAt: utcTimestampOf(row.updatedAt) };
}

export async function readRiskSettings(db: Db | Tx): Promise<RiskSettings> {
  const [row] = await db.$queryRaw<{ settings: unknown }[]>`SELECT ${riskSettingsJson} AS settings`;
  return riskSettingsOf(row?.settings ?? null);
}

/** A whole number typed in a form, within the range the database's CHECK constraints allow. */
const whole = (label: string, min: number, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .regex(/^\d{1,7}$/, `${label[0]!.toUpperCase()}${label.slice(1)} must be a whole number.`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `${label[0]!.toUpperCase()}${label.slice(1)} must be at least ${min}.`)
        .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be at most ${max}.`),
    );

const points = (rule: string) => whole(`the points of ${rule}`, 0, 1000);

export const riskSettingsInput = z
  .object({
    // A checkbox: present ("on") when ticked.
    enabled: z
      .string()
      .optional()
      .transform((value) => value === "on" || value === "true"),
    holdAtScore: whole("the hold score", 1, 1000),
    valueMultiplePercent: whole("the order value multiple", 100, 100_000),
    minOrdersForAverage: whole("the orders needed for an average", 1, 100_000),
    valuePoints: points("the order value rule"),
    velocityWindowMinutes: whole("the window", 5, 1440),
    maxOrdersPerEmail: whole("the orders per email", 2, 1000),
    maxOrdersPerIp: whole("the orders per address", 2, 1000),
    maxOrdersPerCard: whole("the orders per card", 2, 1000),
    velocityPoints: points("the velocity rules"),
    countryMismatchPoints: points("the country rule"),
    firstOrderExpress: z.string({ error: "Enter the first order amount." }).transform((text, context) => {
      const parsed = parseAmountInput(text, storeCurrency());
      if (parsed.ok) return parsed.cents;
      context.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }),
    firstOrderExpressPoints: points("the first order rule"),
    maxFailedAttempts: whole("the declined attempts", 1, 1000),
    failedAttemptsPoints: points("the declined attempts rule"),
  })
  .superRefine((settings, context) => {
    // A threshold no order can reach would switch the holds off without saying so.
    const reachable =
      settings.valuePoints +
      3 * settings.velocityPoints +
      settings.countryMismatchPoints +
      settings.firstOrderExpressPoints +
      settings.failedAttemptsPoints;
    if (settings.holdAtScore > reachable) {
      context.addIssue({
        code: "custom",
        path: ["holdAtScore"],
        message: `No order can score ${settings.holdAtScore}: all rules together give at most ${reachable} points. Lower the hold score, or switch the rules off instead.`,
      });
    }
  });

export type RiskSettingsInput = z.input<typeof riskSettingsInput>;
export type RiskSettingsValues = z.output<typeof riskSettingsInput>;

/** The form's values for saved settings (the amount in the store currency's decimals). */
export function riskSettingsFormValues(settings: RiskSettings): Record<keyof RiskSettingsInput, string> {
  const { enabled, firstOrderExpressCents, updatedAt: _updatedAt, ...numbers } = settings;
  return {
    ...(Object.fromEntries(Object.entries(numbers).map(([key, value]) => [key, String(value)])) as Record<
      Exclude<keyof RiskSettingsInput, "enabled" | "firstOrderExpress">,
      string
    >),
    enabled: enabled ? "on" : "",
    firstOrderExpress: toDecimalString(firstOrderExpressCents, storeCurrency()),
  };
}

/** Saves settings parsed with riskSettingsInput (the action's schema); administrators only. */
export async function updateRiskSettings(db: Db, actor: OrderActor, values: RiskSettingsValues): Promise<RiskSettings> {
  if (!actor?.id || !hasRole(actor.role, "ADMIN")) {
    throw new UserError("forbidden", "Only administrators can change the fraud rules.");
  }
  const { firstOrderExpress, ...input } = values;
  const data = { ...input, firstOrderExpressCents: firstOrderExpress, updatedById: actor.id };
  return runTransaction(db, async (tx) => {
    await tx.riskSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...data }, update: data });
    const { updatedById: _by, ...audited } = data;
    await writeAudit(tx, {
      actorId: actor.id,
      action: "risk.settings.update",
      entityType: "RiskSettings",
      entityId: SETTINGS_ID,
      data: audited,
    });
    return readRiskSettings(tx);
  });
}
