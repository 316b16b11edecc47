// Input shapes of stock adjustments and transfers. The admin's server actions parse the form with these
// (field errors for the form), and lib/inventory/adjustments.ts parses its arguments with them again, so
// a caller that skips the action (a script, a test) gets the same refusals.
import { z } from "zod";
import { UserError } from "@/lib/errors";
import { idSchema } from "@/lib/ids";
import { fieldErrorsOf } from "@/lib/actions/form";
import { MANUAL_REASONS } from "./reasons";

export { MANUAL_REASONS, REASON_LABELS, type ManualReason } from "./reasons";

/** Upper bound of one adjustment: a typo such as 1000000 instead of 100 is refused, not recorded. */
export const MAX_ADJUSTMENT = 100_000;
/** Upper bound of a level's on-hand count (well inside PostgreSQL's int). */
export const MAX_ON_HAND = 10_000_000;

const id = (what: string) => idSchema({ missing: `Choose a ${what}.`, invalid: `Unknown ${what}.` });

/** A whole number typed in a form ("5", "+5", "-2") or passed as a number. */
const wholeNumber = (label: string) =>
  z.union([z.number(), z.string()], { message: `${label} must be a whole number.` }).transform((value, context) => {
    const text = typeof value === "number" ? String(value) : value.trim();
    if (text === "") {
      context.addIssue({ code: "custom", message: `Enter ${label.toLowerCase()}.` });
      return z.NEVER;
    }
    if (!/^[+-]?\d+$/.test(text)) {
      context.addIssue({ code: "custom", message: `${label} must be a whole number, such as 5 or -2.` });
      return z.NEVER;
    }
    return Number(text);
  });

const note = z
  .string()
  .trim()
  .max(500, "Keep the note under 500 characters.")
  .optional()
  .nullable()
  .transform((value) => (value ? value : null));

export const adjustStockSchema = z
  .object({
    variantId: id("variant"),
    locationId: id("location"),
    delta: wholeNumber("The change").pipe(
      z
        .number()
        .int()
        .refine((value) => value !== 0, "Enter a change other than 0.")
        .refine(
          (value) => Math.abs(value) <= MAX_ADJUSTMENT,
          `One adjustment can change at most ${MAX_ADJUSTMENT.toLocaleString("en-US")} units.`,
        ),
    ),
    reason: z.enum(MANUAL_REASONS, { message: "Choose a reason: received, damaged or correction." }),
    note,
  })
  .superRefine((value, context) => {
    // The reason says which way stock moves; a contradiction is almost always a sign typed wrong.
    if (value.reason === "RECEIVED" && value.delta < 0) {
      context.addIssue({
        code: "custom",
        path: ["delta"],
        message: "Received stock is added: enter a positive number (use Correction to remove units).",
      });
    }
    if (value.reason === "DAMAGED" && value.delta > 0) {
      context.addIssue({
        code: "custom",
        path: ["delta"],
        message: "Damaged stock is removed: enter a negative number, such as -2.",
      });
    }
  });

export const transferStockSchema = z
  .object({
    variantId: id("variant"),
    fromLocationId: id("location to move from"),
    toLocationId: id("location to move to"),
    quantity: wholeNumber("The quantity").pipe(
      z
        .number()
        .int()
        .min(1, "Move at least 1 unit.")
        .max(MAX_ADJUSTMENT, `One transfer can move at most ${MAX_ADJUSTMENT.toLocaleString("en-US")} units.`),
    ),
    note,
  })
  .refine((value) => value.fromLocationId !== value.toLocationId, {
    path: ["toLocationId"],
    message: "Choose a different location to move the stock to.",
  });

export type AdjustStockInput = z.input<typeof adjustStockSchema>;
export type AdjustStock = z.output<typeof adjustStockSchema>;
export type TransferStockInput = z.input<typeof transferStockSchema>;
export type TransferStock = z.output<typeof transferStockSchema>;

/** Parses or throws a UserError("invalid_input") carrying the field errors (nothing has been written). */
export function parseInventoryInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error);
  throw new UserError("invalid_input", Object.values(fieldErrors)[0] ?? "Please check the form.", { fieldErrors });
}
