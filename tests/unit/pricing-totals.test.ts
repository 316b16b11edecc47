import { describe, expect, it } from "vitest";
import { computeTotals, type PricingCoupon, type PricingLine } from "@/lib/pricing/totals";

const line = (id: string, unitPriceCents: number, quantity = 1, categoryIds: string[] = ["cat"]): PricingLine => ({
  variantId: `v-${id}`,
  productId: `p-${id}`,
  categoryIds,
  unitPriceCents,
  quantity,
});
const percent = (bps: number, scope: Partial<PricingCoupon> = {}): PricingCoupon => ({
  type: "PERCENTAGE",
  value: bps,
  scope: "ORDER",
  categoryIds: [],
  productIds: [],
  ...scope,
});
const fixed = (cents: number, scope: Partial<PricingCoupon> = {}): PricingCoupon => ({
  ...percent(0, scope),
  type: "FIXED_AMOUNT",
  value: cents,
});
const noShipping = { priceCents: 0, freeOverCents: null };

function expectLinesSumToOrder(totals: ReturnType<typeof computeTotals>) {
  const sum = (key: "subtotalCents" | "discountCents" | "shippingCents" | "taxCents" | "totalCents") =>
    totals.lines.reduce((acc, l) => acc + l[key], 0);
  expect(sum("subtotalCents")).toBe(totals.subtotalCents);
  expect(sum("discountCents")).toBe(totals.discountCents);
  expect(sum("shippingCents")).toBe(totals.shippingCents);
  expect(sum("taxCents")).toBe(totals.taxCents);
  expect(sum("totalCents")).toBe(totals.totalCents);
  expect(totals.totalCents).toBe(totals.subtotalCents - totals.discountCents + totals.shippingCents + totals.taxCents);
  for (const l of totals.lines) {
    expect(Number.isInteger(l.totalCents)).toBe(true);
    expect(l.discountCents).toBeLessThanOrEqual(l.subtotalCents);
    expect(l.goodsTotalCents).toBe(l.subtotalCents - l.discountCents + l.taxCents);
  }
}

