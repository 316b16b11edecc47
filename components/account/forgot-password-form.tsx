"use client";

import type { FormAction } from "@/lib/actions/form-action";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

/** `requestReset`: the "forgot password" action, from the page. */
export function ForgotPasswordForm({ requestReset }: { requestReset: FormAction<{ message: string }> }) {
  const form = useFormAction(requestReset);
  if (form.result?.ok) {
    return (
      <p
        role="status"
        data-testid="reset-requested"
        className="rounded-md border border-green-300 bg-green-50 p-3 text-sm"
      >
        {form.result.data.message}
      </p>
    );
  }
  return (
    <form action={form.action} className="flex flex-col gap-4" noValidate>
      <FormError message={form.formError} />
      <Field label="Email" type="email" autoComplete="email" required autoFocus {...form.field("email")} />
      <SubmitButton pending={form.pending}>Send me a reset link</SubmitButton>
    </form>
  );
}
