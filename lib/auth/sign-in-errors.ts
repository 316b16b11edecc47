// What the sign-in form says for an error code. Codes arrive from the address bar (?error=, set by
// next-auth's redirects or by our own pages) and from next-auth's sign-in response, so they are
// attacker-controlled: each known code maps to a fixed sentence and anything else to a generic one. The
// text of a code is never shown (a link to /account/sign-in?error=<any text> must not put words on the
// store's own page).
import { retryMessage } from "@/lib/rate-limit/messages";

export const SIGN_IN_ERRORS = {
  /** next-auth: authorize() returned null (unknown email or wrong password; the two are not told apart). */
  credentials: "CredentialsSignin",
  /** next-auth: a page needs a session. */
  sessionRequired: "SessionRequired",
  /** Ours: the password was just changed, which ended every session. */
  passwordChanged: "PasswordChanged",
  /** Ours, thrown from authorize(): "RateLimited:<seconds to wait>". */
  rateLimited: "RateLimited",
} as const;

export const GENERIC_SIGN_IN_ERROR = "Signing in did not work. Please try again in a moment.";

/** The code authorize() throws for a refused attempt (next-auth passes the message on as the code). */
export function rateLimitedCode(retryAfterSeconds: number): string {
  return `${SIGN_IN_ERRORS.rateLimited}:${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

const RATE_LIMITED = /^RateLimited(?::(\d{1,6}))?$/;

/** The sentence for a code; null when there is no error to show. */
export function signInErrorMessage(code: unknown): string | null {
  if (code === undefined || code === null || code === "") return null;
  if (typeof code !== "string") return GENERIC_SIGN_IN_ERROR;
  switch (code) {
    case SIGN_IN_ERRORS.credentials:
      return "Email or password is incorrect.";
    case SIGN_IN_ERRORS.sessionRequired:
      return "Please sign in to continue.";
    case SIGN_IN_ERRORS.passwordChanged:
      return "Your password was changed. Please sign in again.";
  }
  const limited = RATE_LIMITED.exec(code);
  if (limited) return limited[1] ? retryMessage(Math.max(1, Number(limited[1]))) : retryMessage(60);
  return GENERIC_SIGN_IN_ERROR;
}
