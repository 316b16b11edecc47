"use client";

import { useTransition } from "react";
import type { ButtonAction, FormAction } from "@/lib/actions/form-action";
import { useFormAction } from "@/components/ui/use-form-action";

export function CouponForm({
  couponCode,
  couponError,
  apply,
  remove,
}: {
  couponCode: string | null;
  couponError: string | null;
  apply: FormAction;
  remove: ButtonAction;
}) {
  const { action, pending, failed } = useFormAction(apply);
  const [removing, startRemoving] = useTransition();
  const error = failed?.error ?? couponError;
  return (
    <div className="flex flex-col gap-2">
      {couponCode && !couponError ? (
        <p className="flex items-center gap-3 text-sm">
          <span>
            Code <strong>{couponCode}</strong> applied.
          </span>
          <button
            type="button"
            disabled={removing}
            onClick={() => startRemoving(async () => void (await remove()))}
            className="underline focus-visible:outline-2"
          >
            Remove
          </button>
        </p>
      ) : null}
      <form action={action} className="flex items-end gap-2">
        <label className="flex flex-1 flex-col gap-1 text-sm">
          <span className="font-medium">Discount code</span>
          <input
            name="code"
            defaultValue={failed?.values?.code}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "coupon-error" : undefined}
            className="rounded-md border border-zinc-300 px-3 py-2 uppercase focus-visible:outline-2"
          />
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-zinc-900 px-4 py-2 font-semibold hover:bg-zinc-100 focus-visible:outline-2 disabled:opacity-60"
        >
          {pending ? "Applying…" : "Apply"}
        </button>
      </form>
      {error ? (
        <p id="coupon-error" role="alert" className="text-sm text-red-700" data-testid="coupon-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
