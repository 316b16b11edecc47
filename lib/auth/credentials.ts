// Checking an email and password (next-auth's authorize(), lib/auth/options.ts), behind sign-in's
// password-guessing limits (lib/rate-limit/sign-in.ts): the attempt is counted (and slowed when due)
// before the password is checked, and taken back when the password is right.
import type { Db } from "@/lib/db";
import type { SignInThrottle } from "@/lib/rate-limit/sign-in";
import { normalizeEmail } from "./email";
import { verifyPassword } from "./password";
import type { Role } from "./roles";
import { rateLimitedCode, SIGN_IN_ERRORS } from "./sign-in-errors";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  sessionVersion: number;
}

/** On failure, the error code the sign-in form maps to a sentence (lib/auth/sign-in-errors.ts). */
export type Authentication = { ok: true; user: AuthenticatedUser } | { ok: false; code: string };

export async function authenticate(
  db: Db,
  throttle: SignInThrottle,
  input: { email: string; password: string; ip: string },
): Promise<Authentication> {
  const email = normalizeEmail(input.email);
  const gate = await throttle.begin({ ip: input.ip, account: email });
  if (!gate.ok) return { ok: false, code: rateLimitedCode(gate.retryAfterSeconds) };
  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  // Also run for an unknown email (against a dummy hash), so the answer takes as long either way.
  const valid = await verifyPassword(input.password, user?.passwordHash);
  if (!user || !valid) return { ok: false, code: SIGN_IN_ERRORS.credentials };
  await gate.succeeded();
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}
