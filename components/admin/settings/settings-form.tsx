"use client";
// One form of the store settings (/admin/settings/...): labelled fields, each field's error next to it, what
// was typed kept after a refusal, and a status line after each save. `readOnly` (staff) shows the values
// with the controls disabled and no button. Small forms of hidden fields and a button (delete, move up)
// use it too, with `inline`.
import { useId } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { buttonClass } from "@/components/admin/ui";
import { SaveRow } from "@/components/admin/save-row";
import { useFormAction } from "@/components/ui/use-form-action";

export interface SettingsField {
  name: string;
  label: string;
  type?: "text" | "select" | "textarea" | "checkbox" | "hidden";
  options?: readonly { value: string; label: string }[];
  hint?: string;
  required?: boolean;
  inputMode?: "numeric" | "decimal" | "text" | "email";
  /** Wide fields take the row (descriptions, lists). */
  wide?: boolean;
}

const control =
  "rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 disabled:bg-zinc-100";

export function SettingsForm({
  action,
  fields,
  values = {},
  submitLabel,
  successMessage = "Saved.",
  label,
  readOnly = false,
  inline = false,
  tone = "primary",
  testId,
}: {
  action: FormAction<unknown>;
  fields: readonly SettingsField[];
  values?: Record<string, string>;
  submitLabel: string;
  successMessage?: string;
  /** The form's accessible name. */
  label: string;
  readOnly?: boolean;
  inline?: boolean;
  tone?: keyof typeof buttonClass;
  testId?: string;
}) {
  const { result, action: formAction, pending, failed } = useFormAction(action);
  const id = useId();
  const valueOf = (name: string) => failed?.values?.[name] ?? values[name] ?? "";
  const saved = result?.ok ? result : null;
  const data = saved && saved.data && typeof saved.data === "object" ? (saved.data as Record<string, unknown>) : {};
  const stamp = typeof data.savedAt === "number" ? data.savedAt : "ok";
  // An action may answer with its own message ("Digest queued for 2 recipients").
  const message = typeof data.message === "string" ? data.message : successMessage;

  const renderField = (field: SettingsField) => {
    if (field.type === "hidden")
      return <input key={field.name} type="hidden" name={field.name} value={values[field.name] ?? ""} />;
    const error = failed?.fieldErrors?.[field.name];
    const controlId = `${id}-${field.name}`;
    const hintId = field.hint ? `${controlId}-hint` : null;
    const errorId = error ? `${controlId}-error` : null;
    // The label names the control; the hint and the error describe it (so "Zone" is the name, not "Zone e.g. …").
    const common = {
      id: controlId,
      name: field.name,
      disabled: readOnly,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
    };
    if (field.type === "checkbox") {
      return (
        <div key={field.name} className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" {...common} defaultChecked={valueOf(field.name) === "on"} className="size-4" />
          <label htmlFor={controlId}>{field.label}</label>
        </div>
      );
    }
    return (
      <div key={field.name} className={`flex flex-col gap-1 text-sm ${field.wide ? "w-full" : ""}`}>
        <label htmlFor={controlId} className="font-medium">
          {field.label}
        </label>
        {field.type === "select" ? (
          <select {...common} defaultValue={valueOf(field.name)} className={control}>
            {field.options?.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : field.type === "textarea" ? (
          <textarea {...common} rows={2} defaultValue={valueOf(field.name)} className={control} />
        ) : (
          <input
            {...common}
            required={field.required}
            inputMode={field.inputMode}
            defaultValue={valueOf(field.name)}
            className={control}
          />
        )}
        {hintId ? (
          <span id={hintId} className="text-xs text-zinc-500">
            {field.hint}
          </span>
        ) : null}
        {errorId ? (
          <span id={errorId} className="text-xs text-red-700">
            {error}
          </span>
        ) : null}
      </div>
    );
  };

  return (
    <form
      action={formAction}
      aria-label={label}
      data-testid={testId}
      className={inline ? "inline-flex flex-wrap items-center gap-2" : "flex flex-col gap-4"}
    >
      {inline ? (
        fields.map(renderField)
      ) : (
        <div className="flex flex-wrap items-end gap-4">{fields.map(renderField)}</div>
      )}
      {readOnly ? null : (
        <SaveRow
          pending={pending}
          label={submitLabel}
          tone={tone}
          error={failed?.error}
          saved={saved ? { stamp, message } : null}
        />
      )}
    </form>
  );
}
