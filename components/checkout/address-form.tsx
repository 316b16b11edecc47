"use client";

import { useState } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { ShippingAddress } from "@/lib/checkout/address";
import type { SavedAddress } from "@/lib/account/addresses";
import { FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { AddressFields } from "./address-fields";

/** `saved`: a signed-in shopper's address book, offered as a choice that fills the fields. */
export function AddressForm({
  address,
  saved = [],
  countries,
  save,
}: {
  address: ShippingAddress | null;
  saved?: SavedAddress[];
  countries: { code: string; name: string }[];
  save: FormAction;
}) {
  const { action, pending, failed, errors } = useFormAction(save);
  const [chosen, setChosen] = useState<SavedAddress | null>(null);
  const shown = chosen ?? address;
  return (
    <form action={action} className="grid max-w-2xl gap-4 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        <FormError
          message={failed ? (failed.fieldErrors ? "Please correct the highlighted fields." : failed.error) : null}
        />
      </div>
      {saved.length > 1 ? (
        <label className="flex flex-col gap-1 text-sm sm:col-span-2">
          <span className="font-medium">Saved addresses</span>
          <select
            className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-base focus-visible:outline-2"
            defaultValue=""
            onChange={(event) => setChosen(saved.find((entry) => entry.id === event.target.value) ?? null)}
          >
            <option value="">Choose a saved address…</option>
            {saved.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {`${entry.firstName} ${entry.lastName}, ${entry.line1}, ${entry.city}`}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {/* Remounted when a saved address is chosen, so its values replace what the fields showed. */}
      <AddressFields
        key={chosen?.id ?? "form"}
        address={shown}
        values={chosen ? undefined : failed?.values}
        errors={errors}
        countries={countries}
      />
      <div className="sm:col-span-2">
        <SubmitButton pending={pending}>Continue to delivery</SubmitButton>
      </div>
    </form>
  );
}
