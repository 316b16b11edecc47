// What every admin form on an order or a return shows under it (the action's outcome) and submits with.
import { FormError, FormSuccess, SubmitButton } from "@/components/ui/field";
import { buttonClass } from "@/components/admin/ui";
import type { ActionResult } from "@/lib/actions/result";
import type { Saved } from "@/lib/actions/saved";

/** The outcome of the form's last submit: its message, or its error (a field error says so). */
export function ActionFeedback({ result }: { result: ActionResult<Saved<{ message: string }>> | null }) {
  if (!result) return null;
  if (result.ok) return <FormSuccess key={result.data.savedAt} message={result.data.message} />;
  return <FormError message={result.fieldErrors ? `Please correct the form: ${result.error}` : result.error} />;
}

export function AdminSubmit({
  pending,
  children,
  tone = "primary",
}: {
  pending: boolean;
  children: React.ReactNode;
  tone?: keyof typeof buttonClass;
}) {
  return (
    <SubmitButton pending={pending} className={buttonClass[tone]}>
      {children}
    </SubmitButton>
  );
}
