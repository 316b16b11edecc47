"use client";

import Link from "next/link";
import type { FormAction } from "@/lib/actions/form-action";
import { FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { NewPasswordFields } from "./new-password-fields";

/** `token` comes from the link in the email (the page has checked that it can still be used); `reset` is
 *  the action that sets the new password, from the page. */
export function ResetPasswordForm({ token, reset }: { token: string; reset: FormAction<{ email: string }> }) {
  const { result, action, pending, failed, errors } = useFormAction(reset);
  if (result?.ok) {
    return (
      <div role="status" data-testid="password-reset-done" className="flex flex-col gap-3">
        <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm">
          Your password has been changed, and every device that was signed in has been signed out.
        </p>
        <Link href="/account/sign-in" className="font-medium underline">
          Sign in with your new password
        </Link>
      </div>
    );
  }
  const linkProblem = failed?.code === "invalid_link" || errors.token;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormError message={failed && (!failed.fieldErrors || linkProblem) ? failed.error : null} />
      {linkProblem ? (
        <Link href="/account/forgot-password" className="text-sm font-medium underline">
          Ask for a new link
        </Link>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields name="password" errors={errors} autoFocus />
      <SubmitButton pending={pending}>Set new password</SubmitButton>
    </form>
  );
}
