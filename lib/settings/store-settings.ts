// The store's scalar settings (/admin/settings): how prices show the currency, the return window, a
// store-wide free-shipping threshold and who gets the low-stock digest. One row (id "default"); until an
// administrator saves it, DEFAULT_STORE_SETTINGS apply. Read from the database by checkout (inside its
// transaction, so a change applies to the next checkout), and through ./cache.ts by pages (tag
// STORE_SETTINGS_TAG, expired by the save action).
import { z } from "zod";
import type { Db } from "@/lib/db";
import { runTransaction, type Tx } from "@/lib/db/transaction";
import { writeAudit } from "@/lib/audit/log";
import { Prisma } from "@/lib/generated/prisma/client";
import { utcTimestampOf } from "@/lib/db/json-columns";
import {
  CURRENCY_DISPLAYS,
  DEFAULT_CURRENCY_DISPLAY,
  isCurrencyDisplay,
  storeCurrency,
  toDecimalString,
  type CurrencyDisplay,
} from "@/lib/money";
import { assertSettingsAdmin, type SettingsActor } from "./access";
import { optionalMoneyAmount, wholeNumber } from "./fields";

export const STORE_SETTINGS_ID = "default";
export const STORE_SETTINGS_TAG = "store-settings";

export { CURRENCY_DISPLAYS, type CurrencyDisplay };

export const MAX_LOW_STOCK_RECIPIENTS = 20;

export interface StoreSettings {
  currencyDisplay: CurrencyDisplay;
  /** Days after delivery a shopper may ask for a return; 0: no returns. */
  returnWindowDays: number;
  /** Any order whose discounted subtotal reaches it ships free; null: only each rate's own threshold. */
  freeShippingThresholdCents: number | null;
  /** Low-stock digest recipients; empty: every staff member and administrator. */
  lowStockRecipients: string[];
  /** Null until an administrator saved them. */
  updatedAt: Date | null;
}

export const DEFAULT_STORE_SETTINGS: StoreSettings = {
  currencyDisplay: DEFAULT_CURRENCY_DISPLAY,
  returnWindowDays: 30,
  freeShippingThresholdCents: null,
  lowStockRecipients: [],
  updatedAt: null,
};

/**
 * The settings row as one JSON column (null before an administrator saved it), for a caller that reads it
 * in its own query (checkout's first statement). Turn the column into settings with storeSettingsOf.
 */
export const storeSettingsJson: Prisma.Sql = Prisma.sql`(SELECT row_to_json(s) FROM "StoreSettings" s WHERE s.id = ${STORE_SETTINGS_ID})`;

interface StoreSettingsJson {
  currencyDisplay: string;
  returnWindowDays: number;
  freeShippingThresholdCents: number | null;
  lowStockRecipients: string[];
  /** UTC, without a zone (timestamp without time zone). */
  updatedAt: string;
}

export function storeSettingsOf(column: unknown): StoreSettings {
  if (column === null || typeof column !== "object") return DEFAULT_STORE_SETTINGS;
  const row = column as StoreSettingsJson;
  return {
    currencyDisplay: isCurrencyDisplay(row.currencyDisplay) ? row.currencyDisplay : DEFAULT_CURRENCY_DISPLAY,
    returnWindowDays: row.returnWindowDays,
    freeShippingThresholdCents: row.freeShippingThresholdCents,
    lowStockRecipients: row.lowStockRecipients,
    updatedAt: utcTimestampOf(row.updatedAt),
  };
}

export async function readStoreSettings(db: Db | Tx): Promise<StoreSettings> {
  const [row] = await db.$queryRaw<{ settings: unknown }[]>`SELECT ${storeSettingsJson} AS settings`;
  return storeSettingsOf(row?.settings ?? null);
}

const recipientList = z
  .string()
  .optional()
  .transform((text, context) => {
    const emails = [
      ...new Set(
        (text ?? "")
          .split(/[\s,;]+/)
          .map((email) => email.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    const bad = emails.find((email) => email.length > 254 || !z.email().safeParse(email).success);
    if (bad) context.addIssue({ code: "custom", message: `“${bad.slice(0, 60)}” is not an email address.` });
    if (emails.length > MAX_LOW_STOCK_RECIPIENTS)
      context.addIssue({ code: "custom", message: `At most ${MAX_LOW_STOCK_RECIPIENTS} recipients.` });
    return emails;
  });

export const storeSettingsInput = z.object({
  currencyDisplay: z.enum(CURRENCY_DISPLAYS, { error: "Choose how prices show the currency." }),
  returnWindowDays: wholeNumber("the return window", 0, 365),
  freeShippingThreshold: optionalMoneyAmount("the free-shipping threshold", storeCurrency),
  lowStockRecipients: recipientList,
});

export type StoreSettingsInput = z.input<typeof storeSettingsInput>;
export type StoreSettingsValues = z.output<typeof storeSettingsInput>;

/** The form's values for saved settings. */
export function storeSettingsFormValues(settings: StoreSettings): Record<keyof StoreSettingsInput, string> {
  return {
    currencyDisplay: settings.currencyDisplay,
    returnWindowDays: String(settings.returnWindowDays),
    freeShippingThreshold:
      settings.freeShippingThresholdCents === null
        ? ""
        : toDecimalString(settings.freeShippingThresholdCents, storeCurrency()),
    lowStockRecipients: settings.lowStockRecipients.join(", "),
  };
}

/** Saves settings parsed with storeSettingsInput; administrators only, audited with the values before. */
export async function updateStoreSettings(
  db: Db,
  actor: SettingsActor | null,
  values: StoreSettingsValues,
): Promise<StoreSettings> {
  assertSettingsAdmin(actor);
  const data = {
    currencyDisplay: values.currencyDisplay,
    returnWindowDays: values.returnWindowDays,
    freeShippingThresholdCents: values.freeShippingThreshold,
    lowStockRecipients: values.lowStockRecipients,
    updatedById: actor.id,
  };
  return runTransaction(db, async (tx) => {
    const before = await readStoreSettings(tx);
    await tx.storeSettings.upsert({
      where: { id: STORE_SETTINGS_ID },
      create: { id: STORE_SETTINGS_ID, ...data },
      update: data,
    });
    const { updatedById: _by, ...after } = data;
    const { updatedAt: _at, ...previous } = before;
    await writeAudit(tx, {
      actorId: actor.id,
      action: "settings.store.update",
      entityType: "StoreSettings",
      entityId: STORE_SETTINGS_ID,
      data: { before: previous, after },
    });
    return readStoreSettings(tx);
  });
}
