"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { ActionResult } from "@/lib/actions/result";
import { Field, FormError, SelectField, SubmitButton } from "@/components/ui/field";

export function CreateStaffForm({ createStaff }: { createStaff: FormAction<{ email: string; password: string }> }) {
  const [result, action, pending] = useActionState<ActionResult<{ email: string; password: string }> | null, FormData>(
    createStaff,
    null,
  );
  const failed = result && !result.ok ? result : null;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormError message={failed && !failed.fieldErrors ? failed.error : null} />
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
        <Field
          label="Email"
          name="email"
          type="email"
          required
          defaultValue={failed?.values?.email ?? ""}
          error={failed?.fieldErrors?.email}
        />
        <Field
          label="Name"
          name="name"
          optional
          defaultValue={failed?.values?.name ?? ""}
          error={failed?.fieldErrors?.name}
        />
        <SelectField
          label="Role"
          name="role"
          defaultValue={failed?.values?.role ?? "STAFF"}
          error={failed?.fieldErrors?.role}
        >
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
