// Who may call a server action, by the role it declares (./define-action.ts), and the refusal each caller
// gets, on top of auth's staff rules (lib/auth/roles.ts). Pure: ./define-action.ts looks the session up
// (lib/auth/session.ts: account still there, session version current) and hands the user here, so unit
// tests exercise these very rules.
import { PASSWORD_CHANGE_REQUIRED_MESSAGE, staffAccess } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import type { ActionFailure } from "./result";

/**
 * - public: anyone, guests included (the cart, checkout, sign-up);
 * - customer: any signed-in account, whatever its role (its own password, its own sessions);
 * - staff / admin: the store admin, at least that role, once a generated password has been replaced.
 */
export type ActionRole = "public" | "customer" | "staff" | "admin";

export type ActionAccess<R extends ActionRole = ActionRole> =
  { ok: true; user: R extends "public" ? null : SessionUser } | { ok: false; result: ActionFailure };

const signInAgain = (): ActionFailure => ({ ok: false, code: "unauthenticated", error: "Please sign in again." });

/** The decision for `user` (null: no valid session) calling an action of `role`. */
export function actionAccess<R extends ActionRole>(user: SessionUser | null, role: R): ActionAccess<R> {
  type Allowed = Extract<ActionAccess<R>, { ok: true }>;
  if (role === "public") return { ok: true, user: null } as Allowed;
  if (role === "customer") return user ? ({ ok: true, user } as Allowed) : { ok: false, result: signInAgain() };
  switch (staffAccess(user, role === "admin" ? "ADMIN" : "STAFF")) {
    case "anonymous":
      return { ok: false, result: signInAgain() };
    case "forbidden":
      return { ok: false, result: { ok: false, code: "forbidden", error: "You don't have permission to do that." } };
    case "password_change_required":
      return {
        ok: false,
        result: { ok: false, code: "password_change_required", error: PASSWORD_CHANGE_REQUIRED_MESSAGE },
      };
    case "allowed":
      return { ok: true, user: user! } as Allowed;
  }
}
