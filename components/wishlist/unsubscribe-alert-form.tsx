"use client";

import type { FormAction } from "@/lib/actions/form-action";
import { FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

/** A button, not a visit: a mail scanner fetching the link deletes nothing. `unsubscribe` comes from the page. */
export function UnsubscribeAlertForm({
  alertId,
  token,
  itemName,
  unsubscribe,
}: {
  alertId: string;
  token: string;
  itemName: string;
  unsubscribe: FormAction<{ outcome: "removed" | "already" }>;
}) {
  const { result, action, pending, failed } = useFormAction(unsubscribe);
  if (result?.ok) {
    return (
      <p
        role="status"
        data-testid="alert-unsubscribed"
        className="rounded-md border border-green-300 bg-green-50 p-3 text-sm"
      >
        Done: we won&apos;t email you about {itemName}.
      </p>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-zinc-700">
        Stop the back-in-stock email about <strong>{itemName}</strong> and forget this address for it.
      </p>
      <FormError message={failed?.error} />
      <input type="hidden" name="alert" value={alertId} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={pending}>Unsubscribe</SubmitButton>
    </form>
  );
}
