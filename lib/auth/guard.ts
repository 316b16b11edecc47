import "server-only";
// Authorization on the server, for every admin page, server action and route handler. The proxy (proxy.ts)
// turns anonymous and customer requests away early, but it is only a convenience: these checks are the
// rule, since a server action can be posted to any URL.
//
// An account created with a generated password (the store's first admin, staff accounts made by an admin)
// must replace it before anything else: its admin pages redirect to CHANGE_PASSWORD_PATH, its admin
// actions and route handlers are refused, until it has (staffAccess in ./roles.ts decides).
import { forbidden, notFound, redirect } from "next/navigation";
import { hasRole, PASSWORD_CHANGE_REQUIRED_MESSAGE, staffAccess, type StaffRole } from "./roles";
import { getSessionUser, type SessionUser } from "./session";

export type { SessionUser, StaffRole };

export const CHANGE_PASSWORD_PATH = "/admin/password";

export function signInPath(returnTo: string): string {
  return `/account/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`;
}

/** For admin pages: anonymous visitors go to sign-in, signed-in users below `minimum` get a 403 page, an
 *  account that must change its generated password goes to the change-password page. */
export async function requireAdminPage(minimum: StaffRole = "STAFF", returnTo = "/admin"): Promise<SessionUser> {
  const user = await getSessionUser();
  switch (staffAccess(user, minimum)) {
    case "anonymous":
      return redirect(signInPath(returnTo));
    case "forbidden":
      return forbidden();
    case "password_change_required":
      return redirect(CHANGE_PASSWORD_PATH);
    case "allowed":
      return user!;
  }
}

/** For the pages that staff read and administrators change (store settings, search tuning): as
 *  requireAdminPage for staff, and whether this user may change what the page shows. */
export async function requireAdminSettingsPage(returnTo: string): Promise<{ user: SessionUser; canEdit: boolean }> {
  const user = await requireAdminPage("STAFF", returnTo);
  return { user, canEdit: hasRole(user.role, "ADMIN") };
}

/** For the change-password page only: as requireAdminPage, but lets an account that must change its
 *  password in. */
export async function requireAdminPasswordPage(): Promise<SessionUser> {
  const user = await getSessionUser();
  const access = staffAccess(user);
  if (access === "anonymous") redirect(signInPath(CHANGE_PASSWORD_PATH));
  if (access === "forbidden") forbidden();
  return user!;
}

/** For staff-only pages outside the admin (the demo store's /dev/mail): anyone else gets a plain 404, not a
 *  hint that the page exists. */
export async function requireStaffOrNotFound(): Promise<SessionUser> {
  const user = await getSessionUser();
  const access = staffAccess(user);
  if (access === "anonymous" || access === "forbidden") notFound();
  if (access === "password_change_required") redirect(CHANGE_PASSWORD_PATH);
  return user!;
}

export type RequestAuthorization = { ok: true; user: SessionUser } | { ok: false; response: Response };

/** For admin route handlers: 401 for anonymous callers, 403 for signed-in users below `minimum` and for an
 *  account that must change its generated password first. */
export async function authorizeAdminRequest(minimum: StaffRole = "STAFF"): Promise<RequestAuthorization> {
  const user = await getSessionUser();
  switch (staffAccess(user, minimum)) {
    case "anonymous":
      return { ok: false, response: Response.json({ error: "Sign in required." }, { status: 401 }) };
    case "forbidden":
      return {
        ok: false,
        response: Response.json({ error: "You don't have permission to do that." }, { status: 403 }),
      };
    case "password_change_required":
      return { ok: false, response: Response.json({ error: PASSWORD_CHANGE_REQUIRED_MESSAGE }, { status: 403 }) };
    case "allowed":
      return { ok: true, user: user! };
  }
}
