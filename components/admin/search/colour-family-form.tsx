"use client";
// One colour's family in the colour family table (/admin/search). The server action comes from the page.
import type { FormAction } from "@/lib/actions/form-action";
import { buttonClass } from "@/components/admin/ui";
import { InlineError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function ColourFamilyForm({
  action,
  colour,
  family,
  fromName,
  families,
}: {
  action: FormAction<{ reindexed: number; savedAt: number }>;
  colour: string;
  /** The family stored in the table, or "" when it comes from the name. */
  family: string;
  /** What the name alone gives (shown on the "from its name" choice). */
  fromName: string | null;
  families: { key: string; label: string }[];
}) {
  const { result, action: formAction, pending, failed } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" data-testid="colour-family-form">
      <input type="hidden" name="colour" value={colour} />
      <label className="sr-only" htmlFor={`family-${colour}`}>
        Colour family of {colour}
      </label>
      <select
        id={`family-${colour}`}
        name="family"
        defaultValue={family}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm"
      >
        <option value="">From its name{fromName ? ` (${fromName})` : " (none)"}</option>
        {families.map((option) => (
          <option key={option.key} value={option.key}>
            {option.label}
          </option>
        ))}
      </select>
      <SubmitButton pending={pending} pendingLabel="Saving…" className={`${buttonClass.secondary} px-3 py-1`}>
        Save
      </SubmitButton>
      <InlineError message={failed?.error} />
      {result?.ok ? (
        <span key={result.data.savedAt} role="status" className="text-sm text-emerald-700">
          Saved
          {result.data.reindexed > 0
            ? `; ${result.data.reindexed} product${result.data.reindexed === 1 ? "" : "s"} re-indexing`
            : ""}
        </span>
      ) : null}
    </form>
  );
}
