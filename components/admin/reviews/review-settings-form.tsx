"use client";
// The review setting of /admin/reviews (administrators): do reviews go live at once or after approval.
import type { FormAction } from "@/lib/actions/form-action";
import { SaveRow } from "@/components/admin/save-row";
import { useFormAction } from "@/components/ui/use-form-action";

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
      <SaveRow
        pending={pending}
        label="Save"
        error={result && !result.ok ? result.error : null}
        saved={result?.ok ? { stamp: result.data.savedAt, message: "Saved." } : null}
      />
    </form>
  );
}
