// The return forms as submitted (all strings) to the inputs of ./returns-*.ts. Pure; the server actions
// (app/(store)/orders/[id]/actions.ts, app/admin/returns/actions.ts) parse with these after authorizing,
// and the lib functions validate again and check every id against the order.
import { z } from "zod";
import { fieldErrorsOf, formObject, formStrings, type FormParse } from "@/lib/actions/form";
import { recordIdSchema, requestKeySchema } from "./admin-common";
import { CARRIERS, trackingNumberSchema } from "./carriers";
import { parseLineQuantity } from "./line-fields";
import type { ShipReturnExchangeInput } from "./returns-complete";
import { RETURN_REASONS, type RequestReturnInput, type ReturnReasonCode } from "./returns-rules";

/** Each line's fields: a `return` checkbox, its quantity (./line-fields.ts) and `exchange:<id>`. */
export const returnExchangeField = (orderLineId: string) => `exchange:${orderLineId}`;

const requestFormSchema = z.object({
  orderId: recordIdSchema,
  /** The order link's key, for a guest (checked with the order page's own rule, lib/orders/access.ts). */
  key: z.string().trim().max(100).optional(),
  reason: z.enum(Object.keys(RETURN_REASONS) as [ReturnReasonCode, ...ReturnReasonCode[]], {
    error: "Choose a reason.",
  }),
  note: z.string().trim().max(500, "A note is at most 500 characters.").optional(),
  requestKey: requestKeySchema,
});

export type ReturnRequestForm = RequestReturnInput & { key: string | null };

export function parseReturnRequestForm(formData: FormData): FormParse<ReturnRequestForm> {
  const values = formObject(formData);
  const parsed = requestFormSchema.safeParse(values);
  const fieldErrors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const selected = [...new Set(formStrings(formData, "return"))].slice(0, 101);
  const lines: RequestReturnInput["lines"] = [];
  for (const orderLineId of selected) {
    if (!recordIdSchema.safeParse(orderLineId).success) {
      fieldErrors.lines = "This form names an invalid item. Reload the page.";
      continue;
    }
    const quantity = parseLineQuantity(values, orderLineId, fieldErrors);
    if (quantity === null) continue;
    const exchange = (values[returnExchangeField(orderLineId)] ?? "").trim();
    if (exchange && !recordIdSchema.safeParse(exchange).success) {
      fieldErrors[returnExchangeField(orderLineId)] = "Choose an option from the list.";
      continue;
    }
    lines.push({ orderLineId, quantity, ...(exchange ? { exchangeVariantId: exchange } : {}) });
  }
  if (selected.length === 0) fieldErrors.lines = "Select at least one item to return.";
  if (!parsed.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    data: {
      orderId: parsed.data.orderId,
      key: parsed.data.key || null,
      lines,
      reason: parsed.data.reason,
      ...(parsed.data.note ? { note: parsed.data.note } : {}),
      requestKey: parsed.data.requestKey,
    },
  };
}

/** The seller's approval: a message (optional) and "refund instead of exchanging" as a checkbox. */
export const approveReturnFormSchema = z
  .object({
    returnId: recordIdSchema,
    message: z.string().trim().max(1000, "A message is at most 1,000 characters.").optional(),
    refundInstead: z.literal("on").optional(),
  })
  .transform(({ returnId, message, refundInstead }) => ({
    returnId,
    ...(message ? { message } : {}),
    refundInsteadOfExchange: refundInstead === "on",
  }));

export const rejectReturnFormSchema = z.object({
  returnId: recordIdSchema,
  message: z
    .string({ error: "Tell the shopper why the return is rejected." })
    .trim()
    .min(1, "Tell the shopper why the return is rejected.")
    .max(1000, "A message is at most 1,000 characters."),
});

export const receiveReturnFormSchema = z.object({
  returnId: recordIdSchema,
  returnLineId: recordIdSchema,
  locationId: recordIdSchema,
  condition: z.enum(["RESELLABLE", "DAMAGED"], { error: "Choose whether the item can be sold again." }),
});

export const refundReturnFormSchema = z.object({ returnId: recordIdSchema });

export const shipExchangeFormSchema = z
  .object({
    returnId: recordIdSchema,
    carrier: z.enum(CARRIERS.map((carrier) => carrier.code) as [string, ...string[]], {
      error: "Choose a carrier.",
    }),
    trackingNumber: trackingNumberSchema,
    requestKey: requestKeySchema,
  })
  .transform((form): ShipReturnExchangeInput => ({
    returnId: form.returnId,
    carrier: CARRIERS.find((carrier) => carrier.code === form.carrier)?.name ?? form.carrier,
    trackingNumber: form.trackingNumber,
    requestKey: form.requestKey,
  }));
