"use client";
// The order detail page's action forms. Each carries the order id and, where a double submit must not
// act twice, the request key the server generated when it rendered the page (hidden fields); the server
// re-checks everything. Results are announced (FormSuccess / FormError are live regions).

import { useState } from "react";
import { Field, FormError, SelectField, TextareaField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { ActionFeedback, AdminSubmit } from "@/components/admin/action-feedback";
import {
  cancelOrderAction,
  fulfilOrderAction,
  markDeliveredAction,
  refundOrderAction,
  resolveFraudReviewAction,
} from "../actions";

// ---------------------------------------------------------------------------------------------
// Fulfil

export interface FulfilLine {
  id: string;
  title: string;
  sku: string;
  remaining: number;
}

export function FulfilForm({
  orderId,
  requestKey,
  lines,
  carriers,
}: {
  orderId: string;
  requestKey: string;
  lines: FulfilLine[];
  carriers: { code: string; name: string }[];
}) {
  const { result, action, pending, failed, errors, field } = useFormAction(fulfilOrderAction);
  const [carrier, setCarrier] = useState(failed?.values?.carrier ?? carriers[0]?.code ?? "other");
  // Stays mounted once everything shipped, so the result of the last shipment is still announced.
  if (lines.length === 0) {
    return (
      <div className="flex flex-col gap-3">
        <ActionFeedback result={result} />
        <p className="text-sm text-zinc-600">Every item of this order has shipped.</p>
      </div>
    );
  }
  return (
    <form action={action} aria-label="Ship items" className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Items in this shipment</legend>
        {lines.map((line) => {
          const quantityName = `qty:${line.id}`;
          const checkboxId = `ship-${line.id}`;
          const error = errors[quantityName];
          return (
            <div key={line.id} className="flex flex-wrap items-center gap-3 rounded-md border border-zinc-200 p-2">
              <input
                id={checkboxId}
                type="checkbox"
                name="ship"
                value={line.id}
                // React resets the form after each submit: a refused one keeps the seller's ticks.
                defaultChecked={failed?.values ? (failed.values.ship ?? "").split(",").includes(line.id) : true}
                className="h-4 w-4"
              />
              <label htmlFor={checkboxId} className="min-w-40 flex-1 text-sm">
                {line.title}
                <span className="block text-xs text-zinc-500">
                  SKU {line.sku} · {line.remaining} left to ship
                </span>
              </label>
              <label className="flex items-center gap-2 text-sm">
                <span>Quantity</span>
                <input
                  name={quantityName}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={line.remaining}
                  defaultValue={failed?.values?.[quantityName] ?? line.remaining}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${quantityName}-error` : undefined}
                  className={`w-20 rounded-md border px-2 py-1 ${error ? "border-red-600" : "border-zinc-300"}`}
                />
              </label>
              {error ? (
                <span id={`${quantityName}-error`} className="w-full text-sm text-red-700">
                  {error}
                </span>
              ) : null}
            </div>
          );
        })}
        {errors.lines ? <span className="text-sm text-red-700">{errors.lines}</span> : null}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Carrier"
          name="carrier"
          value={carrier}
          onChange={(event) => setCarrier(event.target.value)}
          error={errors.carrier}
        >
          {carriers.map((entry) => (
            <option key={entry.code} value={entry.code}>
              {entry.name}
            </option>
          ))}
          <option value="other">Other…</option>
        </SelectField>
        {carrier === "other" ? <Field label="Carrier name" {...field("carrierOther")} maxLength={60} required /> : null}
        <Field label="Tracking number" {...field("trackingNumber")} required maxLength={64} autoComplete="off" />
        <Field
          label="Tracking link"
          {...field("trackingUrl")}
          type="url"
          optional
          maxLength={500}
          placeholder="Filled in for UPS, USPS, FedEx and DHL"
        />
      </div>
      {errors.orderId || errors.requestKey ? <FormError message={errors.orderId ?? errors.requestKey} /> : null}
      <ActionFeedback result={result} />
      <div>
        <AdminSubmit pending={pending}>Ship and email the shopper</AdminSubmit>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Deliver

export function DeliverForm({ orderId, shipmentId, label }: { orderId: string; shipmentId?: string; label: string }) {
  const { result, action, pending } = useFormAction(markDeliveredAction);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="orderId" value={orderId} />
      {shipmentId ? <input type="hidden" name="shipmentId" value={shipmentId} /> : null}
      <ActionFeedback result={result} />
      <div>
        <AdminSubmit pending={pending} tone="secondary">
          {label}
        </AdminSubmit>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Cancel

export function CancelForm({
  orderId,
  requestKey,
  consequence,
  cancelled,
}: {
  orderId: string;
  requestKey: string;
  consequence: string;
  /** Rendered in place once the order is cancelled, so the outcome is still announced. */
  cancelled: boolean;
}) {
  const { result, action, pending, errors, field } = useFormAction(cancelOrderAction);
  if (cancelled) {
    return (
      <div className="flex flex-col gap-3">
        <ActionFeedback result={result} />
        <p className="text-sm text-zinc-600">This order is cancelled.</p>
      </div>
    );
  }
  return (
    <form action={action} aria-label="Cancel order" className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <p className="text-sm text-zinc-600">{consequence}</p>
      <TextareaField
        label="Reason"
        {...field("reason")}
        rows={2}
        required
        maxLength={500}
        hint="Kept in the audit trail; the shopper is told the order was cancelled."
      />
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="confirm"
          value="yes"
          className="mt-0.5 h-4 w-4"
          aria-describedby={errors.confirm ? "confirm-error" : undefined}
        />
        <span>Yes, cancel this order. This cannot be undone.</span>
      </label>
      {errors.confirm ? (
        <span id="confirm-error" className="text-sm text-red-700">
          {errors.confirm}
        </span>
      ) : null}
      <ActionFeedback result={result} />
      <div>
        <AdminSubmit pending={pending} tone="danger">
          Cancel order
        </AdminSubmit>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Refund

export function RefundForm({
  orderId,
  requestKey,
  refundable,
  limitText,
  reasons,
}: {
  orderId: string;
  requestKey: string;
  /** What is still refundable, formatted; null when nothing is (the form stays to announce the last result). */
  refundable: string | null;
  /** The staff limit, formatted, or null for admins. */
  limitText: string | null;
  reasons: { code: string; label: string }[];
}) {
  const { result, action, pending, field } = useFormAction(refundOrderAction);
  if (refundable === null) {
    return (
      <div className="flex flex-col gap-3">
        <ActionFeedback result={result} />
        <p className="text-sm text-zinc-600">Nothing is left to refund on this order.</p>
      </div>
    );
  }
  return (
    <form action={action} aria-label="Refund" className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="Amount"
          {...field("amount")}
          inputMode="decimal"
          placeholder="12.34"
          required
          autoComplete="off"
        />
        <SelectField label="Reason" {...field("reason", "requested_by_customer")}>
          {reasons.map((reason) => (
            <option key={reason.code} value={reason.code}>
              {reason.label}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="text-xs text-zinc-500">
        Up to {refundable} can be refunded.
        {limitText ? ` As staff you can refund at most ${limitText}; an admin can refund more.` : ""}
      </p>
      <Field label="Note" {...field("note")} optional maxLength={300} />
      <ActionFeedback result={result} />
      <div>
        <AdminSubmit pending={pending}>Refund</AdminSubmit>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Fraud review

export function FraudReviewForm({ orderId }: { orderId: string }) {
  const { result, action, pending, field } = useFormAction(resolveFraudReviewAction);
  return (
    <form action={action} aria-label="Resolve fraud review" className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="orderId" value={orderId} />
      <TextareaField label="What the review found" {...field("note")} rows={2} required maxLength={500} />
      <ActionFeedback result={result} />
      <div>
        <AdminSubmit pending={pending}>Mark review resolved</AdminSubmit>
      </div>
    </form>
  );
}
