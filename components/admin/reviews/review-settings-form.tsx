"use client";
// The review setting of /admin/reviews (administrators): do reviews go live at once or after approval.
import type { FormAction } from "@/lib/actions/form-action";
import { buttonClass } from "@/components/admin/ui";
import { useFormAction } from "@/components/ui/use-form-action";
import { SubmitButton } from "@/components/ui/field";

export function ReviewSettingsForm({
  action,
  requireApproval,
}: {
  action: FormAction<{ savedAt: number }>;
  requireApproval: boolean;
}) {
  const { result, action: formAction, pending } = useFormAction(action);
  return (
    <form
      action={formAction}
      aria-label="Review settings"
      className="flex flex-col gap-3"
      data-testid="review-settings"
    >
      <fieldset className="flex flex-col gap-2 text-sm">
        <legend className="mb-1 font-medium">Shoppers&apos; reviews go live</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="publishing" value="at-once" defaultChecked={!requireApproval} className="size-4" />
          At once (a moderator can hide any of them)
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="publishing"
            value="after-approval"
            defaultChecked={requireApproval}
            className="size-4"
          />
          After a moderator approves them (new and edited reviews wait as pending)
        </label>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Saving…" className={buttonClass.primary}>
          Save
        </SubmitButton>
        {result && !result.ok ? (
          <p role="alert" className="text-sm text-red-700">
            {result.error}
          </p>
        ) : null}
        {result?.ok ? (
          <p key={result.data.savedAt} role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}
