import type { InputHTMLAttributes } from "react";
import type { ShippingAddress } from "@/lib/checkout/address";
import { Field, SelectField } from "@/components/ui/field";

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

// The fields of a shipping address, shared by the checkout's address step and the account's address book
// (inside a two-column grid). `values` is what the form sent back after a refusal; `address` the saved one.
export function AddressFields({
  address,
  values,
  errors,
  countries,
}: {
  address?: Partial<ShippingAddress> | null;
  values?: Record<string, string>;
  errors: Record<string, string>;
  countries: { code: string; name: string }[];
}) {
  // A refused submit shows what was typed; a fresh form shows the saved address.
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
        defaultValue={values?.[name] ?? address?.[name] ?? undefined}
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
    <>
      {BEFORE_COUNTRY.map(input)}
      <SelectField
        label="Country"
        name="country"
        autoComplete="country"
        defaultValue={values?.country ?? address?.country ?? "US"}
        error={errors.country}
      >
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </SelectField>
      {AFTER_COUNTRY.map(input)}
    </>
  );
}
