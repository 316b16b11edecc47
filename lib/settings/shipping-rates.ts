// Shipping zones and their rates from /admin/settings/shipping: a zone lists the countries it serves (an
// empty list is "rest of the world", lib/pricing/shipping.ts), with one rate per method. Checkout reads
// the table inside its transaction, so a change is charged from the next checkout on; a cart already at
// the review step sees it as a changed total before it pays (lib/checkout/place-order.ts).
import { z } from "zod";
import type { Db } from "@/lib/db";
import { isUniqueViolation, runTransaction } from "@/lib/db/transaction";
import { writeAudit } from "@/lib/audit/log";
import { invalidFields } from "@/lib/actions/result";
import { UserError } from "@/lib/errors";
import { storeCurrency } from "@/lib/money";
import { optionalIdSchema } from "@/lib/ids";
import { assertSettingsAdmin, type SettingsActor } from "./access";
import { moneyAmount, optionalMoneyAmount, recordId, requiredText, wholeNumber } from "./fields";

export function listShippingRatesForAdmin(db: Db) {
  return db.shippingRate.findMany({ orderBy: [{ zone: "asc" }, { method: "asc" }] });
}

const countryList = z
  .string()
  .optional()
  .transform((text, context) => {
    const codes = [
      ...new Set(
        (text ?? "")
          .split(/[\s,;]+/)
          .map((code) => code.trim().toUpperCase())
          .filter(Boolean),
      ),
    ];
    const bad = codes.find((code) => !/^[A-Z]{2}$/.test(code));
    if (bad) context.addIssue({ code: "custom", message: `“${bad.slice(0, 20)}” is not a two-letter country code.` });
    if (codes.length > 250) context.addIssue({ code: "custom", message: "At most 250 countries." });
    return codes;
  });

const rateFields = z
  .object({
    zone: requiredText("a zone name", 40).regex(
      /^[a-z0-9][a-z0-9-]*$/i,
      "The zone name may only have letters, digits and hyphens.",
    ),
    countries: countryList,
    method: z.enum(["STANDARD", "EXPRESS"], { error: "Choose a method." }),
    name: requiredText("the name shoppers see", 80),
    price: moneyAmount("the price", storeCurrency),
    freeOver: optionalMoneyAmount("the free-shipping amount", storeCurrency),
    minDays: wholeNumber("the fastest delivery days", 0, 365),
    maxDays: wholeNumber("the slowest delivery days", 0, 365),
    active: z
      .string()
      .optional()
      .transform((value) => value === "on" || value === "true"),
  })
  .superRefine((rate, context) => {
    if (rate.maxDays < rate.minDays) {
      context.addIssue({
        code: "custom",
        path: ["maxDays"],
        message: "The slowest days cannot be fewer than the fastest.",
      });
    }
  });

export const saveShippingRateInput = z.intersection(
  z.object({
    id: optionalIdSchema(),
  }),
  rateFields,
);
export const deleteShippingRateInput = z.object({ id: recordId });

type SaveInput = z.output<typeof saveShippingRateInput>;

/** Creates a rate (no id) or changes one; a zone has one rate per method. Administrators only, audited. */
export async function saveShippingRate(db: Db, actor: SettingsActor | null, input: SaveInput) {
  assertSettingsAdmin(actor);
  const { id, price, freeOver, ...fields } = input;
  const data = { ...fields, priceCents: price, freeOverCents: freeOver, currency: storeCurrency() };
  try {
    return await runTransaction(db, async (tx) => {
      const before = id ? await tx.shippingRate.findUnique({ where: { id } }) : null;
      if (id && !before) throw new UserError("not_found", "This shipping rate no longer exists.");
      const rate = id ? await tx.shippingRate.update({ where: { id }, data }) : await tx.shippingRate.create({ data });
      await writeAudit(tx, {
        actorId: actor.id,
        action: id ? "shipping_rate.update" : "shipping_rate.create",
        entityType: "ShippingRate",
        entityId: rate.id,
        data: {
          before: before
            ? { priceCents: before.priceCents, freeOverCents: before.freeOverCents, active: before.active }
            : null,
          after: data,
        },
      });
      return rate;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw invalidFields(
        { method: `The zone ${input.zone} already has a ${input.method.toLowerCase()} rate.` },
        "rate_taken",
      );
    }
    throw error;
  }
}

export async function deleteShippingRate(
  db: Db,
  actor: SettingsActor | null,
  input: z.output<typeof deleteShippingRateInput>,
) {
  assertSettingsAdmin(actor);
  return runTransaction(db, async (tx) => {
    const rate = await tx.shippingRate.findUnique({ where: { id: input.id } });
    if (!rate) throw new UserError("not_found", "This shipping rate no longer exists.");
    await tx.shippingRate.delete({ where: { id: rate.id } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "shipping_rate.delete",
      entityType: "ShippingRate",
      entityId: rate.id,
      data: { zone: rate.zone, method: rate.method, priceCents: rate.priceCents },
    });
  });
}
