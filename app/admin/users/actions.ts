"use server";

import { revalidatePath } from "next/cache";
import { prisma } from "@/lib/db";
import { failure, formObject, invalidInput, ok, type ActionResult } from "@/lib/actions/result";
import { authorizeAdminAction } from "@/lib/auth/guard";
import { createStaffAccount, createStaffInput, setRoleInput, setUserRole } from "@/lib/auth/users-admin";
import { isUserError } from "@/lib/errors";

export async function setUserRoleAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAdminAction("ADMIN");
  if (!auth.ok) return auth.result;
  const parsed = setRoleInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await setUserRole(prisma, auth.user, parsed.data);
    revalidatePath("/admin/users");
    return ok(undefined);
  } catch (error) {
    return failure(error, "admin.users.setRole");
  }
}

export async function createStaffAction(
  _previous: ActionResult<{ email: string; password: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ email: string; password: string }>> {
  const auth = await authorizeAdminAction("ADMIN");
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const parsed = createStaffInput.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  try {
    const user = await createStaffAccount(prisma, auth.user, parsed.data);
    revalidatePath("/admin/users");
    return ok({ email: user.email, password: user.password });
  } catch (error) {
    if (isUserError(error) && error.code === "email_taken") {
      return { ok: false, code: error.code, error: error.message, fieldErrors: { email: error.message }, values };
    }
    return failure(error, "admin.users.createStaff", values);
  }
}
