"use client";
// The return page's action forms. Each carries the return id (and, for the exchange shipment, the request
// key the server generated when it rendered the page); the server re-checks everything. Results are
// announced (FormSuccess / FormError are live regions).
import { Field, FormError, FormSuccess, SelectField, TextareaField } from "@/components/ui/field";
import { buttonClass } from "@/components/admin/ui";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/actions/result";
import {
  approveReturnAction,
  receiveReturnLineAction,
  refundReturnAction,
  rejectReturnAction,
  shipExchangeAction,
  type ReturnActionDone,
} from "../actions";

function Feedback({ result }: { result: ActionResult<ReturnActionDone> | null }) {
  if (!result) return null;
  if (result.ok) return <FormSuccess key={result.data.savedAt} message={result.data.message} />;
  return <FormError message={result.fieldErrors ? `Please correct the form: ${result.error}` : result.error} />;
}

function Submit({
  pending,
  children,
  tone = "primary",
}: {
  pending: boolean;
  children: React.ReactNode;
  tone?: keyof typeof buttonClass;
}) {
  return (
    <button type="submit" disabled={pending} className={buttonClass[tone]}>
      {pending ? "Please wait…" : children}
    </button>
  );
}

export function ApproveReturnForm({ returnId, hasExchange }: { returnId: string; hasExchange: boolean }) {
  const { result, action, pending, field } = useFormAction(approveReturnAction);
  return (
    <form action={action} aria-label="Approve return" className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="returnId" value={returnId} />
      <Feedback result={result} />
      <TextareaField label="Message to the shopper" optional rows={2} maxLength={1000} {...field("message")} />
      {hasExchange ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="refundInstead" className="h-4 w-4" />
          <span>Refund instead of exchanging (the other option is sold out)</span>
        </label>
      ) : null}
      <div>
        <Submit pending={pending}>Approve</Submit>
      </div>
    </form>
  );
}

export function RejectReturnForm({ returnId }: { returnId: string }) {
  const { result, action, pending, field } = useFormAction(rejectReturnAction);
  return (
    <form action={action} aria-label="Reject return" className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="returnId" value={returnId} />
      <Feedback result={result} />
      <TextareaField label="Why (sent to the shopper)" rows={2} maxLength={1000} {...field("message")} />
      <div>
        <Submit pending={pending} tone="danger">
          Reject
        </Submit>
      </div>
    </form>
  );
}

export function ReceiveLineForm({
  returnId,
  returnLineId,
  label,
  locations,
}: {
  returnId: string;
  returnLineId: string;
  label: string;
  locations: { id: string; name: string }[];
}) {
  const { result, action, pending, field } = useFormAction(receiveReturnLineAction);
  return (
    <form action={action} aria-label={`Receive ${label}`} className="flex flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="returnId" value={returnId} />
      <input type="hidden" name="returnLineId" value={returnLineId} />
      <SelectField label="Back to location" {...field("locationId", locations[0]?.id ?? "")}>
        {locations.map((location) => (
          <option key={location.id} value={location.id}>
            {location.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Condition" {...field("condition", "RESELLABLE")}>
        <option value="RESELLABLE">Resellable: back in stock</option>
        <option value="DAMAGED">Damaged: not restocked</option>
      </SelectField>
      <Submit pending={pending}>Mark received</Submit>
      <div className="w-full">
        <Feedback result={result} />
      </div>
    </form>
  );
}

export function RefundReturnForm({ returnId, amount }: { returnId: string; amount: string }) {
  const { result, action, pending } = useFormAction(refundReturnAction);
  return (
    <form action={action} aria-label="Refund return" className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="returnId" value={returnId} />
      <Feedback result={result} />
      <div>
        <Submit pending={pending}>Refund {amount}</Submit>
      </div>
    </form>
  );
}

export function ShipExchangeForm({
  returnId,
  requestKey,
  carriers,
}: {
  returnId: string;
  requestKey: string;
  carriers: { code: string; name: string }[];
}) {
  const { result, action, pending, field } = useFormAction(shipExchangeAction);
  return (
    <form action={action} aria-label="Ship exchange" className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="returnId" value={returnId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <Feedback result={result} />
      <SelectField label="Carrier" {...field("carrier", carriers[0]?.code ?? "")}>
        {carriers.map((carrier) => (
          <option key={carrier.code} value={carrier.code}>
            {carrier.name}
          </option>
        ))}
      </SelectField>
      <Field label="Tracking number" autoComplete="off" {...field("trackingNumber")} />
      <div>
        <Submit pending={pending}>Ship the exchange</Submit>
      </div>
    </form>
  );
}
