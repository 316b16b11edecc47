"use server";
// A shopper's account: sign-up (public), then, signed in, the password and the sessions.
import { headers } from "next/headers";
import { defineAction } from "@/lib/actions/define-action";
import {
  changePassword,
  changePasswordInput,
  createCustomerAccount,
  signOutEverywhere,
  signUpInput,
} from "@/lib/auth/accounts";
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
