"use client";

import { useEffect } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { NewPasswordFields } from "./new-password-fields";
import { SIGN_IN_ERRORS } from "@/lib/auth/sign-in-errors";

/** `callbackUrl`: where to land after signing in again with the new password. */
export function ChangePasswordForm({
  changePassword,
  callbackUrl = "/account",
}: {
  changePassword: FormAction;
  callbackUrl?: string;
}) {
  const { result, action, pending, errors, formError } = useFormAction(changePassword);
  // Changing the password ends every session, this one included: sign in again with the new one.
  useEffect(() => {
    if (result?.ok)
      // A full page load, as after signing in: every server component (header, cart) renders without the ended session.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load is the point
      window.location.assign(
        `/account/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}&error=${SIGN_IN_ERRORS.passwordChanged}`,
      );
  }, [result, callbackUrl]);
  return (
    <form action={action} className="flex max-w-md flex-col gap-4" noValidate>
      <FormError message={formError} />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <NewPasswordFields name="newPassword" errors={errors} />
      <div>
        <SubmitButton pending={pending}>Change password</SubmitButton>
      </div>
    </form>
  );
}
