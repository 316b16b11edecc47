"use client";
// Forms of the synonym editor (/admin/search). The server actions come from the page as props.
import { useId } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import { buttonClass } from "@/components/admin/ui";
import { InlineError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = FormAction<{ savedAt: number }>;

export interface CategoryChoice {
  id: string;
  name: string;
  depth: number;
}

const control =
  "rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-1";

/** Adds a group (no `group`) or edits one. */
export function SynonymGroupForm({
  action,
  categories,
  group,
}: {
  action: Action;
  categories: CategoryChoice[];
  group?: { id: string; terms: string[]; categoryId: string | null };
}) {
  const { result, action: formAction, pending, failed, errors } = useFormAction(action);
  const id = useId();
  const termsError = errors.terms;
  return (
    <form
      action={formAction}
      className="flex flex-wrap items-end gap-3"
      data-testid={group ? "synonym-edit" : "synonym-add"}
    >
      {group ? <input type="hidden" name="id" value={group.id} /> : null}
      <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm">
        <span className="font-medium">Words</span>
        <input
          name="terms"
          required
          defaultValue={failed?.values?.terms ?? group?.terms.join(", ") ?? ""}
          placeholder="chinos, pants, trousers"
          aria-invalid={termsError ? true : undefined}
          aria-describedby={termsError ? `${id}-error` : `${id}-hint`}
          className={control}
        />
        <span id={`${id}-hint`} className="text-xs text-zinc-500">
          Separated by commas; each finds the others.
        </span>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Names the category</span>
        <select
          name="categoryId"
          defaultValue={failed?.values?.categoryId ?? group?.categoryId ?? ""}
          className={control}
        >
          <option value="">Found from the words</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {"\u00a0\u00a0".repeat(category.depth)}
              {category.name}
            </option>
          ))}
        </select>
      </label>
      <SubmitButton
        pending={pending}
        pendingLabel="Saving…"
        className={group ? buttonClass.secondary : buttonClass.primary}
      >
        {group ? "Save" : "Add group"}
      </SubmitButton>
      {failed ? (
        <p id={`${id}-error`} role="alert" className="basis-full text-sm text-red-700">
          {termsError ?? failed.error}
        </p>
      ) : null}
      {result?.ok ? (
        <p key={result.data.savedAt} role="status" className="basis-full text-sm text-emerald-700">
          Saved. The search engine gets it within seconds.
        </p>
      ) : null}
    </form>
  );
}

export function DeleteSynonymGroupForm({ action, groupId, label }: { action: Action; groupId: string; label: string }) {
  const { action: formAction, pending, failed } = useFormAction(action);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="id" value={groupId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Delete the group ${label}`}
        className="rounded-md px-2 py-1 text-sm text-red-700 underline hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? "Deleting…" : "Delete"}
      </button>
      <InlineError message={failed?.error} />
    </form>
  );
}
