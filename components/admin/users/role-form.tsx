"use client";

import type { FormAction } from "@/lib/actions/form-action";
import { InlineError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function RoleForm({
  userId,
  email,
  role,
  setRole,
}: {
  userId: string;
  email: string;
  role: string;
  setRole: FormAction;
}) {
  const { result, action, pending, failed } = useFormAction(setRole);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {email}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={role}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm"
      >
        <option value="CUSTOMER">Customer</option>
        <option value="STAFF">Staff</option>
        <option value="ADMIN">Admin</option>
      </select>
      <SubmitButton
        pending={pending}
        pendingLabel="Saving…"
        className="rounded-md border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60"
      >
        Save
      </SubmitButton>
      <InlineError message={failed?.error} />
      {result?.ok ? (
        <span role="status" className="text-sm text-emerald-700">
          Saved
        </span>
      ) : null}
    </form>
  );
}
