import "server-only";
// Authorization on the server, for every admin page, server action and route handler. The proxy (proxy.ts)
// turns anonymous and customer requests away early, but it is only a convenience: these checks are the
// rule, since a server action can be posted to any URL.
import { forbidden, redirect } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";
import { hasRole, type StaffRole } from "./roles";
import { getSessionUser, type SessionUser } from "./session";

export type { SessionUser, StaffRole };

export function signInPath(returnTo: string): string {
  return `/account/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`;
}

/** For admin pages: anonymous visitors go to sign-in, signed-in users below `minimum` get a 403 page. */
export async function requireAdminPage(minimum: StaffRole = "STAFF", returnTo = "/admin"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(signInPath(returnTo));
  if (!hasRole(user.role, minimum)) forbidden();
  return user;
}

export type ActionAuthorization = { ok: true; user: SessionUser } | { ok: false; result: ActionResult<never> };

/**
 * For admin server actions: `const auth = await authorizeAdminAction(); if (!auth.ok) return auth.result;`
 * as the very first statement, before parsing input or touching the database.
 */
export async function authorizeAdminAction(minimum: StaffRole = "STAFF"): Promise<ActionAuthorization> {
  const user = await getSessionUser();
  if (!user) return { ok: false, result: { ok: false, code: "unauthenticated", error: "Please sign in again." } };
  if (!hasRole(user.role, minimum)) {
    return { ok: false, result: { ok: false, code: "forbidden", error: "You don't have permission to do that." } };
  }
  return { ok: true, user };
}

export type RequestAuthorization = { ok: true; user: SessionUser } | { ok: false; response: Response };

/** For admin route handlers: 401 for anonymous callers, 403 for signed-in users below `minimum`. */
export async function authorizeAdminRequest(minimum: StaffRole = "STAFF"): Promise<RequestAuthorization> {
  const user = await getSessionUser();
  if (!user) return { ok: false, response: Response.json({ error: "Sign in required." }, { status: 401 }) };
  if (!hasRole(user.role, minimum)) {
    return { ok: false, response: Response.json({ error: "You don't have permission to do that." }, { status: 403 }) };
  }
  return { ok: true, user };
}
