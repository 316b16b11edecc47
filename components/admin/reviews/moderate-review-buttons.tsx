"use client";
// Approve / Hide for one review of the moderation queue. The action comes from the page as a prop.
import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { FormAction } from "@/lib/actions/form-action";
import { buttonClass } from "@/components/admin/ui";

type Result = ActionResult<{ status: string }>;

export function ModerateReviewButtons({
  reviewId,
  status,
  moderate,
}: {
  reviewId: string;
  status: "PENDING" | "PUBLISHED" | "HIDDEN";
  moderate: FormAction<{ status: string }>;
}) {
  const [result, formAction, pending] = useActionState<Result | null, FormData>(moderate, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
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
      {result && !result.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {result.error}
        </p>
      ) : null}
    </form>
  );
}
