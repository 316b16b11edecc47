"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { ActionResult } from "@/lib/actions/result";
import { Field, FormError, SubmitButton } from "@/components/ui/field";

export function LookupForm({ lookUp }: { lookUp: FormAction }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(lookUp, null);
  const failed = result && !result.ok ? result : null;
  return (
    <form action={action} className="flex max-w-md flex-col gap-4" noValidate>
      <FormError message={failed && !failed.fieldErrors ? failed.error : null} />
      <Field
        label="Order number"
        name="number"
        inputMode="numeric"
        placeholder="1001"
        required
        defaultValue={failed?.values?.number}
        error={failed?.fieldErrors?.number}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={failed?.values?.email}
        error={failed?.fieldErrors?.email}
      />
      <div>
        <SubmitButton pending={pending}>Find my order</SubmitButton>
      </div>
    </form>
  );
}
