"use client";

import type { FormAction } from "@/lib/actions/form-action";
import type { DeliveryOption } from "@/lib/checkout/delivery-options";
import { FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function DeliveryForm({
  options,
  selected,
  save,
}: {
  options: DeliveryOption[];
  selected: string | null;
  save: FormAction;
}) {
  const { action, pending, failed } = useFormAction(save);
  return (
    <form action={action} className="flex max-w-xl flex-col gap-4">
      <FormError message={failed?.error} />
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 font-semibold">Shipping option</legend>
        {options.map((option, index) => (
          <label
            key={option.method}
            className="flex cursor-pointer items-center justify-between gap-4 rounded-lg border border-zinc-300 p-4 has-[:checked]:border-zinc-900 has-[:checked]:ring-1 has-[:checked]:ring-zinc-900 has-[:focus-visible]:outline-2"
          >
            <span className="flex items-center gap-3">
              <input
                type="radio"
                name="shippingMethod"
                value={option.method}
                defaultChecked={selected ? selected === option.method : index === 0}
                className="h-4 w-4"
              />
              <span>
                <span className="block font-medium">{option.name}</span>
                <span className="block text-sm text-zinc-600">{option.days}</span>
              </span>
            </span>
            <span className="font-semibold">{option.priceLabel}</span>
          </label>
        ))}
      </fieldset>
      <div>
        <SubmitButton pending={pending}>Continue to review</SubmitButton>
      </div>
    </form>
  );
}
