"use client";

import { buttonClass } from "@/components/admin/ui";
import { InlineError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { setCouponActiveAction } from "../actions";

/** Enable / disable in place; the page refreshes with the new state when it succeeds. */
export function ToggleCouponActive({
  couponId,
  code,
  active,
  compact = false,
}: {
  couponId: string;
  code: string;
  active: boolean;
  compact?: boolean;
}) {
  const { action, pending, failed } = useFormAction(setCouponActiveAction);
  return (
    <form action={action} className="inline-flex flex-col items-start gap-1">
      <input type="hidden" name="couponId" value={couponId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <SubmitButton
        pending={pending}
        pendingLabel="Saving…"
        className={
          compact
            ? "text-sm font-medium underline underline-offset-2 focus-visible:outline-2 disabled:opacity-60"
            : active
              ? buttonClass.danger
              : buttonClass.secondary
        }
      >
        {active ? "Disable" : "Enable"}
        <span className="sr-only"> {code}</span>
      </SubmitButton>
      <InlineError message={failed?.error} size="text-xs" />
    </form>
  );
}
