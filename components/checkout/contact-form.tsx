"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { ActionResult } from "@/lib/actions/result";
import { Field, FormError, SubmitButton } from "@/components/ui/field";

export function ContactForm({ email, save }: { email: string | null; save: FormAction }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(save, null);
  const failed = result && !result.ok ? result : null;
  return (
    <form action={action} className="flex max-w-md flex-col gap-4" noValidate>
      <FormError message={failed && !failed.fieldErrors ? failed.error : null} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={failed?.values?.email ?? email ?? ""}
        error={failed?.fieldErrors?.email}
      />
      <p className="text-sm text-zinc-600">We send your order confirmation here. No account needed.</p>
      <div>
        <SubmitButton pending={pending}>Continue to address</SubmitButton>
      </div>
    </form>
  );
}
