import { describe, expect, it } from "vitest";
import { UserError } from "@/lib/errors";
import { checkCoupon, normalizeCouponCode, type CouponRules } from "@/lib/pricing/coupons";
import type { PricingLine } from "@/lib/pricing/totals";

const now = new Date("2026-06-15T12:00:00Z");
const lines: PricingLine[] = [
  { variantId: "v1", productId: "shirt", categoryIds: ["clothing", "tops"], unitPriceCents: 2000, quantity: 2 },
  { variantId: "v2", productId: "mug", categoryIds: ["kitchen"], unitPriceCents: 1000, quantity: 1 },
];
const base: CouponRules = {
  code: "SAVE10",
  type: "PERCENTAGE",
  value: 1000,
  scope: "ORDER",
  categoryIds: [],
  productIds: [],
  active: true,
  startsAt: new Date("2026-01-01T00:00:00Z"),
  endsAt: new Date("2027-01-01T00:00:00Z"),
  currency: "USD",
  minSubtotalCents: 0,
  usageLimit: 3,
  perCustomerLimit: 1,
};
const unused = { total: 0, byCustomer: 0 };

describe("checkCoupon", () => {
  it("accepts a valid coupon", () => {
    expect(checkCoupon(base, { now, currency: "USD", lines, usage: unused })).toBeNull();
  });

  it.each([
    ["inactive", { active: false }, unused, "coupon_inactive", "The code SAVE10 is no longer active."],
    [
      "not started",
      { startsAt: new Date("2026-06-15T12:00:01Z") },
      unused,
      "coupon_not_started",
      "The code SAVE10 is not valid yet.",
    ],
    ["expired at its end instant", { endsAt: now }, unused, "coupon_expired", "The code SAVE10 has expired."],
    ["exhausted", {}, { total: 3, byCustomer: 0 }, "coupon_exhausted", "The code SAVE10 has reached its usage limit."],
    [
      "per-customer limit",
      {},
      { total: 1, byCustomer: 1 },
      "coupon_customer_limit_reached",
      "You have already used the code SAVE10 the maximum number of times.",
    ],
    [
      "not applicable (category)",
      { scope: "CATEGORIES" as const, categoryIds: ["garden"] },
      unused,
      "coupon_not_applicable",
      "The code SAVE10 does not apply to the items in your cart.",
    ],
    [
      "not applicable (product)",
      { scope: "PRODUCTS" as const, productIds: ["lamp"] },
      unused,
      "coupon_not_applicable",
      "The code SAVE10 does not apply to the items in your cart.",
    ],
    [
      "fixed amount in another currency",
      { type: "FIXED_AMOUNT" as const, value: 500, currency: "EUR" },
      unused,
      "coupon_not_applicable",
      "The code SAVE10 does not apply to the items in your cart.",
    ],
    [
      "minimum not met",
      { minSubtotalCents: 5001 },
      unused,
      "coupon_minimum_not_met",
      "The code SAVE10 needs an order of at least $50.01 before discounts.",
    ],
  ])("%s", (_name, override, usage, code, message) => {
    const error = checkCoupon({ ...base, ...override }, { now, currency: "USD", lines, usage });
    expect(error).toBeInstanceOf(UserError);
    expect(error?.code).toBe(code);
    expect(error?.message).toBe(message);
  });

  it("shows the minimum in the store's currency display", () => {
    const coupon = { ...base, minSubtotalCents: 5001 };
    const shown = (display?: "symbol" | "code") =>
      checkCoupon(coupon, { now, currency: "USD", display, lines, usage: unused })?.message;
    expect(shown("code")).toBe("The code SAVE10 needs an order of at least USD\u00a050.01 before discounts.");
    expect(shown("symbol")).toBe("The code SAVE10 needs an order of at least $50.01 before discounts.");
    expect(shown()).toBe("The code SAVE10 needs an order of at least $50.01 before discounts.");
  });

  it("judges the minimum on the pre-discount subtotal of the whole order (inclusive)", () => {
    expect(checkCoupon({ ...base, minSubtotalCents: 5000 }, { now, currency: "USD", lines, usage: unused })).toBeNull();
  });

  it("applies a category coupon through an ancestor category", () => {
    const coupon = { ...base, scope: "CATEGORIES" as const, categoryIds: ["clothing"] };
    expect(checkCoupon(coupon, { now, currency: "USD", lines, usage: unused })).toBeNull();
  });

  it("has no limits when usageLimit and perCustomerLimit are null", () => {
    const coupon = { ...base, usageLimit: null, perCustomerLimit: null, startsAt: null, endsAt: null };
    expect(checkCoupon(coupon, { now, currency: "USD", lines, usage: { total: 10_000, byCustomer: 50 } })).toBeNull();
  });

  it("formats the minimum in the coupon's currency (JPY has no minor digits)", () => {
    const coupon = { ...base, currency: "JPY", minSubtotalCents: 10_000 };
    const error = checkCoupon(coupon, { now, currency: "JPY", lines, usage: unused });
    expect(error?.message).toBe("The code SAVE10 needs an order of at least ¥10,000 before discounts.");
  });

  it("normalizes typed codes", () => {
    expect(normalizeCouponCode("  save10 ")).toBe("SAVE10");
  });
});
