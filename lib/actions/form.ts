// Reading what a form posted, for server actions and the lib functions that validate the same input:
// plain objects for zod, zod issues as messages keyed by field, and the one shape of a record id.
// Pure (no Next.js, no database), so lib/ modules and unit tests use it freely.
import { z } from "zod";

/** A form's fields parsed into an action's input, or a message for each field that is wrong. */
export type FormParse<T> = { ok: true; data: T } | { ok: false; fieldErrors: Record<string, string> };

/** Field-by-field messages of a failed zod parse, keyed by the field's path ("variants.2.sku"; "_" for the
 *  whole input), the first message per field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** A zod parse as a FormParse: the data, or the field errors. */
export function parseFields<S extends z.ZodType>(schema: S, raw: unknown): FormParse<z.output<S>> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}

/** The message a form shows above its fields: the first field's. */
export function firstFieldError(fieldErrors: Record<string, string>): string {
  return Object.values(fieldErrors)[0] ?? "Please check the form.";
}

/**
 * FormData to a plain object for zod (first value per key). Anything else (a forged call posting other
 * arguments to the action) becomes {}, so zod reports missing fields instead of the action crashing.
 */
export function formObject(formData: unknown): Record<string, string> {
  const object: Record<string, string> = {};
  if (!(formData instanceof FormData)) return object;
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !(key in object)) object[key] = value;
  return object;
}

/** Every string value of a repeated field (checkboxes, picked items); [] for anything but FormData. */
export function formStrings(formData: unknown, key: string): string[] {
  if (!(formData instanceof FormData)) return [];
  return formData.getAll(key).filter((value): value is string => typeof value === "string");
}
