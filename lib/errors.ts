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

/** What a shopper or seller is told while the database cannot be reached: nothing was done, try again soon. */
export const SERVICE_UNAVAILABLE_MESSAGE =
  "The store cannot reach its database right now, so nothing was saved and nothing was charged. Please try again in a minute.";

// Prisma's codes for "cannot reach / lost the server", the driver adapter's kinds for the same, and
// PostgreSQL's connection-exception and shutdown SQLSTATEs.
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNAVAILABLE_SQLSTATE = /^(08|57P0[123])/;
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOENT", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH"]);

/**
 * Whether an error means the database is unreachable (stopped, restarting, network gone), as opposed to a
 * bug or a refused write: pages then say that part of the store is briefly unavailable instead of
 * showing a wrong state (an empty cart), and actions say nothing was done.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const record = current as Record<string, unknown>;
    const code = typeof record.code === "string" ? record.code : undefined;
    if (code && (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
    if (code && UNAVAILABLE_SQLSTATE.test(code)) return true;
    if (typeof record.kind === "string" && UNAVAILABLE_KINDS.has(record.kind)) return true;
    if (typeof record.originalCode === "string" && UNAVAILABLE_SQLSTATE.test(record.originalCode)) return true;
    if (typeof record.message === "string" && /Connection terminated|Can't reach database server/i.test(record.message))
      return true;
    const meta = record.meta as Record<string, unknown> | undefined;
    current = (meta?.driverAdapterError as Record<string, unknown> | undefined)?.cause ?? record.cause;
  }
  return false;
}

const MAX_DESCRIBED_LENGTH = 2000;

/** A thrown value as text for an operator's record (an outbox row's or a webhook event's lastError). */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_DESCRIBED_LENGTH);
}
