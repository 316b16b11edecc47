// Expected failures of product writes that belong to a field ("variants.2.sku": another product uses this
// SKU), as opposed to failures of the whole form (UserError). Thrown from lib so the database checks and
// the unique-violation race report exactly like zod's field errors (the server action shows them beside
// their fields: lib/actions/result.ts).
import { firstFieldError } from "@/lib/actions/form";
import { UserError } from "@/lib/errors";
import type { FieldErrors } from "./schemas";

export class ProductFieldError extends UserError {
  readonly fieldErrors: FieldErrors;

  constructor(fieldErrors: FieldErrors, code = "invalid_input") {
    super(code, firstFieldError(fieldErrors), { fieldErrors });
    this.name = "ProductFieldError";
    this.fieldErrors = fieldErrors;
  }
}
