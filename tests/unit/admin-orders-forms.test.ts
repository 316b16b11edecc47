// The seller's order forms (strings) to lib inputs, the typed refund amount, and the small pure rules
// (tracking links, the status an order falls back to when a refund stops being full).
import { describe, expect, it } from "vitest";
import { parseAmountInput } from "@/lib/orders/amount-input";
import {
  cancelFormSchema,
  deliverFormSchema,
  parseFulfilForm,
  parseRefundForm,
  quantityField,
} from "@/lib/orders/admin-forms";
import { fulfilmentStatusOf } from "@/lib/payments/order-states";
import { defaultTrackingUrl, isSafeTrackingUrl } from "@/lib/orders/carriers";
import { stripeRefundReason } from "@/lib/payments/stripe";

const KEY = "fulfil:0b6f8c2e-1d3a-4f5b-9c7d-2e1f0a9b8c7d";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("parseAmountInput", () => {
  it("reads decimal amounts into minor units with integer arithmetic", () => {
    expect(parseAmountInput("12.34", "USD")).toEqual({ ok: true, cents: 1234 });
    expect(parseAmountInput(" 0.29 ", "USD")).toEqual({ ok: true, cents: 29 });
    expect(parseAmountInput("12.3", "USD")).toEqual({ ok: true, cents: 1230 });
    expect(parseAmountInput("12", "EUR")).toEqual({ ok: true, cents: 1200 });
    expect(parseAmountInput("1234", "JPY")).toEqual({ ok: true, cents: 1234 });
    expect(parseAmountInput("1.234", "KWD")).toEqual({ ok: true, cents: 1234 });
  });

  it("refuses anything else with a message", () => {
    expect(parseAmountInput("12.345", "USD")).toEqual({
      ok: false,
      error: "Enter an amount like 12.34 (at most 2 decimals).",
    });
    expect(parseAmountInput("12.5", "JPY")).toEqual({ ok: false, error: "Enter a whole amount, like 1234." });
    for (const bad of ["", "abc", "-5", "1e3", "1,000.00", "$12", "12."])
      expect(parseAmountInput(bad, "USD").ok).toBe(false);
    expect(parseAmountInput("0.00", "USD")).toEqual({ ok: false, error: "Enter an amount greater than zero." });
    expect(parseAmountInput("99999999999", "USD")).toEqual({ ok: false, error: "That amount is too large." });
  });
});

describe("parseFulfilForm", () => {
  it("collects the ticked lines with their quantities and resolves the carrier", () => {
    const parsed = parseFulfilForm(
      form([
        ["orderId", "ord1"],
        ["requestKey", KEY],
        ["carrier", "UPS"],
        ["trackingNumber", " 1Z999 "],
        ["trackingUrl", ""],
        ["ship", "lineA"],
        [quantityField("lineA"), "2"],
        [quantityField("lineB"), "5"], // not ticked: not shipped
      ]),
    );
    expect(parsed).toEqual({
      ok: true,
      data: {
        orderId: "ord1",
        carrier: "UPS",
        trackingNumber: "1Z999",
        lines: [{ orderLineId: "lineA", quantity: 2 }],
        requestKey: KEY,
      },
    });
  });

  it("uses the typed name for Other and reports every bad field", () => {
    const other = parseFulfilForm(
      form([
        ["orderId", "ord1"],
        ["requestKey", KEY],
        ["carrier", "other"],
        ["carrierOther", "Royal Mail"],
        ["trackingNumber", "RM1"],
        ["ship", "a"],
        ["qty:a", "1"],
      ]),
    );
    expect(other.ok && other.data.carrier).toBe("Royal Mail");

    const bad = parseFulfilForm(
      form([
        ["orderId", "ord1"],
        ["requestKey", KEY],
        ["carrier", "other"],
        ["trackingNumber", ""],
        ["ship", "a"],
        ["qty:a", "0"],
        ["ship", "b"],
        ["qty:b", "1.5"],
      ]),
    );
    expect(bad).toEqual({
      ok: false,
      fieldErrors: {
        trackingNumber: "Enter a tracking number.",
        "qty:a": "Enter a whole number of units, at least 1.",
        "qty:b": "Enter a whole number of units, at least 1.",
      },
    });
    expect(
      parseFulfilForm(
        form([
          ["orderId", "ord1"],
          ["requestKey", KEY],
          ["carrier", "Pigeon"],
          ["trackingNumber", "X1"],
        ]),
      ),
    ).toEqual({
      ok: false,
      fieldErrors: { carrier: "Choose a carrier from the list, or Other.", lines: "Select at least one item to ship." },
    });
    expect(
      parseFulfilForm(
        form([
          ["orderId", "ord1"],
          ["carrier", "other"],
          ["trackingNumber", "X1"],
          ["ship", "a"],
          ["qty:a", "1"],
        ]),
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: { requestKey: "This form has expired. Reload the page and try again." },
    });
  });
});

