"use client";

import type { FormAction } from "@/lib/actions/form-action";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function ContactForm({ email, save }: { email: string | null; save: FormAction }) {
  const form = useFormAction(save);
  return (
    <form action={form.action} className="flex max-w-md flex-col gap-4" noValidate>
      <FormError message={form.formError} />
      <Field label="Email" type="email" autoComplete="email" required {...form.field("email", email ?? "")} />
      <p className="text-sm text-zinc-600">We send your order confirmation here. No account needed.</p>
      <div>
        <SubmitButton pending={form.pending}>Continue to address</SubmitButton>
      </div>
    </form>
  );
}
