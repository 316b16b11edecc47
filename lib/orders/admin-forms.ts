// The seller's order forms as submitted (all strings) to the inputs of lib/orders; where a form sends what a
// lib function takes, its schema is that function's own, extended. Pure, so the field errors are
// unit-tested; the server actions (app/admin/orders/actions.ts) parse with these after authorizing, then
// hand the result to the lib function, which validates again and checks every id against the order.
import { z } from "zod";
import { fieldErrorsOf, formObject, formStrings, type FormParse } from "@/lib/actions/form";
import { CARRIERS } from "./carriers";
import { parseLineQuantity } from "./line-fields";
import { parseAmountInput } from "./amount-input";
import { REFUND_REASONS, recordIdSchema, requestKeySchema, type RefundReasonCode } from "./admin-common";
import { cancelOrderSchema } from "./cancel";
import { markDeliveredSchema, type FulfilOrderInput } from "./fulfilment";

export const OTHER_CARRIER = "other";

/** The shipment form's line checkboxes are named `ship` (./line-fields.ts). */
export { quantityField } from "./line-fields";

const fulfilFormSchema = z.object({
  orderId: recordIdSchema,
  carrier: z.string({ error: "Choose a carrier." }).trim().min(1, "Choose a carrier."),
  carrierOther: z.string().trim().max(60, "A carrier name is at most 60 characters.").optional(),
  trackingNumber: z.string({ error: "Enter a tracking number." }).trim().min(1, "Enter a tracking number."),
  trackingUrl: z.string().trim().optional(),
  requestKey: requestKeySchema,
});

export function parseFulfilForm(formData: FormData): FormParse<FulfilOrderInput> {
  const values = formObject(formData);
  const fieldErrors: Record<string, string> = {};
  const parsed = fulfilFormSchema.safeParse(values);
  if (!parsed.success) Object.assign(fieldErrors, fieldErrorsOf(parsed.error));

  let carrier = parsed.success ? parsed.data.carrier : "";
  if (parsed.success) {
    if (carrier === OTHER_CARRIER) {
      carrier = parsed.data.carrierOther ?? "";
      if (!carrier) fieldErrors.carrierOther = "Enter the carrier's name.";
    } else if (!CARRIERS.some((known) => known.code === carrier)) {
      fieldErrors.carrier = "Choose a carrier from the list, or Other.";
    }
  }

  const selected = formStrings(formData, "ship");
  const lines: { orderLineId: string; quantity: number }[] = [];
  for (const orderLineId of new Set(selected)) {
    const quantity = parseLineQuantity(values, orderLineId, fieldErrors);
    if (quantity !== null) lines.push({ orderLineId, quantity });
  }
  if (selected.length === 0) fieldErrors.lines = "Select at least one item to ship.";

  if (Object.keys(fieldErrors).length > 0 || !parsed.success) return { ok: false, fieldErrors };
  return {
    ok: true,
    data: {
      orderId: parsed.data.orderId,
      carrier,
      trackingNumber: parsed.data.trackingNumber,
      ...(parsed.data.trackingUrl ? { trackingUrl: parsed.data.trackingUrl } : {}),
      lines,
      requestKey: parsed.data.requestKey,
    },
  };
}

const refundFormSchema = z.object({
  orderId: recordIdSchema,
  amount: z.string({ error: "Enter the amount to refund." }).trim().min(1, "Enter the amount to refund."),
  reason: z.enum(Object.keys(REFUND_REASONS) as [RefundReasonCode, ...RefundReasonCode[]], {
    error: "Choose a reason.",
  }),
  note: z.string().trim().max(300, "A note is at most 300 characters.").optional(),
  requestKey: requestKeySchema,
});

/** The amount is parsed with the order's currency, which the caller reads from the database (never the form). */
export function parseRefundForm(
  values: Record<string, string>,
  currency: string,
): FormParse<{ orderId: string; amountCents: number; reason: RefundReasonCode; note?: string; requestKey: string }> {
  const parsed = refundFormSchema.safeParse(values);
  const fieldErrors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const amount = parseAmountInput(values.amount ?? "", currency);
  if (!amount.ok) fieldErrors.amount ??= amount.error;
  if (!parsed.success || !amount.ok || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    data: {
      orderId: parsed.data.orderId,
      amountCents: amount.cents,
      reason: parsed.data.reason,
      ...(parsed.data.note ? { note: parsed.data.note } : {}),
      requestKey: parsed.data.requestKey,
    },
  };
}

/** lib's own cancel input, and the confirmation box the form adds. */
export const cancelFormSchema = cancelOrderSchema.extend({
  confirm: z.literal("yes", { error: "Tick the box to confirm the cancellation." }),
});

/** lib's own input, where the form's "every shipment" option posts an empty shipment id. */
export const deliverFormSchema = markDeliveredSchema.extend({
  shipmentId: recordIdSchema.optional().or(z.literal("").transform(() => undefined)),
});