describe("other forms", () => {
  it("refund: the amount in the order's currency, a known reason, a request key", () => {
    expect(
      parseRefundForm(
        { orderId: "o1", amount: "12.34", reason: "requested_by_customer", note: "", requestKey: KEY },
        "USD",
      ),
    ).toEqual({
      ok: true,
      data: { orderId: "o1", amountCents: 1234, reason: "requested_by_customer", requestKey: KEY },
    });
    expect(
      parseRefundForm({ orderId: "o1", amount: "12.34", reason: "requested_by_customer", requestKey: KEY }, "JPY"),
    ).toMatchObject({
      ok: false,
      fieldErrors: { amount: "Enter a whole amount, like 1234." },
    });
    expect(parseRefundForm({ orderId: "o1", amount: "5", reason: "whim", requestKey: KEY }, "USD")).toMatchObject({
      ok: false,
      fieldErrors: { reason: "Choose a reason." },
    });
  });

  it("cancel needs a reason and the confirmation box; deliver takes an optional shipment", () => {
    const cancel = cancelFormSchema.safeParse({ orderId: "o1", reason: "Customer asked", requestKey: KEY });
    expect(cancel.success).toBe(false);
    expect(cancel.error?.issues[0]?.message).toBe("Tick the box to confirm the cancellation.");
    expect(
      cancelFormSchema.safeParse({ orderId: "o1", reason: "Customer asked", confirm: "yes", requestKey: KEY }).success,
    ).toBe(true);
    expect(deliverFormSchema.parse({ orderId: "o1", shipmentId: "" })).toEqual({
      orderId: "o1",
      shipmentId: undefined,
    });
    expect(deliverFormSchema.safeParse({ orderId: "o1", shipmentId: "x'; --" }).success).toBe(false);
  });
});

describe("small rules", () => {
  it("tracking links for known carriers, only http(s) links rendered", () => {
    expect(defaultTrackingUrl("ups", "1Z 9")).toBe("https://www.ups.com/track?tracknum=1Z%209");
    expect(defaultTrackingUrl("Royal Mail", "RM1")).toBeNull();
    expect(isSafeTrackingUrl("https://track.example/x")).toBe(true);
    expect(isSafeTrackingUrl("javascript:alert(1)")).toBe(false);
    expect(isSafeTrackingUrl(null)).toBe(false);
  });

  it("the status an order's shipments give it", () => {
    const shipments = (...statuses: ("SHIPPED" | "DELIVERED")[]) => statuses.map((status) => ({ status }));
    expect(fulfilmentStatusOf([{ quantity: 2, fulfilledQuantity: 0 }], [])).toBe("PAID");
    expect(fulfilmentStatusOf([{ quantity: 2, fulfilledQuantity: 1 }], shipments("DELIVERED"))).toBe(
      "PARTIALLY_FULFILLED",
    );
    expect(fulfilmentStatusOf([{ quantity: 2, fulfilledQuantity: 2 }], shipments("DELIVERED", "SHIPPED"))).toBe(
      "FULFILLED",
    );
    expect(fulfilmentStatusOf([{ quantity: 2, fulfilledQuantity: 2 }], shipments("DELIVERED", "DELIVERED"))).toBe(
      "DELIVERED",
    );
  });

  it("Stripe refund reasons: only Stripe's three values are sent", () => {
    expect(stripeRefundReason("requested_by_customer: late")).toBe("requested_by_customer");
    expect(stripeRefundReason("duplicate_payment")).toBe("duplicate");
    expect(stripeRefundReason("fraudulent")).toBe("fraudulent");
    expect(stripeRefundReason("order_cancelled: Customer request")).toBeUndefined();
    expect(stripeRefundReason("other: anything")).toBeUndefined();
  });
});
