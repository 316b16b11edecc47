"use client";

import { useId, useState, type ReactNode } from "react";
import { Field, FormError, FormSuccess, SelectField, SubmitButton } from "@/components/ui/field";
import { buttonClass } from "@/components/admin/ui";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/actions/result";
import { MANUAL_REASONS } from "@/lib/inventory/reasons";
import { adjustStockAction, transferStockAction, type StockChanged } from "../actions";

type Result = ActionResult<StockChanged> | null;

function Feedback({ result }: { result: Result }) {
  if (!result) return null;
  if (result.ok) return <FormSuccess key={result.data.savedAt} message={result.data.message} />;
  return <FormError message={result.fieldErrors ? "Please correct the highlighted field." : result.error} />;
}

const REASON_HINTS: Record<(typeof MANUAL_REASONS)[number], string> = {
  RECEIVED: "Received (a delivery: positive)",
  DAMAGED: "Damaged (write-off: negative)",
  CORRECTION: "Correction (a recount: either way)",
};

/** Add or remove units at one location. `label` names the variant and location for screen readers. */
export function AdjustStockForm({
  variantId,
  locationId,
  label,
}: {
  variantId: string;
  locationId: string;
  label: string;
}) {
  const { result, action, pending, errors, field } = useFormAction(adjustStockAction);
  return (
    <form action={action} aria-label={`Adjust stock of ${label}`} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="variantId" value={variantId} />
      <input type="hidden" name="locationId" value={locationId} />
      <div className="grid gap-3 sm:grid-cols-[7rem_1fr]">
        <Field
          label="Change"
          {...field("delta")}
          inputMode="numeric"
          placeholder="e.g. 12 or -2"
          required
          autoComplete="off"
        />
        <SelectField label="Reason" {...field("reason", "RECEIVED")}>
          {MANUAL_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {REASON_HINTS[reason]}
            </option>
          ))}
        </SelectField>
      </div>
      <Field label="Note" {...field("note")} optional maxLength={500} placeholder="PO number, what happened…" />
      {errors.variantId || errors.locationId ? <FormError message={errors.variantId ?? errors.locationId} /> : null}
      <Feedback result={result} />
      <div>
        <SubmitButton pending={pending} pendingLabel="Saving…" className={buttonClass.primary}>
          Save adjustment
        </SubmitButton>
      </div>
    </form>
  );
}

/** Move available units from this location to another one. */
export function TransferStockForm({
  variantId,
  fromLocationId,
  destinations,
  label,
}: {
  variantId: string;
  fromLocationId: string;
  destinations: { id: string; name: string; active: boolean }[];
  label: string;
}) {
  const { result, action, pending, field } = useFormAction(transferStockAction);
  if (destinations.length === 0)
    return <p className="text-sm text-zinc-600">There is no other location to move stock to.</p>;
  return (
    <form action={action} aria-label={`Transfer stock of ${label}`} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="variantId" value={variantId} />
      <input type="hidden" name="fromLocationId" value={fromLocationId} />
      <div className="grid gap-3 sm:grid-cols-[1fr_7rem]">
        <SelectField label="To location" {...field("toLocationId", destinations[0]?.id)}>
          {destinations.map((location) => (
            <option key={location.id} value={location.id}>
              {location.name}
              {location.active ? "" : " (inactive)"}
            </option>
          ))}
        </SelectField>
        <Field label="Quantity" {...field("quantity")} inputMode="numeric" required autoComplete="off" />
      </div>
      <Field label="Note" {...field("note")} optional maxLength={500} />
      <Feedback result={result} />
      <div>
        <button type="submit" disabled={pending} className={buttonClass.secondary}>
          {pending ? "Moving…" : "Transfer"}
        </button>
      </div>
    </form>
  );
}

/**
 * One location's row of the inventory table, with an "Adjust" toggle that opens both forms in a
 * full-width row right below it (so the forms never squeeze the table's columns).
 */
export function LevelRow(props: {
  children: ReactNode;
  variantId: string;
  locationId: string;
  label: string;
  destinations: { id: string; name: string; active: boolean }[];
  columns: number;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <>
      <tr>
        {props.children}
        <td className="align-top">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((value) => !value)}
            className="whitespace-nowrap rounded px-1 text-sm font-medium text-zinc-800 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2"
          >
            {open ? "Close" : "Adjust"}
            <span className="sr-only"> {props.label}</span>
          </button>
        </td>
      </tr>
      {open ? (
        <tr id={panelId}>
          <td colSpan={props.columns} className="bg-zinc-50">
            <div className="grid gap-6 p-2 md:grid-cols-2">
              <section aria-label={`Adjust ${props.label}`}>
                <h3 className="mb-2 text-sm font-semibold">Adjust</h3>
                <AdjustStockForm variantId={props.variantId} locationId={props.locationId} label={props.label} />
              </section>
              <section aria-label={`Transfer from ${props.label}`}>
                <h3 className="mb-2 text-sm font-semibold">Transfer to another location</h3>
                <TransferStockForm
                  variantId={props.variantId}
                  fromLocationId={props.locationId}
                  destinations={props.destinations}
                  label={props.label}
                />
              </section>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
