// The one result shape of every server action: ok with data, or a message (and field errors) to show.
// Unexpected errors are logged with their detail and reach the browser only as a generic message.
import { z } from "zod";
import { GENERIC_ERROR_MESSAGE, SERVICE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, isUserError } from "@/lib/errors";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      code?: string;
      fieldErrors?: Record<string, string>;
      /** What the form sent, so it can show it again (React resets a form after its action). */
      values?: Record<string, string>;
    };

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

/** Field-by-field messages of a failed zod parse (first message per field). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function invalidInput<T>(error: z.ZodError, values?: Record<string, string>): ActionResult<T> {
  const fieldErrors = fieldErrorsOf(error);
  return {
    ok: false,
    code: "invalid_input",
    error: Object.values(fieldErrors)[0] ?? "Please check the form.",
    fieldErrors,
    values,
  };
}

export function failure<T>(error: unknown, context: string, values?: Record<string, string>): ActionResult<T> {
  if (isUserError(error)) return { ok: false, code: error.code, error: error.message, values };
  console.error(`[${context}]`, error);
  // An outage is not a bug the shopper can do nothing about: say so, and that nothing happened.
  if (isDatabaseUnavailable(error))
    return { ok: false, code: "unavailable", error: SERVICE_UNAVAILABLE_MESSAGE, values };
  return { ok: false, code: "internal", error: GENERIC_ERROR_MESSAGE, values };
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
