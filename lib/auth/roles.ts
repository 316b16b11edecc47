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
