"use client";
// The order page's return form: tick the items, how many of each, optionally another option of the same
// product in exchange, a reason and a note. The page hands it the action to post (components never import
// app/) and what can be returned; the server re-checks everything (lib/orders/returns-request.ts).
import { FormError, FormSuccess, SelectField, SubmitButton, TextareaField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormAction } from "@/lib/actions/form-action";
import type { Saved } from "@/lib/actions/saved";

export interface ReturnFormLine {
  id: string;
  title: string;
  variantTitle: string;
  returnable: number;
  /** Until when (text, already formatted). */
  closes: string;
  exchanges: { id: string; title: string; price: string }[];
}

export function ReturnRequestForm({
  action,
  orderId,
  accessKey,
  requestKey,
  lines,
  reasons,
}: {
  action: FormAction<Saved<{ message: string }>>;
  orderId: string;
  accessKey: string | null;
  requestKey: string;
  lines: ReturnFormLine[];
  reasons: Record<string, string>;
}) {
  const { result, action: submit, pending, errors, formError, field } = useFormAction(action);
  if (result?.ok) return <FormSuccess key={result.data.savedAt} message={result.data.message} />;
  return (
    <form action={submit} aria-label="Return items" className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="orderId" value={orderId} />
      {accessKey ? <input type="hidden" name="key" value={accessKey} /> : null}
      <input type="hidden" name="requestKey" value={requestKey} />
      <FormError message={formError ?? (errors.lines && !formError ? errors.lines : null)} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Items to return</legend>
        {lines.map((line) => {
          const quantityName = `qty:${line.id}`;
          const exchangeName = `exchange:${line.id}`;
          const name = `${line.title}${line.variantTitle ? ` · ${line.variantTitle}` : ""}`;
          return (
            <div
              key={line.id}
              className="flex flex-wrap items-end gap-3 rounded-md border border-zinc-200 p-3"
              data-testid="return-line"
            >
              <label className="flex min-w-48 flex-1 items-center gap-2 text-sm">
                <input type="checkbox" name="return" value={line.id} className="h-4 w-4" />
                <span>
                  Return {name}
                  <span className="block text-xs text-zinc-500">
                    Up to {line.returnable} · until {line.closes}
                  </span>
                </span>
              </label>
              <label className="flex flex-col gap-1 text-sm">
                <span>Quantity to return, {name}</span>
                <input
                  name={quantityName}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={line.returnable}
                  defaultValue={1}
                  aria-invalid={errors[quantityName] ? true : undefined}
                  className="w-24 rounded-md border border-zinc-300 px-2 py-1"
                />
                {errors[quantityName] ? <span className="text-red-700">{errors[quantityName]}</span> : null}
              </label>
              {line.exchanges.length > 0 ? (
                <SelectField
                  label={`Exchange ${name} for`}
                  name={exchangeName}
                  error={errors[exchangeName]}
                  defaultValue=""
                >
                  <option value="">No exchange: refund me</option>
                  {line.exchanges.map((variant) => (
                    <option key={variant.id} value={variant.id}>
                      {variant.title} ({variant.price})
                    </option>
                  ))}
                </SelectField>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <SelectField label="Reason" {...field("reason", "")}>
        <option value="" disabled>
          Choose a reason
        </option>
        {Object.entries(reasons).map(([code, label]) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextareaField label="Anything we should know?" optional rows={3} maxLength={500} {...field("note")} />
      <div>
        <SubmitButton pending={pending}>Request return</SubmitButton>
      </div>
    </form>
  );
}
