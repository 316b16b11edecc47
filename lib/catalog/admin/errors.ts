// Expected failures of product writes that belong to a field ("variants.2.sku": another product uses this
// SKU), as opposed to failures of the whole form (UserError). Thrown from lib so the database checks and
// the unique-violation race report exactly like zod's field errors.
import { failure, type ActionResult } from "@/lib/actions/result";
import { UserError } from "@/lib/errors";
import { firstFieldError, type FieldErrors } from "./schemas";

export class ProductFieldError extends UserError {
  readonly fieldErrors: FieldErrors;

  constructor(fieldErrors: FieldErrors, code = "invalid_input") {
    super(code, firstFieldError(fieldErrors), { fieldErrors });
    this.name = "ProductFieldError";
    this.fieldErrors = fieldErrors;
  }
}

export function isProductFieldError(error: unknown): error is ProductFieldError {
  return error instanceof ProductFieldError;
}

/** ActionResult of field errors, with what the form sent so it can show it again. */
export function fieldErrorResult<T>(fieldErrors: FieldErrors, values?: Record<string, string>): ActionResult<T> {
  return { ok: false, code: "invalid_input", error: firstFieldError(fieldErrors), fieldErrors, values };
}

/** `failure()` that keeps a ProductFieldError's field errors. */
export function productFailure<T>(error: unknown, context: string, values?: Record<string, string>): ActionResult<T> {
  if (isProductFieldError(error))
    return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors, values };
  return failure<T>(error, context, values);
}
