// Tax rates per country and region from /admin/settings/tax: a region's row overrides its country's
// (region empty), lib/pricing/tax.ts. Rates are typed as percentages with up to two decimals and stored
// in basis points. Checkout reads the table inside its transaction: a change applies to the next checkout.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import { writeAudit } from "@/lib/audit/log";
import { UserError } from "@/lib/errors";
import { assertSettingsAdmin, type SettingsActor } from "./access";
import { recordId, requiredText } from "./fields";

export function listTaxRatesForAdmin(db: Db) {
  return db.taxRate.findMany({ orderBy: [{ country: "asc" }, { region: "asc" }] });
}

/** "8.25" (percent) to 825 basis points; 0 to 100 %. */
export const percentToBps = z
  .string({ error: "Enter the rate." })
  .trim()
  .regex(/^\d{1,3}(?:\.\d{1,2})?$/, "Enter the rate as a percentage like 8.25 (at most two decimals).")
  .transform((text) => {
    const [whole, fraction = ""] = text.split(".");
    return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  })
  .pipe(z.number().max(10_000, "The rate must be at most 100 %."));

export const bpsToPercent = (bps: number) => `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, "0")}`;

export const saveTaxRateInput = z.object({
  country: z
    .string({ error: "Enter a country code." })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Enter a two-letter country code (US, DE)."),
  region: z
    .string()
    .trim()
    .toUpperCase()
    .max(10, "Enter a region code (CA) or leave it empty for the whole country.")
    .regex(/^[A-Z0-9-]*$/, "Enter a region code (CA) or leave it empty for the whole country.")
    .optional()
    .transform((value) => value ?? ""),
  rate: percentToBps,
  name: requiredText("the name shown on orders", 60),
});
export const deleteTaxRateInput = z.object({ id: recordId });

/** Sets the rate of a country or region (creates the row or changes it). Administrators only, audited. */
export async function saveTaxRate(db: Db, actor: SettingsActor | null, input: z.output<typeof saveTaxRateInput>) {
  assertSettingsAdmin(actor);
  const { rate: rateBps, ...key } = input;
  return runTransaction(db, async (tx) => {
    const before = await tx.taxRate.findUnique({
      where: { country_region: { country: key.country, region: key.region } },
    });
    const row = await tx.taxRate.upsert({
      where: { country_region: { country: key.country, region: key.region } },
      create: { ...key, rateBps },
      update: { rateBps, name: key.name },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: before ? "tax_rate.update" : "tax_rate.create",
      entityType: "TaxRate",
      entityId: row.id,
      data: {
        country: key.country,
        region: key.region,
        before: before?.rateBps ?? null,
        after: rateBps,
        name: key.name,
      },
    });
    return row;
  });
}

export async function deleteTaxRate(db: Db, actor: SettingsActor | null, input: z.output<typeof deleteTaxRateInput>) {
  assertSettingsAdmin(actor);
  return runTransaction(db, async (tx) => {
    const row = await tx.taxRate.findUnique({ where: { id: input.id } });
    if (!row) throw new UserError("not_found", "This tax rate no longer exists.");
    await tx.taxRate.delete({ where: { id: row.id } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "tax_rate.delete",
      entityType: "TaxRate",
      entityId: row.id,
      data: { country: row.country, region: row.region, rateBps: row.rateBps },
    });
  });
}
