"use client";

import { useActionState, useEffect } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { ActionResult } from "@/lib/actions/result";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { SIGN_IN_ERRORS } from "@/lib/auth/sign-in-errors";

/** `callbackUrl`: where to land after signing in again with the new password. */
export function ChangePasswordForm({
  changePassword,
  callbackUrl = "/account",
}: {
  changePassword: FormAction;
  callbackUrl?: string;
}) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(changePassword, null);
  const failed = result && !result.ok ? result : null;
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
      <FormError message={failed && !failed.fieldErrors ? failed.error : null} />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={failed?.fieldErrors?.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        error={failed?.fieldErrors?.newPassword}
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={failed?.fieldErrors?.confirmPassword}
      />
      <div>
        <SubmitButton pending={pending}>Change password</SubmitButton>
      </div>
    </form>
  );
}
