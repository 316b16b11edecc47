// The pure rules of returns: what returned units are credited, what an exchange costs, the window, and the
// shopper's form parsed into lib/orders' input (lib/orders/returns-rules.ts, lib/orders/returns-forms.ts).
import { describe, expect, it } from "vitest";
import {
  exchangeCostCents,
  returnCreditCents,
  returnDifferenceDueCents,
  windowClosesAt,
} from "@/lib/orders/returns-rules";
import { returnRefundDueCents } from "@/lib/orders/returns-complete";
import { approveReturnFormSchema, parseReturnRequestForm, shipExchangeFormSchema } from "@/lib/orders/returns-forms";

describe("credits and exchange costs", () => {
  it.each([
    // line total, line units, returned units, credit
    [2500, 1, 1, 2500],
    [5000, 2, 1, 2500],
    [1001, 3, 1, 333],
    [1001, 3, 2, 667],
    [1001, 3, 3, 1001],
    [0, 1, 1, 0],
  ])("a line of %i for %i units credits %i units as %i", (totalCents, quantity, units, credit) => {
    expect(returnCreditCents({ totalCents, quantity }, units)).toBe(credit);
  });

  it.each([
    // credit, paid unit price, new price, cost (above the credit: a dearer exchange, the rest is paid)
    [2500, 2500, 2500, 2500],
    [2706, 2500, 2500, 2706],
    [2706, 2500, 2000, 2164],
    [2500, 2500, 2501, 2501],
    [2706, 2500, 3000, 3247],
    [0, 0, 0, 0],
  ])("credit %i at unit price %i exchanged for %i costs %s", (credit, paid, price, cost) => {
    expect(exchangeCostCents(credit, paid, price)).toBe(cost);
  });

  it.each([
    // lines [credit, exchange cost], refund due, difference due
    [[[2500, 2500]], 0, 0],
    [[[2706, 2164]], 542, 0],
    [[[2706, 3247]], 0, 541],
    // a cheaper and a dearer exchange in one return: only the net moves money, one way
    [
      [
        [2706, 2164],
        [2706, 3247],
      ],
      1,
      0,
    ],
    [
      [
        [2500, 2000],
        [2500, 3200],
      ],
      0,
      200,
    ],
  ] as [[number, number][], number, number][])("lines %j: refund %i, difference %i", (lines, refund, difference) => {
    const rows = lines.map(([creditCents, exchangeCents]) => ({ creditCents, exchangeCents }));
    expect(returnRefundDueCents(rows)).toBe(refund);
    expect(returnDifferenceDueCents(rows)).toBe(difference);
  });

  it("the window closes returnWindowDays after the parcel's delivery or shipment", () => {
    expect(windowClosesAt(new Date("2026-12-01T10:00:00Z"), 30).toISOString()).toBe("2026-12-31T10:00:00.000Z");
  });
});

describe("the shopper's return form", () => {
  const form = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [name, value] of entries) data.append(name, value);
    return data;
  };
  const base: [string, string][] = [
    ["orderId", "ord1"],
    ["requestKey", "return:0123456789abcdef"],
    ["reason", "wrong_size"],
  ];

  it("reads ticked lines, quantities and exchanges, and the access key", () => {
    const parsed = parseReturnRequestForm(
      form([
        ...base,
        ["key", "k".repeat(43)],
        ["return", "line1"],
        ["qty:line1", "2"],
        ["exchange:line1", "var2"],
        ["return", "line2"],
        ["qty:line2", "1"],
        ["exchange:line2", ""],
      ]),
    );
    expect(parsed).toEqual({
      ok: true,
      data: {
        orderId: "ord1",
        key: "k".repeat(43),
        reason: "wrong_size",
        requestKey: "return:0123456789abcdef",
        lines: [
          { orderLineId: "line1", quantity: 2, exchangeVariantId: "var2" },
          { orderLineId: "line2", quantity: 1 },
        ],
      },
    });
  });

  it.each([
    ["nothing ticked", [...base], "lines"],
    ["a bad quantity", [...base, ["return", "line1"], ["qty:line1", "-1"]], "qty:line1"],
    [
      "no reason",
      [
        ["orderId", "ord1"],
        ["requestKey", "return:0123456789abcdef"],
        ["return", "line1"],
        ["qty:line1", "1"],
      ],
      "reason",
    ],
    ["a forged line id", [...base, ["return", "x".repeat(200)], ["qty:x", "1"]], "lines"],
  ] as [string, [string, string][], string][])("refuses %s with a message on its field", (_, entries, field) => {
    const parsed = parseReturnRequestForm(form(entries));
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? null : parsed.fieldErrors[field]).toEqual(expect.any(String));
  });

  it("parses the seller's approval and exchange shipment forms", () => {
    expect(approveReturnFormSchema.parse({ returnId: "ret1", message: "", refundInstead: "on" })).toEqual({
      returnId: "ret1",
      refundInsteadOfExchange: true,
    });
    expect(
      shipExchangeFormSchema.parse({
        returnId: "ret1",
        carrier: "UPS",
        trackingNumber: "1Z999",
        requestKey: "exchange:0123456789abcdef",
      }),
    ).toEqual({ returnId: "ret1", carrier: "UPS", trackingNumber: "1Z999", requestKey: "exchange:0123456789abcdef" });
    expect(
      shipExchangeFormSchema.safeParse({ returnId: "ret1", carrier: "Nope", trackingNumber: "1Z999", requestKey: "x" })
        .success,
    ).toBe(false);
  });
});
