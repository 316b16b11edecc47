"use client";

import { useActionState, type InputHTMLAttributes } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { ActionResult } from "@/lib/actions/result";
import type { ShippingAddress } from "@/lib/checkout/address";
import { Field, FormError, SelectField, SubmitButton } from "@/components/ui/field";

type AddressKey = Exclude<keyof ShippingAddress, "country">;

interface AddressInput {
  name: AddressKey;
  label: string;
  autoComplete: string;
  /** Required, optional (says so), or neither (required for some countries only: the region). */
  need?: "required" | "optional";
  /** Spans both columns. */
  wide?: boolean;
  type?: InputHTMLAttributes<HTMLInputElement>["type"];
}

// In form order; the country select stands between the postal code and the phone.
const BEFORE_COUNTRY: AddressInput[] = [
  { name: "firstName", label: "First name", autoComplete: "given-name", need: "required" },
  { name: "lastName", label: "Last name", autoComplete: "family-name", need: "required" },
  { name: "company", label: "Company", autoComplete: "organization", need: "optional", wide: true },
  { name: "line1", label: "Address", autoComplete: "address-line1", need: "required", wide: true },
  { name: "line2", label: "Apartment, suite, etc.", autoComplete: "address-line2", need: "optional", wide: true },
  { name: "city", label: "City", autoComplete: "address-level2", need: "required" },
  { name: "region", label: "State / province / region", autoComplete: "address-level1" },
  { name: "postalCode", label: "Postal code", autoComplete: "postal-code", need: "required" },
];
const AFTER_COUNTRY: AddressInput[] = [
  { name: "phone", label: "Phone", autoComplete: "tel", need: "optional", wide: true, type: "tel" },
];

export function AddressForm({
  address,
  countries,
  save,
}: {
  address: ShippingAddress | null;
  countries: { code: string; name: string }[];
  save: FormAction;
}) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(save, null);
  const failed = result && !result.ok ? result : null;
  const errors = failed?.fieldErrors ?? {};
  // A failed submit shows what was typed; a fresh form shows the saved address.
  const input = ({ name, label, autoComplete, need, wide, type }: AddressInput) => {
    const field = (
      <Field
        key={wide ? undefined : name}
        label={label}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required={need === "required" || undefined}
        optional={need === "optional" || undefined}
        defaultValue={failed?.values?.[name] ?? address?.[name]}
        error={errors[name]}
      />
    );
    return wide ? (
      <div key={name} className="sm:col-span-2">
        {field}
      </div>
    ) : (
      field
    );
  };
  return (
    <form action={action} className="grid max-w-2xl gap-4 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        <FormError
          message={failed ? (failed.fieldErrors ? "Please correct the highlighted fields." : failed.error) : null}
        />
      </div>
      {BEFORE_COUNTRY.map(input)}
      <SelectField
        label="Country"
        name="country"
        autoComplete="country"
        defaultValue={failed?.values?.country ?? address?.country ?? "US"}
        error={errors.country}
      >
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </SelectField>
      {AFTER_COUNTRY.map(input)}
      <div className="sm:col-span-2">
        <SubmitButton pending={pending}>Continue to delivery</SubmitButton>
      </div>
    </form>
  );
}
