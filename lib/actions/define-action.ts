import "server-only";
// What every server action is built with (see ./kit.ts for what it does):
//
//   export const setUserRoleAction = defineAction({ role: "admin", input: setRoleInput }, async ({ input, user }) => {
//     await setUserRole(prisma, user, input);
//   });
//
// Roles (./access.ts): "public", "customer" (signed in), "staff", "admin". The role is checked against this
// request's session (lib/auth/session.ts) before the input is read; public actions look no session up.
import { getSessionUser } from "@/lib/auth/session";
import { actionAccess } from "./access";
import { actionKit } from "./kit";

export const defineAction = actionKit(async (role) =>
  actionAccess(role === "public" ? null : await getSessionUser(), role),
);
