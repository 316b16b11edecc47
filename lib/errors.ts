// Errors a shopper may see, and how any error is recorded for operators. Anything thrown that is not a UserError is a bug or an outage: callers log
// it and show a generic message, never its text (it can carry SQL, ids or stack traces).

/** An expected, user-caused failure with a stable code (for the UI and tests) and a message to show. */
export class UserError extends Error {
  readonly code: string;
  /** Optional structured detail for the UI (for example which cart line is short). Safe to show. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.details = details;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

export const GENERIC_ERROR_MESSAGE = "Something went wrong on our side. Please try again in a moment.";

/** The text that may be shown to a user for any thrown value. */
export function userFacingMessage(error: unknown): string {
  return isUserError(error) ? error.message : GENERIC_ERROR_MESSAGE;
}

const MAX_DESCRIBED_LENGTH = 2000;

/** A thrown value as text for an operator's record (an outbox row's or a webhook event's lastError). */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_DESCRIBED_LENGTH);
}
