import type { InputHTMLAttributes } from "react";

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function Field({
  label,
  name,
  error,
  optional,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string; optional?: boolean }) {
  const errorId = `${name}-error`;
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">
        {label}
        {optional ? <span className="font-normal text-zinc-500"> (optional)</span> : null}
      </span>
      <input
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={`rounded-md border px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-offset-1 ${
          error ? "border-red-600" : "border-zinc-300"
        }`}
        {...input}
      />
      {error ? (
        <span id={errorId} className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </label>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" data-testid="form-error" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800">
      {message}
    </p>
  );
}

export function SubmitButton({ pending, children }: { pending: boolean; children: React.ReactNode }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-md bg-zinc-900 px-6 py-3 font-semibold text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60"
    >
      {pending ? "Please wait…" : children}
    </button>
  );
}
