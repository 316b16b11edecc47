import { describe, expect, it } from "vitest";
import { stackingLine, type PricingPromotion } from "@/lib/pricing/promotions";
import { computeTotals, type PricingCoupon, type PricingLine, type ShippingCharge } from "@/lib/pricing/totals";

const line = (
  id: string,
  unitPriceCents: number,
  quantity = 1,
  extra: { categoryIds?: string[]; brandId?: string | null } = {},
): PricingLine => ({
  variantId: `v-${id}`,
  productId: `p-${id}`,
  categoryIds: extra.categoryIds ?? ["cat"],
  brandId: extra.brandId ?? null,
  unitPriceCents,
  quantity,
});

let created = 0;
const promo = (name: string, fields: Partial<PricingPromotion>): PricingPromotion => ({
  id: `promo-${name}`,
  name,
  kind: "PERCENT_OFF",
  scope: "ALL",
  targetIds: [],
  valueBps: null,
  amountCents: null,
  buyQuantity: null,
  getQuantity: null,
  tiers: [],
  minSubtotalCents: null,
  shippingZone: null,
  priority: 0,
  combinesWithCoupons: false,
  combinesWithPromotions: false,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, created++)),
  ...fields,
});
const percentOff = (name: string, bps: number, fields: Partial<PricingPromotion> = {}) =>
  promo(name, { kind: "PERCENT_OFF", valueBps: bps, ...fields });
const coupon = (bps: number): PricingCoupon => ({
  code: "SAVE10",
  type: "PERCENTAGE",
  value: bps,
  scope: "ORDER",
  categoryIds: [],
  productIds: [],
});
const noShipping: ShippingCharge = { priceCents: 0, freeOverCents: null };
const standard: ShippingCharge = { priceCents: 599, freeOverCents: null };

interface Case {
  name: string;
  lines: PricingLine[];
  promotions: PricingPromotion[];
  coupon?: PricingCoupon | null;
  shipping?: ShippingCharge;
  shippingZone?: string;
  taxRateBps?: number;
  /** Each discount line, "name: amount" (SHIPPING ones as "name: shipping amount"). */
  discounts: string[];
  discountCents: number;
  shippingCents?: number;
  totalCents: number;
  /** Per-line discounts, when the spread matters. */
  lineDiscounts?: number[];
}

