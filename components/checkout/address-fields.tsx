import type { ShippingAddress } from "@/lib/checkout/address";
import { Field } from "@/components/ui/field";

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
  return (
    <>
      <Field
        label="First name"
        name="firstName"
        autoComplete="given-name"
        required
        defaultValue={values?.firstName ?? address?.firstName}
        error={errors.firstName}
      />
      <Field
        label="Last name"
        name="lastName"
        autoComplete="family-name"
        required
        defaultValue={values?.lastName ?? address?.lastName}
        error={errors.lastName}
      />
      <div className="sm:col-span-2">
        <Field
          label="Company"
          name="company"
          optional
          autoComplete="organization"
          defaultValue={values?.company ?? address?.company}
          error={errors.company}
        />
      </div>
      <div className="sm:col-span-2">
        <Field
          label="Address"
          name="line1"
          autoComplete="address-line1"
          required
          defaultValue={values?.line1 ?? address?.line1}
          error={errors.line1}
        />
      </div>
      <div className="sm:col-span-2">
        <Field
          label="Apartment, suite, etc."
          name="line2"
          optional
          autoComplete="address-line2"
          defaultValue={values?.line2 ?? address?.line2}
          error={errors.line2}
        />
      </div>
      <Field
        label="City"
        name="city"
        autoComplete="address-level2"
        required
        defaultValue={values?.city ?? address?.city}
        error={errors.city}
      />
      <Field
        label="State / province / region"
        name="region"
        autoComplete="address-level1"
        defaultValue={values?.region ?? address?.region}
        error={errors.region}
      />
      <Field
        label="Postal code"
        name="postalCode"
        autoComplete="postal-code"
        required
        defaultValue={values?.postalCode ?? address?.postalCode}
        error={errors.postalCode}
      />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Country</span>
        <select
          name="country"
          autoComplete="country"
          defaultValue={values?.country ?? address?.country ?? "US"}
          aria-invalid={errors.country ? true : undefined}
          className="rounded-md border border-zinc-300 px-3 py-2 text-base focus-visible:outline-2"
        >
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </select>
        {errors.country ? <span className="text-sm text-red-700">{errors.country}</span> : null}
      </label>
      <div className="sm:col-span-2">
        <Field
          label="Phone"
          name="phone"
          type="tel"
          optional
          autoComplete="tel"
          defaultValue={values?.phone ?? address?.phone}
          error={errors.phone}
        />
      </div>
    </>
  );
}
