"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { ActionResult } from "@/lib/actions/result";
import { Field, FormError, SubmitButton } from "@/components/ui/field";

/** `requestReset`: the "forgot password" action, from the page. */
export function ForgotPasswordForm({ requestReset }: { requestReset: FormAction<{ message: string }> }) {
  const [result, action, pending] = useActionState<ActionResult<{ message: string }> | null, FormData>(
    requestReset,
    null,
  );
  if (result?.ok) {
    return (
      <p
        role="status"
        data-testid="reset-requested"
        className="rounded-md border border-green-300 bg-green-50 p-3 text-sm"
      >
        {result.data.message}
      </p>
    );
  }
  const failed = result && !result.ok ? result : null;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormError message={failed && !failed.fieldErrors ? failed.error : null} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        defaultValue={failed?.values?.email}
        error={failed?.fieldErrors?.email}
      />
      <SubmitButton pending={pending}>Send me a reset link</SubmitButton>
    </form>
  );
}
