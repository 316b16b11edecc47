import "server-only";
// What every server action is built with (see ./kit.ts for what it does):
//
//   export const setUserRoleAction = defineAction({ role: "admin", input: setRoleInput }, async ({ input, user }) => {
//     await setUserRole(prisma, user, input);
//   });
//
// Roles (lib/auth/action-access.ts): "public", "customer" (signed in), "staff", "admin". The role is checked
// against this request's session (lib/auth/guard.ts) before the input is read.
import { authorizeAction } from "@/lib/auth/guard";
import { actionKit } from "./kit";

export const defineAction = actionKit(authorizeAction);
