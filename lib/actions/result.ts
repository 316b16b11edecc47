// The one result shape of every server action: ok with data, or a message (and field errors) to show.
// Unexpected errors are logged with their detail and reach the browser only as a generic message.
import {
  GENERIC_ERROR_MESSAGE,
  SERVICE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  isUserError,
  UserError,
} from "@/lib/errors";
import { firstFieldError } from "./form";

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

export type ActionFailure = Extract<ActionResult<never>, { ok: false }>;

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

/** A refusal that belongs to fields of the form: thrown, it comes back as their messages. */
export function invalidFields(fieldErrors: Record<string, string>, code = "invalid_input"): UserError {
  return new UserError(code, firstFieldError(fieldErrors), { fieldErrors });
}

/**
 * Any thrown value as a failed result. A UserError shows its message, and its field errors when it has
 * them (`details.fieldErrors`, as lib/ reports a refusal that belongs to a field: a SKU another product
 * uses, a taken email); anything else is logged and shown as the generic message, never its text.
 */
export function failure(error: unknown, values?: Record<string, string>): ActionFailure {
  if (!isUserError(error)) {
    console.error("[server action]", error);
    // An outage is not a bug: say so, and that nothing happened (nothing was saved or charged).
    const code = isDatabaseUnavailable(error) ? "unavailable" : "internal";
    const message = code === "unavailable" ? SERVICE_UNAVAILABLE_MESSAGE : GENERIC_ERROR_MESSAGE;
    return { ok: false, code, error: message, ...(values ? { values } : {}) };
  }
  const fieldErrors = stringRecord(error.details?.fieldErrors);
  return {
    ok: false,
    code: error.code,
    error: error.message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(values ? { values } : {}),
  };
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== "object") return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
