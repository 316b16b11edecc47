"use client";

import type { FormAction } from "@/lib/actions/form-action";
import { FormError } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function PlaceOrderForm({
  totalLabel,
  totalCents,
  placeOrder,
}: {
  totalLabel: string;
  /** The total shown: placing refuses (and says so) when the order would cost anything else. */
  totalCents: number;
  placeOrder: FormAction;
}) {
  const { action, pending, failed } = useFormAction(placeOrder);
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="expectedTotalCents" value={totalCents} />
      <FormError message={failed?.error} />
      <button
        type="submit"
        disabled={pending}
        data-testid="place-order"
        className="rounded-md bg-zinc-900 px-6 py-3 text-base font-semibold text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60"
      >
        {pending ? "Placing your order…" : `Place order and pay ${totalLabel}`}
      </button>
      <p className="text-xs text-zinc-600">Your items are held for you while you pay.</p>
    </form>
  );
}
