"use client";
// The return page's action forms. Each carries the return id (and, for the exchange shipment, the request
// key the server generated when it rendered the page); the server re-checks everything. Results are
// announced (FormSuccess / FormError are live regions).
import { Field, SelectField, TextareaField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { ActionFeedback, AdminSubmit } from "@/components/admin/action-feedback";
import {
  approveReturnAction,
  receiveReturnLineAction,
  refundReturnAction,
  rejectReturnAction,
  shipExchangeAction,
} from "../actions";

export function ApproveReturnForm({ returnId, hasExchange }: { returnId: string; hasExchange: boolean }) {
  const { result, action, pending, field } = useFormAction(approveReturnAction);
  return (
    <form action={action} aria-label="Approve return" className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="returnId" value={returnId} />
      <ActionFeedback result={result} />
      <TextareaField label="Message to the shopper" optional rows={2} maxLength={1000} {...field("message")} />
      {hasExchange ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="refundInstead" className="h-4 w-4" />
          <span>Refund instead of exchanging (the other option is sold out)</span>
        </label>
      ) : null}
      <div>
        <AdminSubmit pending={pending}>Approve</AdminSubmit>
      </div>
    </form>
  );
}

export function RejectReturnForm({ returnId }: { returnId: string }) {
  const { result, action, pending, field } = useFormAction(rejectReturnAction);
  return (
    <form action={action} aria-label="Reject return" className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="returnId" value={returnId} />
      <ActionFeedback result={result} />
      <TextareaField label="Why (sent to the shopper)" rows={2} maxLength={1000} {...field("message")} />
      <div>
        <AdminSubmit pending={pending} tone="danger">
          Reject
        </AdminSubmit>
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
      <AdminSubmit pending={pending}>Mark received</AdminSubmit>
      <div className="w-full">
        <ActionFeedback result={result} />
      </div>
    </form>
  );
}

export function RefundReturnForm({ returnId, amount }: { returnId: string; amount: string }) {
  const { result, action, pending } = useFormAction(refundReturnAction);
  return (
    <form action={action} aria-label="Refund return" className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="returnId" value={returnId} />
      <ActionFeedback result={result} />
      <div>
        <AdminSubmit pending={pending}>Refund {amount}</AdminSubmit>
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
      <ActionFeedback result={result} />
      <SelectField label="Carrier" {...field("carrier", carriers[0]?.code ?? "")}>
        {carriers.map((carrier) => (
          <option key={carrier.code} value={carrier.code}>
            {carrier.name}
          </option>
        ))}
      </SelectField>
      <Field label="Tracking number" autoComplete="off" {...field("trackingNumber")} />
      <div>
        <AdminSubmit pending={pending}>Ship the exchange</AdminSubmit>
      </div>
    </form>
  );
}