const cases: Case[] = [
  {
    name: "percentage off everything",
    lines: [line("a", 1999, 2), line("b", 500)],
    promotions: [percentOff("Winter sale", 2000)],
    discounts: ["Winter sale: 900"],
    discountCents: 900,
    totalCents: 3598,
    lineDiscounts: [800, 100],
  },
  {
    name: "percentage off a category (an ancestor id on the line)",
    lines: [line("a", 1000, 1, { categoryIds: ["tees", "clothing"] }), line("b", 1000, 1, { categoryIds: ["mugs"] })],
    promotions: [percentOff("Clothing 10 %", 1000, { scope: "CATEGORIES", targetIds: ["clothing"] })],
    discounts: ["Clothing 10 %: 100"],
    discountCents: 100,
    totalCents: 1900,
    lineDiscounts: [100, 0],
  },
  {
    name: "percentage off a brand",
    lines: [line("a", 3000, 1, { brandId: "acme" }), line("b", 3000, 1, { brandId: "other" })],
    promotions: [percentOff("Acme week", 5000, { scope: "BRANDS", targetIds: ["acme"] })],
    discounts: ["Acme week: 1500"],
    discountCents: 1500,
    totalCents: 4500,
    lineDiscounts: [1500, 0],
  },
  {
    name: "amount off products, never more than those products",
    lines: [line("a", 700), line("b", 5000)],
    promotions: [
      promo("Tote 10 off", { kind: "AMOUNT_OFF", amountCents: 1000, scope: "PRODUCTS", targetIds: ["p-a"] }),
    ],
    discounts: ["Tote 10 off: 700"],
    discountCents: 700,
    totalCents: 5000,
    lineDiscounts: [700, 0],
  },
  {
    name: "buy 2 get 1 free with mixed prices: the cheapest unit is free",
    lines: [line("a", 3000), line("b", 2000), line("c", 1000)],
    promotions: [promo("3 for 2", { kind: "BUY_X_GET_Y", buyQuantity: 2, getQuantity: 1, valueBps: 10_000 })],
    discounts: ["3 for 2: 1000"],
    discountCents: 1000,
    totalCents: 5000,
    lineDiscounts: [0, 0, 1000],
  },
  {
    name: "buy 2 get 1 free, 5 units: one group, one free unit",
    lines: [line("a", 2500, 3), line("b", 1200, 2)],
    promotions: [promo("3 for 2", { kind: "BUY_X_GET_Y", buyQuantity: 2, getQuantity: 1, valueBps: 10_000 })],
    discounts: ["3 for 2: 1200"],
    discountCents: 1200,
    totalCents: 8700,
    lineDiscounts: [0, 1200],
  },
  {
    name: "buy 2 get 1 free, 6 units: the two cheapest across lines",
    lines: [line("a", 2500, 3), line("b", 1200, 1), line("c", 900, 2)],
    promotions: [promo("3 for 2", { kind: "BUY_X_GET_Y", buyQuantity: 2, getQuantity: 1, valueBps: 10_000 })],
    discounts: ["3 for 2: 1800"],
    discountCents: 1800,
    totalCents: 8700,
    lineDiscounts: [0, 0, 1800],
  },
  {
    name: "buy 1 get 1 at 50 % off: half of the cheaper, rounded once",
    lines: [line("a", 1999), line("b", 999)],
    promotions: [promo("Second half price", { kind: "BUY_X_GET_Y", buyQuantity: 1, getQuantity: 1, valueBps: 5000 })],
    discounts: ["Second half price: 500"],
    discountCents: 500,
    totalCents: 2498,
    lineDiscounts: [0, 500],
  },
  {
    name: "buy 2 get 1 only on a category: other items neither count nor go free",
    lines: [line("a", 4000, 2, { categoryIds: ["socks"] }), line("b", 100, 1, { categoryIds: ["mugs"] })],
    promotions: [
      promo("Socks 3 for 2", {
        kind: "BUY_X_GET_Y",
        buyQuantity: 2,
        getQuantity: 1,
        valueBps: 10_000,
        scope: "CATEGORIES",
        targetIds: ["socks"],
      }),
    ],
    discounts: [],
    discountCents: 0,
    totalCents: 8100,
  },
  ...[
    { subtotal: 9999, off: 0 },
    { subtotal: 10_000, off: 1000 },
    { subtotal: 19_999, off: 1000 },
    { subtotal: 25_000, off: 2500 },
  ].map(({ subtotal, off }): Case => ({
    name: `tiered spend: ${subtotal} saves ${off}`,
    lines: [line("a", subtotal)],
    promotions: [
      promo("Spend more", {
        kind: "TIERED_SPEND",
        tiers: [
          { minCents: 20_000, offCents: 2500 },
          { minCents: 10_000, offCents: 1000 },
        ],
      }),
    ],
    discounts: off > 0 ? [`Spend more: ${off}`] : [],
    discountCents: off,
    totalCents: subtotal - off,
  })),
  {
    name: "free shipping over a threshold, reached",
    lines: [line("a", 6000)],
    promotions: [promo("Free shipping over 50", { kind: "FREE_SHIPPING", minSubtotalCents: 5000 })],
    shipping: standard,
    discounts: ["Free shipping over 50: shipping 599"],
    discountCents: 0,
    shippingCents: 0,
    totalCents: 6000,
  },
  {
    name: "free shipping over a threshold, missed after another promotion took the items below it",
    lines: [line("a", 6000)],
    promotions: [
      percentOff("Half price", 5000, { combinesWithPromotions: true, priority: 5 }),
      promo("Free shipping over 50", { kind: "FREE_SHIPPING", minSubtotalCents: 5000, combinesWithPromotions: true }),
    ],
    shipping: standard,
    discounts: ["Half price: 3000"],
    discountCents: 3000,
    shippingCents: 599,
    totalCents: 3599,
  },
  {
    name: "free shipping for a zone: the order ships to it",
    lines: [line("a", 1000)],
    promotions: [promo("Free EU shipping", { kind: "FREE_SHIPPING", shippingZone: "europe" })],
    shipping: standard,
    shippingZone: "Europe",
    discounts: ["Free EU shipping: shipping 599"],
    discountCents: 0,
    shippingCents: 0,
    totalCents: 1000,
  },
  {
    name: "free shipping for a zone: the order ships elsewhere",
    lines: [line("a", 1000)],
    promotions: [promo("Free EU shipping", { kind: "FREE_SHIPPING", shippingZone: "europe" })],
    shipping: standard,
    shippingZone: "domestic",
    discounts: [],
    discountCents: 0,
    shippingCents: 599,
    totalCents: 1599,
  },
  {
    name: "free-shipping promotion not used when the rate is already free over its own amount",
    lines: [line("a", 9000)],
    promotions: [promo("Free shipping", { kind: "FREE_SHIPPING" })],
    shipping: { priceCents: 599, freeOverCents: 7500 },
    discounts: [],
    discountCents: 0,
    shippingCents: 0,
    totalCents: 9000,
  },
  {
    name: "with a coupon, combinable: the coupon takes its rate of what the promotion left",
    lines: [line("a", 10_000)],
    promotions: [percentOff("Sale", 2000, { combinesWithCoupons: true })],
    coupon: coupon(1000),
    discounts: ["Sale: 2000", "Coupon SAVE10: 800"],
    discountCents: 2800,
    totalCents: 7200,
  },
  {
    name: "with a coupon, not combinable: the code wins, the promotion is left out",
    lines: [line("a", 10_000)],
    promotions: [percentOff("Sale", 2000)],
    coupon: coupon(1000),
    discounts: ["Coupon SAVE10: 1000"],
    discountCents: 1000,
    totalCents: 9000,
  },
  {
    name: "with a coupon: free shipping that does not combine with coupons is left out",
    lines: [line("a", 10_000)],
    promotions: [promo("Free shipping", { kind: "FREE_SHIPPING" })],
    coupon: coupon(1000),
    shipping: standard,
    discounts: ["Coupon SAVE10: 1000"],
    discountCents: 1000,
    shippingCents: 599,
    totalCents: 9599,
  },
  {
    name: "two promotions that do not combine: the higher priority wins",
    lines: [line("a", 10_000)],
    promotions: [percentOff("Ten", 1000, { priority: 1 }), percentOff("Thirty", 3000, { priority: 9 })],
    discounts: ["Thirty: 3000"],
    discountCents: 3000,
    totalCents: 7000,
  },
  {
    name: "two promotions that combine: by priority, the second on what the first left",
    lines: [line("a", 10_000)],
    promotions: [
      promo("Five off", { kind: "AMOUNT_OFF", amountCents: 500, combinesWithPromotions: true, priority: 1 }),
      percentOff("Ten", 1000, { combinesWithPromotions: true, priority: 2 }),
    ],
    discounts: ["Ten: 1000", "Five off: 500"],
    discountCents: 1500,
    totalCents: 8500,
  },
  {
    name: "a combinable promotion does not join one that does not combine",
    lines: [line("a", 10_000)],
    promotions: [
      percentOff("Exclusive", 1000, { priority: 9 }),
      percentOff("Friendly", 1000, { combinesWithPromotions: true, priority: 1 }),
    ],
    discounts: ["Exclusive: 1000"],
    discountCents: 1000,
    totalCents: 9000,
  },
  {
    name: "a higher priority promotion that covers nothing in the cart blocks nothing",
    lines: [line("a", 10_000, 1, { categoryIds: ["mugs"] })],
    promotions: [
      percentOff("Socks", 5000, { priority: 9, scope: "CATEGORIES", targetIds: ["socks"] }),
      percentOff("Everything", 1000, { priority: 1 }),
    ],
    discounts: ["Everything: 1000"],
    discountCents: 1000,
    totalCents: 9000,
  },
  {
    name: "equal priority: the older promotion first",
    lines: [line("a", 10_000)],
    promotions: [percentOff("Older", 1000), percentOff("Newer", 2000)],
    discounts: ["Older: 1000"],
    discountCents: 1000,
    totalCents: 9000,
  },
  {
    name: "rounding: 1-cent lines at 33.33 % round once at order level and spread by largest remainder",
    lines: [line("a", 1), line("b", 1), line("c", 1)],
    promotions: [percentOff("Third off", 3333)],
    discounts: ["Third off: 1"],
    discountCents: 1,
    totalCents: 2,
    lineDiscounts: [1, 0, 0],
  },
  {
    name: "rounding with tax and shipping: lines still sum to the order",
    lines: [line("a", 1999, 3), line("b", 333, 7), line("c", 1)],
    promotions: [
      percentOff("Sale", 1234, { combinesWithPromotions: true }),
      promo("3 for 2", {
        kind: "BUY_X_GET_Y",
        buyQuantity: 2,
        getQuantity: 1,
        valueBps: 10_000,
        combinesWithPromotions: true,
        priority: -1,
      }),
    ],
    shipping: standard,
    taxRateBps: 825,
    // 12.34 % of 8329 = 1027.8 -> 1028, spread 740 / 288 / 0; then the 3 cheapest of 11 units (1 + 333 + 333)
    // free; tax 8.25 % of 6634 = 547.3 -> 547.
    discounts: ["Sale: 1028", "3 for 2: 667"],
    discountCents: 1695,
    shippingCents: 599,
    totalCents: 7780,
    lineDiscounts: [740, 288 + 666, 1],
  },
];

