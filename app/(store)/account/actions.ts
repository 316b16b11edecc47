"use server";
// A shopper's account: sign-up, "forgot password" and the email links (public), then, signed in, the
// password, the sessions, the email confirmation's "resend" and the address book.
import { refresh } from "next/cache";
import { headers } from "next/headers";
import { defineAction } from "@/lib/actions/define-action";
import {
  changePassword,
  changePasswordInput,
  createCustomerAccount,
  signOutEverywhere,
  signUpInput,
} from "@/lib/auth/accounts";
import {
  PASSWORD_RESET_SENT_MESSAGE,
  passwordResetRequestInput,
  requestPasswordReset,
  resetPassword,
  resetPasswordInput,
} from "@/lib/auth/password-reset";
import { resendVerificationEmail, verifyEmail, verifyEmailInput } from "@/lib/auth/email-verification";
import {
  addressIdInput,
  deleteAddress,
  saveAddress,
  saveAddressInput,
  setDefaultAddress,
} from "@/lib/account/addresses";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { checkRateLimit, clientIp } from "@/lib/rate-limit";

/** Creates a customer account; the form then signs in with next-auth (which merges the guest cart). The
 *  password is never echoed back. */
export const signUpAction = defineAction(
  { role: "public", input: signUpInput, echo: ["name", "email"] },
  async ({ input }) => {
    const limit = await checkRateLimit("signUp", { ip: clientIp(await headers()) });
    if (!limit.ok) throw new UserError("rate_limited", limit.message);
    const user = await createCustomerAccount(prisma, input);
    return { email: user.email };
  },
);

export const changePasswordAction = defineAction(
  { role: "customer", input: changePasswordInput },
  async ({ input, user }) => {
    await changePassword(prisma, user.id, input);
  },
);

export const signOutEverywhereAction = defineAction({ role: "customer" }, async ({ user }) => {
  await signOutEverywhere(prisma, user.id);
});

/**
 * "Forgot password": the same answer for every well-formed address, with an account or not, and the same
 * work (the email is queued either way; lib/auth/password-reset.ts). Rate limited per IP and per address.
 */
export const requestPasswordResetAction = defineAction(
  { role: "public", input: passwordResetRequestInput, echo: ["email"] },
  async ({ input }) => {
    const limit = await checkRateLimit("passwordReset", { ip: clientIp(await headers()), account: input.email });
    if (!limit.ok) throw new UserError("rate_limited", limit.message);
    await requestPasswordReset(prisma, input.email);
    return { message: PASSWORD_RESET_SENT_MESSAGE };
  },
);

/** Sets a new password with a reset link (spent once; every session of the account ends). Public: the
 *  link is the authorization. The passwords are never echoed back. */
export const resetPasswordAction = defineAction({ role: "public", input: resetPasswordInput }, async ({ input }) =>
  resetPassword(prisma, input),
);

/** Confirms an email address with the link sent to it (a button on the page: a GET changes nothing). */
export const verifyEmailAction = defineAction({ role: "public", input: verifyEmailInput }, async ({ input }) => {
  const verified = await verifyEmail(prisma, input.token);
  refresh(); // the page shows the confirmed state (the banner island is told by the form)
  return verified;
});

/** The banner's "resend": a new confirmation email for the signed-in account, rate limited. */
export const resendVerificationAction = defineAction({ role: "customer" }, async ({ user }) => {
  if (user.emailVerified) return { status: "already_verified" as const };
  const limit = await checkRateLimit("emailVerification", { ip: clientIp(await headers()), account: user.email });
  if (!limit.ok) throw new UserError("rate_limited", limit.message);
  return { status: await resendVerificationEmail(prisma, user.id) };
});

/** Adds an address to the signed-in account's book, or edits one of its own (`addressId`). */
export const saveAccountAddressAction = defineAction(
  { role: "customer", input: saveAddressInput, echo: true },
  async ({ input, user }) => {
    const saved = await saveAddress(prisma, user.id, input);
    refresh();
    return { id: saved.id };
  },
);

export const deleteAccountAddressAction = defineAction(
  { role: "customer", input: addressIdInput },
  async ({ input, user }) => {
    await deleteAddress(prisma, user.id, input.addressId);
    refresh();
  },
);

export const setDefaultAccountAddressAction = defineAction(
  { role: "customer", input: addressIdInput },
  async ({ input, user }) => {
    await setDefaultAddress(prisma, user.id, input.addressId);
    refresh();
  },
);
