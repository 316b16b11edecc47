// Roles in rank order: each role can do everything the ones below it can.
import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };
export type StaffRole = "STAFF" | "ADMIN";

const RANK: Record<Role, number> = { CUSTOMER: 0, STAFF: 1, ADMIN: 2 };

export function hasRole(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

export function isStaff(role: Role): boolean {
  return hasRole(role, "STAFF");
}

export const PASSWORD_CHANGE_REQUIRED_MESSAGE =
  "Change the generated password of your account before using the store admin.";

export type StaffAccess = "anonymous" | "forbidden" | "password_change_required" | "allowed";

/**
 * Whether a user may use the staff area at `minimum`, in the order the guards answer: no session, a role
 * below `minimum`, then an account that must replace its generated password first (it may only reach the
 * change-password page until it has).
 */
export function staffAccess(
  user: { role: Role; mustChangePassword: boolean } | null,
  minimum: StaffRole = "STAFF",
): StaffAccess {
  if (!user) return "anonymous";
  if (!hasRole(user.role, minimum)) return "forbidden";
  return user.mustChangePassword ? "password_change_required" : "allowed";
}