describe("computeTotals with automatic promotions", () => {
  it.each(cases)("$name", (entry) => {
    const totals = computeTotals({
      currency: "USD",
      lines: entry.lines,
      coupon: entry.coupon ?? null,
      shipping: entry.shipping ?? noShipping,
      taxRateBps: entry.taxRateBps ?? 0,
      promotions: entry.promotions,
      shippingZone: entry.shippingZone ?? null,
    });
    expect(
      totals.discounts.map((discount) =>
        discount.target === "SHIPPING"
          ? `${discount.name}: shipping ${discount.amountCents}`
          : `${discount.name}: ${discount.amountCents}`,
      ),
    ).toEqual(entry.discounts);
    expect(totals.discountCents).toBe(entry.discountCents);
    expect(totals.shippingCents).toBe(entry.shippingCents ?? 0);
    expect(totals.totalCents).toBe(entry.totalCents);
    if (entry.lineDiscounts) expect(totals.lines.map((l) => l.discountCents)).toEqual(entry.lineDiscounts);
    // The store's rounding rule: the lines always add up to the order, no line discounted below zero.
    const sum = (key: "discountCents" | "taxCents" | "shippingCents" | "totalCents") =>
      totals.lines.reduce((acc, l) => acc + l[key], 0);
    expect(sum("discountCents")).toBe(totals.discountCents);
    expect(sum("taxCents")).toBe(totals.taxCents);
    expect(sum("shippingCents")).toBe(totals.shippingCents);
    expect(sum("totalCents")).toBe(totals.totalCents);
    const itemDiscounts = totals.discounts.filter((d) => d.target === "ITEMS").reduce((a, d) => a + d.amountCents, 0);
    expect(itemDiscounts).toBe(totals.discountCents);
    for (const l of totals.lines) expect(l.discountCents).toBeLessThanOrEqual(l.subtotalCents);
  });

  it("without promotions prices exactly as before (no discount lines)", () => {
    const totals = computeTotals({
      currency: "USD",
      lines: [line("a", 1000)],
      coupon: null,
      shipping: standard,
      taxRateBps: 0,
    });
    expect(totals.discounts).toEqual([]);
    expect(totals.totalCents).toBe(1599);
  });
});

describe("stackingLine", () => {
  it.each([
    [
      false,
      false,
      "Does not combine with other promotions (the first by priority wins); does not apply when the shopper uses a coupon code.",
    ],
    [true, true, "Combines with other promotions that combine too; combines with coupon codes."],
    [
      false,
      true,
      "Combines with other promotions that combine too; does not apply when the shopper uses a coupon code.",
    ],
  ])("coupons %s, promotions %s", (combinesWithCoupons, combinesWithPromotions, sentence) => {
    expect(stackingLine({ combinesWithCoupons, combinesWithPromotions })).toBe(sentence);
  });
});
