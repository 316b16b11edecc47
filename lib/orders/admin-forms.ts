// The seller's order forms as submitted (all strings) to the inputs of lib/orders. Pure, so the field
// errors are unit-tested; the server actions (app/admin/orders/actions.ts) call these after authorizing,
// then hand the result to the lib function, which validates again and checks every id against the order.
import { z } from "zod";
import { fieldErrorsOf, formObject, formStrings } from "@/lib/actions/result";
import { CARRIERS } from "./carriers";
import { parseAmountInput } from "./amount-input";
import { REFUND_REASONS, recordIdSchema, requestKeySchema, type RefundReasonCode } from "./admin-common";
import type { FulfilOrderInput } from "./fulfilment";

export type FormParse<T> = { ok: true; data: T } | { ok: false; fieldErrors: Record<string, string> };

export const OTHER_CARRIER = "other";

/** Line quantity inputs are named `qty:<orderLineId>`, their checkboxes `ship` with the line id as value. */
export function quantityField(orderLineId: string): string {
  return `qty:${orderLineId}`;
}

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
    const raw = (values[quantityField(orderLineId)] ?? "").trim();
    if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) {
      fieldErrors[quantityField(orderLineId)] = "Enter a whole number of units, at least 1.";
      continue;
    }
    lines.push({ orderLineId, quantity: Number(raw) });
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
export function parseRefundForm(values: Record<string, string>, currency: string) {
  const parsed = refundFormSchema.safeParse(values);
  const fieldErrors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const amount = parseAmountInput(values.amount ?? "", currency);
  if (!amount.ok) fieldErrors.amount ??= amount.error;
  if (!parsed.success || !amount.ok || Object.keys(fieldErrors).length > 0) return { ok: false as const, fieldErrors };
  return {
    ok: true as const,
    data: {
      orderId: parsed.data.orderId,
      amountCents: amount.cents,
      reason: parsed.data.reason,
      ...(parsed.data.note ? { note: parsed.data.note } : {}),
      requestKey: parsed.data.requestKey,
    },
  };
}

export const cancelFormSchema = z.object({
  orderId: recordIdSchema,
  reason: z
    .string({ error: "Say why the order is cancelled." })
    .trim()
    .min(3, "Say why the order is cancelled (at least 3 characters).")
    .max(500, "A reason is at most 500 characters."),
  confirm: z.literal("yes", { error: "Tick the box to confirm the cancellation." }),
  requestKey: requestKeySchema,
});

export const deliverFormSchema = z.object({
  orderId: recordIdSchema,
  shipmentId: recordIdSchema.optional().or(z.literal("").transform(() => undefined)),
});

export const fraudReviewFormSchema = z.object({
  orderId: recordIdSchema,
  note: z
    .string({ error: "Say what the review found." })
    .trim()
    .min(3, "Say what the review found (at least 3 characters).")
    .max(500, "A note is at most 500 characters."),
});
