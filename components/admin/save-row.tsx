// The last row of an admin settings form: its save button ("Saving…" while the action runs), the refusal
// and, after a save, a status line keyed by the save's time so a second save announces itself again.
import { SubmitButton } from "@/components/ui/field";
import { buttonClass } from "./ui";

export function SaveRow({
  pending,
  label,
  tone = "primary",
  error,
  saved,
}: {
  pending: boolean;
  label: string;
  tone?: keyof typeof buttonClass;
  error?: string | null;
  saved?: { stamp: string | number; message: string } | null;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <SubmitButton pending={pending} pendingLabel="Saving…" className={buttonClass[tone]}>
        {label}
      </SubmitButton>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p key={saved.stamp} role="status" className="text-sm text-emerald-700">
          {saved.message}
        </p>
      ) : null}
    </div>
  );
}
