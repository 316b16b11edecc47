"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { ActionResult } from "@/lib/actions/result";
import type { ShippingAddress } from "@/lib/checkout/address";
import { Field, FormError, SubmitButton } from "@/components/ui/field";

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
  return (
    <form action={action} className="grid max-w-2xl gap-4 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        <FormError
          message={failed ? (failed.fieldErrors ? "Please correct the highlighted fields." : failed.error) : null}
        />
      </div>
      <Field
        label="First name"
        name="firstName"
        autoComplete="given-name"
        required
        defaultValue={failed?.values?.firstName ?? address?.firstName}
        error={errors.firstName}
      />
      <Field
        label="Last name"
        name="lastName"
        autoComplete="family-name"
        required
        defaultValue={failed?.values?.lastName ?? address?.lastName}
        error={errors.lastName}
      />
      <div className="sm:col-span-2">
        <Field
          label="Company"
          name="company"
          optional
          autoComplete="organization"
          defaultValue={failed?.values?.company ?? address?.company}
          error={errors.company}
        />
      </div>
      <div className="sm:col-span-2">
        <Field
          label="Address"
          name="line1"
          autoComplete="address-line1"
          required
          defaultValue={failed?.values?.line1 ?? address?.line1}
          error={errors.line1}
        />
      </div>
      <div className="sm:col-span-2">
        <Field
          label="Apartment, suite, etc."
          name="line2"
          optional
          autoComplete="address-line2"
          defaultValue={failed?.values?.line2 ?? address?.line2}
          error={errors.line2}
        />
      </div>
      <Field
        label="City"
        name="city"
        autoComplete="address-level2"
        required
        defaultValue={failed?.values?.city ?? address?.city}
        error={errors.city}
      />
      <Field
        label="State / province / region"
        name="region"
        autoComplete="address-level1"
        defaultValue={failed?.values?.region ?? address?.region}
        error={errors.region}
      />
      <Field
        label="Postal code"
        name="postalCode"
        autoComplete="postal-code"
        required
        defaultValue={failed?.values?.postalCode ?? address?.postalCode}
        error={errors.postalCode}
      />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Country</span>
        <select
          name="country"
          autoComplete="country"
          defaultValue={failed?.values?.country ?? address?.country ?? "US"}
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
          defaultValue={failed?.values?.phone ?? address?.phone}
          error={errors.phone}
        />
      </div>
      <div className="sm:col-span-2">
        <SubmitButton pending={pending}>Continue to delivery</SubmitButton>
      </div>
    </form>
  );
}