describe("computeTotals", () => {
  it.each([
    {
      name: "no coupon, shipping and 8.25 % tax",
      lines: [line("a", 1999, 2), line("b", 500)],
      coupon: null,
      shipping: { priceCents: 599, freeOverCents: null },
      taxRateBps: 825,
      expected: { subtotalCents: 4498, discountCents: 0, shippingCents: 599, taxCents: 371, totalCents: 5468 },
    },
    {
      name: "1-cent lines at 33.33 %: the order-level discount rounds once, lines share it",
      lines: [line("a", 1), line("b", 1), line("c", 1)],
      coupon: percent(3333),
      shipping: noShipping,
      taxRateBps: 0,
      expected: { subtotalCents: 3, discountCents: 1, shippingCents: 0, taxCents: 0, totalCents: 2 },
    },
    {
      name: "a single 1-cent line at 50 % rounds half up to a free item",
      lines: [line("a", 1)],
      coupon: percent(5000),
      shipping: noShipping,
      taxRateBps: 0,
      expected: { subtotalCents: 1, discountCents: 1, shippingCents: 0, taxCents: 0, totalCents: 0 },
    },
    {
      name: "fixed amount larger than the order is capped at the subtotal",
      lines: [line("a", 1500)],
      coupon: fixed(5000),
      shipping: { priceCents: 500, freeOverCents: null },
      taxRateBps: 2000,
      expected: { subtotalCents: 1500, discountCents: 1500, shippingCents: 500, taxCents: 0, totalCents: 500 },
    },
    {
      name: "free shipping is judged on the discounted subtotal (just below)",
      lines: [line("a", 5000)],
      coupon: fixed(1),
      shipping: { priceCents: 499, freeOverCents: 5000 },
      taxRateBps: 0,
      expected: { subtotalCents: 5000, discountCents: 1, shippingCents: 499, taxCents: 0, totalCents: 5498 },
    },
    {
      name: "free shipping at exactly the threshold",
      lines: [line("a", 2500, 2)],
      coupon: null,
      shipping: { priceCents: 499, freeOverCents: 5000 },
      taxRateBps: 1900,
      expected: { subtotalCents: 5000, discountCents: 0, shippingCents: 0, taxCents: 950, totalCents: 5950 },
    },
    {
      name: "JPY (no minor digits): whole yen throughout",
      lines: [line("a", 1980, 3), line("b", 333)],
      coupon: percent(1000),
      shipping: { priceCents: 700, freeOverCents: null },
      taxRateBps: 1000,
      currency: "JPY",
      // 6273 -> discount 627.3 -> 627; 5646 -> tax 564.6 -> 565
      expected: { subtotalCents: 6273, discountCents: 627, shippingCents: 700, taxCents: 565, totalCents: 6911 },
    },
    {
      name: "100 % off: tax 0, shipping still owed",
      lines: [line("a", 1234, 3)],
      coupon: percent(10_000),
      shipping: { priceCents: 300, freeOverCents: null },
      taxRateBps: 700,
      expected: { subtotalCents: 3702, discountCents: 3702, shippingCents: 300, taxCents: 0, totalCents: 300 },
    },
  ])("$name", ({ lines, coupon, shipping, taxRateBps, expected, currency }) => {
    const totals = computeTotals({ currency: currency ?? "USD", lines, coupon, shipping, taxRateBps });
    expect(totals).toMatchObject(expected);
    expectLinesSumToOrder(totals);
  });

  it("allocates the 3333 bps discount and tax over many 1-cent-heavy lines exactly", () => {
    const lines = Array.from({ length: 41 }, (_, i) => line(String(i), (i % 5) + 1, (i % 3) + 1));
    const totals = computeTotals({
      currency: "USD",
      lines,
      coupon: percent(3333),
      shipping: { priceCents: 1001, freeOverCents: null },
      taxRateBps: 3333,
    });
    expectLinesSumToOrder(totals);
    expect(totals.discountCents).toBe(Math.round((totals.subtotalCents * 3333) / 10_000));
  });

  it("scopes a discount to categories and products, leaving other lines untouched", () => {
    const lines = [line("shirt", 2000, 1, ["clothing", "tops"]), line("mug", 1000, 1, ["kitchen"])];
    const byCategory = computeTotals({
      currency: "USD",
      lines,
      coupon: percent(2500, { scope: "CATEGORIES", categoryIds: ["clothing"] }),
      shipping: noShipping,
      taxRateBps: 1000,
    });
    expect(byCategory.eligibleSubtotalCents).toBe(2000);
    expect(byCategory.discountCents).toBe(500);
    expect(byCategory.lines.map((l) => l.discountCents)).toEqual([500, 0]);
    expect(byCategory.taxCents).toBe(250);
    expectLinesSumToOrder(byCategory);

    const byProduct = computeTotals({
      currency: "USD",
      lines,
      coupon: fixed(5000, { scope: "PRODUCTS", productIds: ["p-mug"] }),
      shipping: noShipping,
      taxRateBps: 0,
    });
    expect(byProduct.discountCents).toBe(1000); // capped at the mug, not the order
    expect(byProduct.lines.map((l) => l.discountCents)).toEqual([0, 1000]);
  });

  it("gives no discount when the coupon covers nothing in the cart", () => {
    const totals = computeTotals({
      currency: "USD",
      lines: [line("a", 1000)],
      coupon: percent(5000, { scope: "PRODUCTS", productIds: ["other"] }),
      shipping: noShipping,
      taxRateBps: 0,
    });
    expect(totals.discountCents).toBe(0);
    expect(totals.totalCents).toBe(1000);
  });

  it.each([
    ["a zero quantity", [line("a", 100, 0)]],
    ["a fractional quantity", [line("a", 100, 1.5)]],
    ["a negative price", [line("a", -1)]],
    ["a fractional price", [line("a", 10.5)]],
  ])("refuses %s", (_name, lines) => {
    expect(() => computeTotals({ currency: "USD", lines, shipping: noShipping, taxRateBps: 0 })).toThrow(RangeError);
  });
});
