"use client";
// The form of the store's fraud rules (/admin/risk). The server action comes from the page as a prop; a
// refusal shows each field's message next to it and keeps what was typed.
import { useId } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import { SaveRow } from "@/components/admin/save-row";
import { useFormAction } from "@/components/ui/use-form-action";

const control =
  "w-28 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm tabular-nums focus-visible:outline-2 focus-visible:outline-offset-1";

interface Field {
  name: string;
  label: string;
  hint?: string;
}

/** The rules, each with its limit(s) and its points, in the order the score applies them. */
const RULES: { title: string; fields: Field[] }[] = [
  {
    title: "Order value",
    fields: [
      { name: "valueMultiplePercent", label: "Percent of the average order", hint: "300 = three times the average" },
      { name: "minOrdersForAverage", label: "Paid orders needed for an average" },
      { name: "valuePoints", label: "Points" },
    ],
  },
  {
    title: "Orders per email, client address and card",
    fields: [
      { name: "velocityWindowMinutes", label: "Window (minutes)" },
      { name: "maxOrdersPerEmail", label: "Orders per email" },
      { name: "maxOrdersPerIp", label: "Orders per client address" },
      { name: "maxOrdersPerCard", label: "Orders per card" },
      { name: "velocityPoints", label: "Points (each)" },
    ],
  },
  {
    title: "Billing country differs from shipping",
    fields: [{ name: "countryMismatchPoints", label: "Points" }],
  },
  {
    title: "First order with express shipping",
    fields: [
      { name: "firstOrderExpress", label: "Order total from", hint: "in the store currency" },
      { name: "firstOrderExpressPoints", label: "Points" },
    ],
  },
  {
    title: "Declined payment attempts (same email, same window)",
    fields: [
      { name: "maxFailedAttempts", label: "Declined attempts" },
      { name: "failedAttemptsPoints", label: "Points" },
    ],
  },
];

export function RiskSettingsForm({
  action,
  values,
}: {
  action: FormAction<{ savedAt: number }>;
  values: Record<string, string>;
}) {
  const { result, action: formAction, pending, failed, errors } = useFormAction(action);
  const id = useId();
  const valueOf = (name: string) => failed?.values?.[name] ?? values[name] ?? "";
  const input = (field: Field) => {
    const error = errors[field.name];
    return (
      <label key={field.name} className="flex flex-col gap-1 text-sm">
        <span className="font-medium">{field.label}</span>
        <input
          name={field.name}
          inputMode={field.name === "firstOrderExpress" ? "decimal" : "numeric"}
          required
          defaultValue={valueOf(field.name)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-${field.name}-error` : undefined}
          className={control}
        />
        {field.hint ? <span className="text-xs text-zinc-500">{field.hint}</span> : null}
        {error ? (
          <span id={`${id}-${field.name}-error`} className="text-xs text-red-700">
            {error}
          </span>
        ) : null}
      </label>
    );
  };
  const enabled = failed ? failed.values?.enabled === "on" : values.enabled === "on";
  return (
    <form action={formAction} aria-label="Fraud rules" className="flex flex-col gap-5" data-testid="risk-settings">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="enabled" defaultChecked={enabled} className="size-4" />
        Score orders with the store&apos;s own rules when they are paid
      </label>
      <div className="flex flex-wrap gap-4">
        {input({ name: "holdAtScore", label: "Hold an order at a score of", hint: "the sum of the rules that fire" })}
      </div>
      {RULES.map((rule) => (
        <fieldset key={rule.title} className="flex flex-col gap-2 border-t border-zinc-200 pt-3">
          <legend className="text-sm font-semibold">{rule.title}</legend>
          <div className="flex flex-wrap gap-4">{rule.fields.map(input)}</div>
        </fieldset>
      ))}
      <p className="text-xs text-zinc-500">A rule worth 0 points is switched off.</p>
      <SaveRow
        pending={pending}
        label="Save fraud rules"
        error={failed?.error}
        saved={
          result?.ok ? { stamp: result.data.savedAt, message: "Saved. The rules apply to the next order paid." } : null
        }
      />
    </form>
  );
}
