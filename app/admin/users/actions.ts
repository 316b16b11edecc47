"use server";
// Accounts from the admin: roles and new staff accounts (ADMIN only).
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createStaffAccount, createStaffInput, setRoleInput, setUserRole } from "@/lib/auth/users-admin";
import { prisma } from "@/lib/db";

export const setUserRoleAction = defineAction({ role: "admin", input: setRoleInput }, async ({ input, user }) => {
  await setUserRole(prisma, user, input);
  revalidatePath("/admin/users");
});

/** The new account's generated password is shown once, to the admin who created it. */
export const createStaffAction = defineAction(
  { role: "admin", input: createStaffInput, echo: true },
  async ({ input, user }) => {
    const created = await createStaffAccount(prisma, user, input);
    revalidatePath("/admin/users");
    return { email: created.email, password: created.password };
  },
);
