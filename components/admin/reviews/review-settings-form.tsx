"use client";
// The review setting of /admin/reviews (administrators): do reviews go live at once or after approval.
import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { buttonClass } from "@/components/admin/ui";

type Result = ActionResult<{ savedAt: number }>;
type Action = (previous: Result | null, formData: FormData) => Promise<Result>;

export function ReviewSettingsForm({ action, requireApproval }: { action: Action; requireApproval: boolean }) {
  const [result, formAction, pending] = useActionState<Result | null, FormData>(action, null);
  return (
    <form
      action={formAction}
      aria-label="Review settings"
      className="flex flex-col gap-3"
      data-testid="review-settings"
    >
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="requireApproval" defaultChecked={requireApproval} className="size-4" />
        Hold new and edited reviews until a moderator approves them
      </label>
      <p className="text-xs text-zinc-500">Unticked, shoppers&apos; reviews go live at once.</p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending ? "Saving…" : "Save"}
        </button>
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
