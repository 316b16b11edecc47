"use client";
// Approve / Hide for one review of the moderation queue. The action comes from the page as a prop.
import type { FormAction } from "@/lib/actions/form-action";
import { buttonClass } from "@/components/admin/ui";
import { InlineError } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function ModerateReviewButtons({
  reviewId,
  status,
  moderate,
}: {
  reviewId: string;
  status: "PENDING" | "PUBLISHED" | "HIDDEN";
  moderate: FormAction<{ status: string }>;
}) {
  const { action, pending, failed } = useFormAction(moderate);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="reviewId" value={reviewId} />
      {status !== "PUBLISHED" ? (
        <button type="submit" name="decision" value="approve" disabled={pending} className={buttonClass.primary}>
          Approve
        </button>
      ) : null}
      {status !== "HIDDEN" ? (
        <button type="submit" name="decision" value="hide" disabled={pending} className={buttonClass.secondary}>
          Hide
        </button>
      ) : null}
      <InlineError message={failed?.error} />
    </form>
  );
}
