import type { InputHTMLAttributes } from "react";

// Form controls shared by the storefront and the admin: labelled, errors announced and tied to their input.
// Field, SelectField and TextareaField are one FieldShell (label, hint, error) around their control.

/** What every field shows around its control: the label, a hint, and the error tied to the control. */
interface FieldLabelling {
  label: string;
  name: string;
  error?: string;
  optional?: boolean;
  hint?: string;
}

/** The control's own attributes: its name, its error state, and the link to the error that describes it. */
function controlAttributes(name: string, error: string | undefined, className = controlClass(error)) {
  return {
    name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${name}-error` : undefined,
    className,
  };
}

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function Field({
  label,
  name,
  error,
  optional,
  hint,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & FieldLabelling) {
  return (
    <FieldShell label={label} name={name} error={error} optional={optional} hint={hint}>
      <input {...controlAttributes(name, error)} {...input} />
    </FieldShell>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      data-testid="form-error"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800"
    >
      {message}
    </p>
  );
}

/** A refusal beside a small form's button (a table row's "Save"): announced, without FormError's box. */
export function InlineError({ message, size = "text-sm" }: { message?: string | null; size?: "text-sm" | "text-xs" }) {
  if (!message) return null;
  return (
    <span role="alert" className={`${size} text-red-700`}>
      {message}
    </span>
  );
}

/** Every form's submit button: disabled while its action runs, saying so. `className` gives the look of the
 *  page it stands on (the admin's `buttonClass`); the storefront's big dark button by default. */
export function SubmitButton({
  pending,
  children,
  pendingLabel = "Please wait…",
  className = "rounded-md bg-zinc-900 px-6 py-3 font-semibold text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60",
}: {
  pending: boolean;
  children: React.ReactNode;
  pendingLabel?: string;
  className?: string;
}) {
  return (
    <button type="submit" disabled={pending} className={className}>
      {pending ? pendingLabel : children}
    </button>
  );
}

const controlClass = (error?: string) =>
  `rounded-md border px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-offset-1 ${error ? "border-red-600" : "border-zinc-300"}`;

function FieldShell({ label, name, error, optional, hint, children }: FieldLabelling & { children: React.ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">
        {label}
        {optional ? <span className="font-normal text-zinc-500"> (optional)</span> : null}
      </span>
      {children}
      {hint && !error ? <span className="text-xs text-zinc-500">{hint}</span> : null}
      {error ? (
        <span id={`${name}-error`} className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </label>
  );
}

/** A labelled select. */
export function SelectField({
  label,
  name,
  error,
  optional,
  hint,
  children,
  ...select
}: React.SelectHTMLAttributes<HTMLSelectElement> & FieldLabelling) {
  return (
    <FieldShell label={label} name={name} error={error} optional={optional} hint={hint}>
      <select {...controlAttributes(name, error, `${controlClass(error)} bg-white`)} {...select}>
        {children}
      </select>
    </FieldShell>
  );
}

/** A labelled textarea. */
export function TextareaField({
  label,
  name,
  error,
  optional,
  hint,
  ...textarea
}: React.TextareaHTMLAttributes<HTMLTextAreaElement> & FieldLabelling) {
  return (
    <FieldShell label={label} name={name} error={error} optional={optional} hint={hint}>
      <textarea {...controlAttributes(name, error)} {...textarea} />
    </FieldShell>
  );
}

export function FormSuccess({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p
      role="status"
      data-testid="form-success"
      className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm font-medium text-emerald-900"
    >
      {message}
    </p>
  );
}
