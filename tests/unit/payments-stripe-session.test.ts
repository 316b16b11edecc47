// Pure parts of the Stripe Checkout Session: line items that sum exactly to the order total, the
// session expiry within Stripe's bounds, and the Luhn check of the test provider.
import { describe, expect, it } from "vitest";
import { checkoutIdempotencyKey, checkoutLineItems, checkoutSessionExpiry } from "@/lib/payments/stripe";
import { passesLuhn, TEST_CARDS } from "@/lib/checkout/test-card-payment";

const line = (unitPriceCents: number, quantity: number, discountCents = 0) => ({
  title: "Tee",
  variantTitle: "M",
  unitPriceCents,
  quantity,
  discountCents,
});

describe("checkoutLineItems", () => {
  it.each([
    { name: "plain lines, shipping and tax", lines: [line(1000, 2), line(999, 1)], shippingCents: 500, taxCents: 217 },
    { name: "a discount that divides by the quantity", lines: [line(1000, 2, 200)], shippingCents: 0, taxCents: 0 },
    {
      name: "a discount that does not divide by the quantity",
      lines: [line(999, 3, 100)],
      shippingCents: 500,
      taxCents: 1,
    },
    {
      name: "a line discounted to zero is left out",
      lines: [line(500, 1, 500), line(700, 1)],
      shippingCents: 500,
      taxCents: 0,
    },
  ])("sums exactly to the order total: $name", ({ lines, shippingCents, taxCents }) => {
    const totalCents =
      lines.reduce((sum, entry) => sum + entry.unitPriceCents * entry.quantity - entry.discountCents, 0) +
      shippingCents +
      taxCents;
    const items = checkoutLineItems({ lines, shippingCents, taxCents, totalCents, shippingMethodName: "Standard" });
    expect(items.reduce((sum, item) => sum + item.unitAmountCents * item.quantity, 0)).toBe(totalCents);
    for (const item of items) {
      expect(Number.isSafeInteger(item.unitAmountCents)).toBe(true);
      expect(item.unitAmountCents).toBeGreaterThan(0);
    }
  });

  it("keeps the quantity when it can and names the quantity when it cannot", () => {
    const items = checkoutLineItems({
      lines: [line(1000, 2, 200), line(999, 3, 100)],
      shippingCents: 500,
      taxCents: 0,
      totalCents: 1800 + 2897 + 500,
      shippingMethodName: "Express",
    });
    expect(items).toEqual([
      { name: "Tee – M", unitAmountCents: 900, quantity: 2 },
      { name: "Tee – M × 3", unitAmountCents: 2897, quantity: 1 },
      { name: "Shipping (Express)", unitAmountCents: 500, quantity: 1 },
    ]);
  });

  it("refuses an order whose stored total disagrees with its lines", () => {
    expect(() =>
      checkoutLineItems({
        lines: [line(1000, 1)],
        shippingCents: 0,
        taxCents: 0,
        totalCents: 1001,
        shippingMethodName: "Standard",
      }),
    ).toThrow(/sum to 1000/);
  });
});

describe("checkoutSessionExpiry", () => {
  const now = new Date("2026-11-21T12:00:10.500Z");
  it("never sooner than Stripe's 30 minutes (plus a margin), rounded up to the minute", () => {
    const expiry = checkoutSessionExpiry(new Date(now.getTime() + 15 * 60_000), now);
    expect(expiry.toISOString()).toBe("2026-11-21T12:32:00.000Z");
    // Within the same minute the same expiry: a double click sends identical parameters.
    expect(checkoutSessionExpiry(new Date(now.getTime() + 15 * 60_000), new Date(now.getTime() + 20_000))).toEqual(
      expiry,
    );
  });
  it("follows a longer reservation, in whole seconds", () => {
    expect(checkoutSessionExpiry(new Date("2026-11-21T14:00:00.250Z"), now).toISOString()).toBe(
      "2026-11-21T14:00:01.000Z",
    );
  });
  it("never later than Stripe's 24 hours", () => {
    const expiry = checkoutSessionExpiry(new Date(now.getTime() + 48 * 3600_000), now);
    expect(expiry.getTime()).toBeLessThanOrEqual(now.getTime() + 24 * 3600_000);
    expect(expiry.getTime()).toBeGreaterThan(now.getTime() + 23 * 3600_000);
  });
  it("keys the session by order, attempt and expiry", () => {
    expect(checkoutIdempotencyKey("ord1", 2, new Date("2026-11-21T12:32:00.000Z"))).toBe(
      "checkout-session:ord1:2:1795264320",
    );
  });
});

describe("passesLuhn", () => {
  it("accepts the documented test cards and rejects a changed digit", () => {
    for (const card of TEST_CARDS) expect(passesLuhn(card.number.replaceAll(" ", ""))).toBe(true);
    expect(passesLuhn("4242424242424241")).toBe(false);
    expect(passesLuhn("5555555555554444")).toBe(true);
  });
});
