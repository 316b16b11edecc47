// The one way checkout prices a cart: live variant prices from the checkout context, the coupon checked
// against them (inside the caller's transaction, so a limited coupon is locked), the destination's
// shipping rate and tax rate, then computeTotals. placeOrder uses it to create the order; the review
// step uses it to show the same figures before payment.
import { isUserError } from "@/lib/errors";
import { selectShippingRate, type ShippingRateRow } from "@/lib/pricing/shipping";
import { taxRateFor, type AppliedTaxRate } from "@/lib/pricing/tax";
import { computeTotals, type OrderTotals, type PricingLine } from "@/lib/pricing/totals";
import type { CheckoutContext, CheckoutLine } from "./checkout-context";
import { resolveCoupon, type AppliedCoupon } from "./coupon";
import type { Tx } from "@/lib/db/transaction";

/** A cart line whose variant exists (checkout decides what to do with the others). */
export type PricedCartLine = CheckoutLine & { variant: NonNullable<CheckoutLine["variant"]> };

export interface CheckoutPricing {
  totals: OrderTotals;
  shippingRate: ShippingRateRow;
  tax: AppliedTaxRate;
  coupon: AppliedCoupon | null;
  /** With couponProblems "omit": why the code does not apply (the totals then leave it out). */
  couponError: string | null;
}

export interface PriceCheckoutInput {
  lines: readonly PricedCartLine[];
  email: string;
  country: string;
  region: string | null | undefined;
  shippingMethod: "STANDARD" | "EXPRESS";
  couponCode: string | null | undefined;
  now: Date;
  /** "throw" (placing an order): a coupon that does not apply is an error; "omit" (review): priced without it. */
  couponProblems: "throw" | "omit";
}

export async function priceCheckout(
  tx: Tx,
  context: CheckoutContext,
  input: PriceCheckoutInput,
): Promise<CheckoutPricing> {
  const shippingRate = selectShippingRate(context.shippingRates, input.country, input.shippingMethod, context.currency);
  const tax = taxRateFor(context.taxRates, input.country, input.region);
  let lines: readonly PricingLine[] = input.lines.map((line) => ({
    variantId: line.variantId,
    productId: line.variant.productId,
    categoryIds: [line.variant.categoryId],
    unitPriceCents: line.variant.priceCents,
    quantity: line.quantity,
  }));
  let coupon: AppliedCoupon | null = null;
  let couponError: string | null = null;
  if (input.couponCode) {
    try {
      const resolved = await resolveCoupon(tx, input.couponCode, {
        email: input.email,
        now: input.now,
        currency: context.currency,
        lines,
      });
      coupon = resolved.coupon;
      lines = resolved.lines;
    } catch (error) {
      if (input.couponProblems === "throw" || !isUserError(error)) throw error;
      couponError = error.message;
    }
  }
  const totals = computeTotals({
    currency: context.currency,
    lines,
    coupon,
    shipping: { priceCents: shippingRate.priceCents, freeOverCents: shippingRate.freeOverCents },
    taxRateBps: tax.rateBps,
  });
  return { totals, shippingRate, tax, coupon, couponError };
}
