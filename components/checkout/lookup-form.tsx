"use client";

import type { FormAction } from "@/lib/actions/form-action";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function LookupForm({ lookUp }: { lookUp: FormAction }) {
  const form = useFormAction(lookUp);
  return (
    <form action={form.action} className="flex max-w-md flex-col gap-4" noValidate>
      <FormError message={form.formError} />
      <Field label="Order number" inputMode="numeric" placeholder="1001" required {...form.field("number")} />
      <Field label="Email" type="email" autoComplete="email" required {...form.field("email")} />
      <div>
        <SubmitButton pending={form.pending}>Find my order</SubmitButton>
      </div>
    </form>
  );
}
