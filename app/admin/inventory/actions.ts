"use server";
// Stock adjustments and transfers. Thin: authorize first, parse the form (field errors keyed by input
// name), call lib/inventory, then refresh the admin page so it shows the new figures.
// No storefront cache tag is revalidated: stock is never cached (product pages read availability live,
// lib/inventory/availability.ts), and the search index learns about a variant selling out or coming
// back through the outbox event lib/inventory/adjustments.ts writes in the same transaction.
import { refresh } from "next/cache";
import { failure, formObject, invalidInput, ok, type ActionResult } from "@/lib/actions/result";
import { authorizeAdminAction } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { isUserError } from "@/lib/errors";
import { adjustStock, transferStock } from "@/lib/inventory/adjustments";
import { adjustStockSchema, transferStockSchema } from "@/lib/inventory/schemas";

export interface StockChanged {
  message: string;
  /** Distinguishes two identical saves, so the form announces each one. */
  savedAt: number;
}

function stockFailure(error: unknown, context: string, values: Record<string, string>): ActionResult<StockChanged> {
  // Field-level refusals from lib (the same schema, parsed again there) keep their field.
  if (isUserError(error) && error.code === "invalid_input" && error.details?.fieldErrors) {
    return {
      ok: false,
      code: error.code,
      error: error.message,
      fieldErrors: error.details.fieldErrors as Record<string, string>,
      values,
    };
  }
  return failure(error, context, values);
}

const units = (count: number) => `${count} unit${count === 1 ? "" : "s"}`;

export async function adjustStockAction(
  _previous: ActionResult<StockChanged> | null,
  formData: FormData,
): Promise<ActionResult<StockChanged>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const parsed = adjustStockSchema.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  let message: string;
  try {
    const result = await adjustStock(prisma, auth.user, parsed.data);
    const level = result.levels[0];
    message = `${parsed.data.delta > 0 ? "Added" : "Removed"} ${units(Math.abs(parsed.data.delta))}: ${level?.onHand ?? 0} on hand, ${level?.available ?? 0} available here.`;
  } catch (error) {
    return stockFailure(error, "admin.inventory.adjust", values);
  }
  refresh();
  return ok({ message, savedAt: Date.now() });
}

export async function transferStockAction(
  _previous: ActionResult<StockChanged> | null,
  formData: FormData,
): Promise<ActionResult<StockChanged>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const parsed = transferStockSchema.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  let message: string;
  try {
    const result = await transferStock(prisma, auth.user, parsed.data);
    const destination = result.levels[1];
    message = `Moved ${units(parsed.data.quantity)}: ${destination?.onHand ?? 0} on hand at the destination.`;
  } catch (error) {
    return stockFailure(error, "admin.inventory.transfer", values);
  }
  refresh();
  return ok({ message, savedAt: Date.now() });
}
