"use client";

import type { FormAction } from "@/lib/actions/form-action";
import { Field, FormError, SelectField, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function CreateStaffForm({ createStaff }: { createStaff: FormAction<{ email: string; password: string }> }) {
  const { result, action, pending, formError, field } = useFormAction(createStaff);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormError message={formError} />
      {result?.ok ? (
        <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          Created <strong>{result.data.email}</strong>. Their password, shown only now:{" "}
          <code className="rounded bg-white px-1 font-mono" data-testid="staff-password">
            {result.data.password}
          </code>
          . Share it privately; they must replace it with their own when they first sign in.
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Email" {...field("email", "")} type="email" required />
        <Field label="Name" {...field("name", "")} optional />
        <SelectField label="Role" {...field("role", "STAFF")}>
          <option value="STAFF">Staff</option>
          <option value="ADMIN">Admin</option>
        </SelectField>
      </div>
      <div>
        <SubmitButton pending={pending}>Create account</SubmitButton>
      </div>
    </form>
  );
}
