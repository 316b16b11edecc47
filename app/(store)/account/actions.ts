"use server";

import { refresh } from "next/cache";
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
import {
  PASSWORD_RESET_SENT_MESSAGE,
  passwordResetRequestInput,
  requestPasswordReset,
  resetPassword,
  resetPasswordInput,
} from "@/lib/auth/password-reset";
import { resendVerificationEmail, verifyEmail } from "@/lib/auth/email-verification";
import { isAccountTokenShape } from "@/lib/auth/account-tokens";
import {
  addressIdInput,
  deleteAddress,
  saveAddress,
  saveAddressInput,
  setDefaultAddress,
} from "@/lib/account/addresses";
import { z } from "zod";

const SIGN_IN_AGAIN: ActionResult<never> = { ok: false, code: "unauthenticated", error: "Please sign in again." };

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

/**
 * "Forgot password": the same answer for every well-formed address, with an account or not, and the same
 * work (the email is queued either way; lib/auth/password-reset.ts). Rate limited per IP and per address.
 */
export async function requestPasswordResetAction(
  _previous: ActionResult<{ message: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ message: string }>> {
  const values = formObject(formData);
  const shown = { email: values.email ?? "" };
  const parsed = passwordResetRequestInput.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, shown);
  const limit = await checkRateLimit("passwordReset", { ip: clientIp(await headers()), account: parsed.data.email });
  if (!limit.ok) return { ok: false, code: "rate_limited", error: limit.message, values: shown };
  try {
    await requestPasswordReset(prisma, parsed.data.email);
    return ok({ message: PASSWORD_RESET_SENT_MESSAGE });
  } catch (error) {
    return failure(error, "account.requestPasswordReset", shown);
  }
}

/** Sets a new password with a reset link (spent once; every session of the account ends). */
export async function resetPasswordAction(
  _previous: ActionResult<{ email: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ email: string }>> {
  const parsed = resetPasswordInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return ok(await resetPassword(prisma, parsed.data));
  } catch (error) {
    return failure(error, "account.resetPassword");
  }
}

const verifyEmailInput = z.object({
  token: z.string({ error: "This confirmation link is not valid." }).refine(isAccountTokenShape, {
    message: "This confirmation link is not valid.",
  }),
});

/** Confirms an email address with the link sent to it (a button on the page: a GET changes nothing). */
export async function verifyEmailAction(
  _previous: ActionResult<{ email: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ email: string }>> {
  const parsed = verifyEmailInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const verified = await verifyEmail(prisma, parsed.data.token);
    refresh(); // the banner goes
    return ok(verified);
  } catch (error) {
    return failure(error, "account.verifyEmail");
  }
}

/** The banner's "resend": a new confirmation email for the signed-in account, rate limited. */
export async function resendVerificationAction(): Promise<ActionResult<{ status: "sent" | "already_verified" }>> {
  const user = await getSessionUser();
  if (!user) return SIGN_IN_AGAIN;
  if (user.emailVerified) return ok({ status: "already_verified" as const });
  const limit = await checkRateLimit("emailVerification", { ip: clientIp(await headers()), account: user.email });
  if (!limit.ok) return { ok: false, code: "rate_limited", error: limit.message };
  try {
    return ok({ status: await resendVerificationEmail(prisma, user.id) });
  } catch (error) {
    return failure(error, "account.resendVerification");
  }
}

/** Adds an address to the signed-in account's book, or edits one of its own (`addressId`). */
export async function saveAccountAddressAction(
  _previous: ActionResult<{ id: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ id: string }>> {
  const user = await getSessionUser();
  if (!user) return SIGN_IN_AGAIN;
  const values = formObject(formData);
  const parsed = saveAddressInput.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  try {
    const saved = await saveAddress(prisma, user.id, parsed.data);
    refresh();
    return ok({ id: saved.id });
  } catch (error) {
    return failure(error, "account.saveAddress", values);
  }
}

export async function deleteAccountAddressAction(
  _previous: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const user = await getSessionUser();
  if (!user) return SIGN_IN_AGAIN;
  const parsed = addressIdInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await deleteAddress(prisma, user.id, parsed.data.addressId);
    refresh();
    return ok(undefined);
  } catch (error) {
    return failure(error, "account.deleteAddress");
  }
}

export async function setDefaultAccountAddressAction(
  _previous: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const user = await getSessionUser();
  if (!user) return SIGN_IN_AGAIN;
  const parsed = addressIdInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await setDefaultAddress(prisma, user.id, parsed.data.addressId);
    refresh();
    return ok(undefined);
  } catch (error) {
    return failure(error, "account.setDefaultAddress");
  }
}
