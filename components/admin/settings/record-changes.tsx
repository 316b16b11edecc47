// The "Changes" cell of a settings table row (brands, categories, shipping and tax rates): "Edit" (for
// administrators; "Details", read-only, for staff) opens the record's form, and administrators get the
// record's own small forms (move, reorder) and its inline delete. A record without an edit form (a tax rate
// is replaced by setting it again) shows only the delete.
import type { ReactNode } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import { SettingsForm, type SettingsField } from "./settings-form";

const idField: SettingsField = { name: "id", label: "", type: "hidden" };

export interface RecordEdit {
  action: FormAction<unknown>;
  submitLabel: string;
  successMessage?: string;
  /** The record's values, without its id (added here). */
  values: Record<string, string>;
  fields: readonly SettingsField[];
}

/** The edit values of a record named, slugged and described for search engines (a brand, a category). */
export function seoRecordValues(record: {
  name: string;
  slug: string;
  seoTitle: string | null;
  seoDescription: string | null;
}): Record<string, string> {
  return {
    name: record.name,
    slug: record.slug,
    seoTitle: record.seoTitle ?? "",
    seoDescription: record.seoDescription ?? "",
  };
}

export function RecordChanges({
  id,
  name,
  canEdit,
  edit,
  deleteAction,
  adminForms,
  inlineActions,
}: {
  id: string;
  /** How the forms name the record: "Edit <name>", "Delete <name>". */
  name: string;
  canEdit: boolean;
  edit?: RecordEdit;
  deleteAction: FormAction<unknown>;
  /** Administrators' other forms of the record, above its buttons. */
  adminForms?: ReactNode;
  /** Administrators' other one-button forms, beside the delete. */
  inlineActions?: ReactNode;
}) {
  const remove = canEdit ? (
    <SettingsForm
      inline
      label={`Delete ${name}`}
      action={deleteAction}
      submitLabel="Delete"
      successMessage="Deleted."
      tone="danger"
      values={{ id }}
      fields={[idField]}
    />
  ) : null;
  if (!edit) return remove;
  return (
    <details>
      <summary className="cursor-pointer text-sm underline">{canEdit ? "Edit" : "Details"}</summary>
      <div className="mt-3 flex flex-col gap-4">
        <SettingsForm
          label={`Edit ${name}`}
          action={edit.action}
          readOnly={!canEdit}
          submitLabel={edit.submitLabel}
          successMessage={edit.successMessage}
          values={{ id, ...edit.values }}
          fields={[idField, ...edit.fields]}
        />
        {canEdit ? adminForms : null}
        {canEdit && inlineActions ? (
          <div className="flex flex-wrap gap-2">
            {inlineActions}
            {remove}
          </div>
        ) : (
          remove
        )}
      </div>
    </details>
  );
}
