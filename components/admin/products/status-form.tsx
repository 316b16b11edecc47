"use client";
// Draft / active / archived, saved on its own (the edit form leaves status alone), so publishing or
// archiving never needs the whole form to be valid.
import type { FormAction } from "@/lib/actions/form-action";
import type { ProductSaved } from "@/lib/catalog/admin/write";
import { useFormAction } from "@/components/ui/use-form-action";
import { PRODUCT_STATUS_LABELS } from "./status-badge";
import { SubmitButton } from "@/components/ui/field";

const HINTS = {
  DRAFT: "Hidden from the store while you work on it.",
  ACTIVE: "Visible in the store and in search.",
  ARCHIVED: "Hidden from the store; past orders keep their details.",
} as const;

export function StatusForm({
  productId,
  status,
  setStatus,
}: {
  productId: string;
  status: keyof typeof HINTS;
  setStatus: FormAction<ProductSaved>;
}) {
  const { action, pending, failed } = useFormAction(setStatus);
  return (
    // Keyed by the saved status so the select shows the current one after a save and a refresh.
    <form key={status} action={action} className="flex flex-col gap-2">
      <input type="hidden" name="productId" value={productId} />
      <label htmlFor="product-status" className="text-sm font-medium">
        Status
      </label>
      <div className="flex flex-wrap gap-2">
        <select
          id="product-status"
          name="status"
          defaultValue={status}
          aria-describedby="product-status-hint"
          className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-offset-1"
        >
          {(Object.keys(HINTS) as (keyof typeof HINTS)[]).map((value) => (
            <option key={value} value={value}>
              {PRODUCT_STATUS_LABELS[value]}
            </option>
          ))}
        </select>
        <SubmitButton
          pending={pending}
          pendingLabel="Saving…"
          className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-semibold hover:bg-zinc-100 focus-visible:outline-2 disabled:opacity-60"
        >
          Update status
        </SubmitButton>
      </div>
      <p id="product-status-hint" className="text-xs text-zinc-500">
        {HINTS[status]}
      </p>
      <div aria-live="polite" className="text-sm">
        {failed ? (
          <p role="alert" className="text-red-700">
            {failed.error}
          </p>
        ) : null}
      </div>
    </form>
  );
}
