"use server";

import { headers } from "next/headers";
import { prisma } from "@/lib/db";
import { failure, formObject, invalidInput, ok, type ActionResult } from "@/lib/actions/result";
import {
  changePassword,
  changePasswordInput,
  createCustomerAccount,
  signOutEverywhere,
  signUpInput,
} from "@/lib/auth/accounts";
import { getSessionUser } from "@/lib/auth/session";
import { isUserError } from "@/lib/errors";
import { checkRateLimit, clientIp } from "@/lib/rate-limit";

/** Creates a customer account; the form then signs in with next-auth (which merges the guest cart). */
export async function signUpAction(
  _previous: ActionResult<{ email: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ email: string }>> {
  const values = formObject(formData);
  const shown = { name: values.name ?? "", email: values.email ?? "" };
  const parsed = signUpInput.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, shown);
  const limit = await checkRateLimit("signUp", { ip: clientIp(await headers()) });
  if (!limit.ok) return { ok: false, code: "rate_limited", error: limit.message, values: shown };
  try {
    const user = await createCustomerAccount(prisma, parsed.data);
    return ok({ email: user.email });
  } catch (error) {
    if (isUserError(error) && error.code === "email_taken") {
      return {
        ok: false,
        code: error.code,
        error: error.message,
        fieldErrors: { email: error.message },
        values: shown,
      };
    }
    return failure(error, "account.signUp", shown);
  }
}

export async function changePasswordAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await getSessionUser();
  if (!user) return { ok: false, code: "unauthenticated", error: "Please sign in again." };
  const parsed = changePasswordInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await changePassword(prisma, user.id, parsed.data);
    return ok(undefined);
  } catch (error) {
    if (isUserError(error) && error.code === "wrong_password") {
      return { ok: false, code: error.code, error: error.message, fieldErrors: { currentPassword: error.message } };
    }
    return failure(error, "account.changePassword");
  }
}

export async function signOutEverywhereAction(): Promise<ActionResult> {
  const user = await getSessionUser();
  if (!user) return { ok: false, code: "unauthenticated", error: "Please sign in again." };
  try {
    await signOutEverywhere(prisma, user.id);
    return ok(undefined);
  } catch (error) {
    return failure(error, "account.signOutEverywhere");
  }
}
