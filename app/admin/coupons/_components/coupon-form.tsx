"use client";

import { startTransition, useState, type FormEvent } from "react";
import { Field, FormError, FormSuccess, SelectField, TextareaField, SubmitButton } from "@/components/ui/field";
import { buttonClass } from "@/components/admin/ui";
import { useFormAction } from "@/components/ui/use-form-action";
import { createCouponAction, updateCouponAction } from "../actions";
import { ProductPicker } from "./product-picker";
import type { CouponFormValues } from "@/lib/coupons/admin/form-values";

const SCOPES = [
  { value: "ORDER", label: "Whole order", hint: "Every item in the cart." },
  { value: "CATEGORIES", label: "Categories", hint: "Items in these categories or their subcategories." },
  { value: "PRODUCTS", label: "Products", hint: "Only these products." },
] as const;

export function CouponForm({
  couponId,
  initial,
  categories,
}: {
  /** Absent for a new coupon. */
  couponId?: string;
  initial: CouponFormValues;
  categories: { id: string; label: string }[];
}) {
  const { result, action, pending, failed, errors, field } = useFormAction(
    couponId ? updateCouponAction : createCouponAction,
  );
  // Kept in state and submitted through hidden inputs, so what is sent is always what is shown.
  const [type, setType] = useState(initial.type);
  const [scope, setScope] = useState(initial.scope);
  const [categoryIds, setCategoryIds] = useState<string[]>(initial.categoryIds);
  const currency = (failed?.values?.currency ?? initial.currency) || "USD";
  const firstError = (prefix: string) =>
    Object.entries(errors).find(([key]) => key === prefix || key.startsWith(`${prefix}.`))?.[1];

  // Submitted by hand rather than through <form action>: React resets a form after its action, which
  // would put the radios, select and checkboxes back to their initial state while the component state
  // (and the products picked) stayed, and would wipe what was typed when the server refuses a field.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };

  return (
    <form onSubmit={submit} className="flex max-w-3xl flex-col gap-6" noValidate>
      {couponId ? <input type="hidden" name="couponId" value={couponId} /> : null}
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="scope" value={scope} />
      {scope === "CATEGORIES"
        ? categoryIds.map((id) => <input key={id} type="hidden" name="categoryIds" value={id} />)
        : null}
      {/* The first problem in words (the fields below show each one too). */}
      <FormError message={failed?.error} />
      {result?.ok ? <FormSuccess key={result.data.savedAt} message={`Coupon ${result.data.code} saved.`} /> : null}

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Code</legend>
        <Field
          label="Code"
          {...field("code", initial.code)}
          required
          maxLength={32}
          autoComplete="off"
          spellCheck={false}
        />
        <div className="sm:col-span-2">
          <TextareaField
            label="Description"
            {...field("description", initial.description)}
            optional
            rows={2}
            maxLength={200}
            hint="For staff only; shoppers see the code."
          />
        </div>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-base font-semibold">Discount</legend>
        <SelectField
          label="Type"
          name="typeChoice"
          value={type}
          onChange={(event) => setType(event.target.value as CouponFormValues["type"])}
          error={errors.type}
        >
          <option value="PERCENTAGE">Percentage</option>
          <option value="FIXED_AMOUNT">Fixed amount</option>
        </SelectField>
        <Field
          label={type === "PERCENTAGE" ? "Percent off" : `Amount off (${currency})`}
          {...field("value", initial.value)}
          required
          inputMode="decimal"
          autoComplete="off"
          placeholder={type === "PERCENTAGE" ? "15" : "10.00"}
        />
        <Field label="Currency" {...field("currency", initial.currency)} maxLength={3} autoComplete="off" />
        <div className="sm:col-span-3">
          <Field
            label={`Minimum order before discounts (${currency})`}
            {...field("minSubtotal", initial.minSubtotal)}
            optional
            inputMode="decimal"
            autoComplete="off"
            placeholder="50.00"
          />
        </div>
        <p className="text-xs text-zinc-600 sm:col-span-3">
          A fixed amount, or any minimum, applies only to orders in this currency. The discount never exceeds the
          eligible items&apos; subtotal.
        </p>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Limits and dates</legend>
        <Field
          label="Total uses"
          {...field("usageLimit", initial.usageLimit)}
          optional
          inputMode="numeric"
          autoComplete="off"
          placeholder="No limit"
        />
        <Field
          label="Uses per customer (by email)"
          {...field("perCustomerLimit", initial.perCustomerLimit)}
          optional
          inputMode="numeric"
          autoComplete="off"
          placeholder="No limit"
        />
        <Field label="Starts (UTC)" {...field("startsAt", initial.startsAt)} type="datetime-local" optional />
        <Field label="Ends (UTC)" {...field("endsAt", initial.endsAt)} type="datetime-local" optional />
        <p className="text-xs text-zinc-600 sm:col-span-2">
          A use counts when the order is paid; unpaid orders hold a use until their reservation expires.
        </p>
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-base font-semibold">Applies to</legend>
        <div role="radiogroup" aria-label="Applies to" className="flex flex-col gap-2">
          {SCOPES.map((option) => (
            <label key={option.value} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="scopeChoice"
                value={option.value}
                checked={scope === option.value}
                onChange={() => setScope(option.value)}
                className="mt-1 size-4 focus-visible:outline-2 focus-visible:outline-offset-2"
              />
              <span>
                <span className="font-medium">{option.label}</span>{" "}
                <span className="text-zinc-600">– {option.hint}</span>
              </span>
            </label>
          ))}
          {errors.scope ? <span className="text-sm text-red-700">{errors.scope}</span> : null}
        </div>

        {scope === "CATEGORIES" ? (
          <fieldset aria-describedby={firstError("categoryIds") ? "categoryIds-error" : undefined}>
            <legend className="mb-1 text-sm font-medium">Categories</legend>
            {categories.length === 0 ? (
              <p className="text-sm text-zinc-600">There are no categories yet.</p>
            ) : (
              <div className="grid max-h-72 gap-1 overflow-y-auto rounded-md border border-zinc-200 bg-white p-3 sm:grid-cols-2">
                {categories.map((category) => (
                  <label key={category.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      value={category.id}
                      checked={categoryIds.includes(category.id)}
                      onChange={(event) =>
                        setCategoryIds((current) =>
                          event.target.checked ? [...current, category.id] : current.filter((id) => id !== category.id),
                        )
                      }
                      className="size-4 focus-visible:outline-2 focus-visible:outline-offset-2"
                    />
                    {category.label}
                  </label>
                ))}
              </div>
            )}
            {firstError("categoryIds") ? (
              <span id="categoryIds-error" className="text-sm text-red-700">
                {firstError("categoryIds")}
              </span>
            ) : null}
          </fieldset>
        ) : null}

        {/* Mounted while hidden, so the chosen products survive switching the scope back and forth. */}
        <div hidden={scope !== "PRODUCTS"}>
          <ProductPicker initial={initial.products} error={firstError("productIds")} />
        </div>
      </fieldset>

      <div className="flex flex-wrap gap-3">
        <SubmitButton pending={pending} pendingLabel="Saving…" className={buttonClass.primary}>
          {couponId ? "Save changes" : "Create coupon"}
        </SubmitButton>
      </div>
    </form>
  );
}
