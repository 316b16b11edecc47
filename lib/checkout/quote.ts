// What the review step shows before the shopper pays: the cart priced exactly as placeOrder will price
// it (same context query, coupon rules, shipping and tax tables, and computeTotals), without writing
// anything. placeOrder re-prices inside its own transaction anyway: this is display, not a promise.
import type { Db } from "@/lib/db";
import { UserError, isUserError } from "@/lib/errors";
import { selectShippingRate } from "@/lib/pricing/shipping";
import { taxRateFor } from "@/lib/pricing/tax";
import { computeTotals, type OrderTotals, type PricingLine } from "@/lib/pricing/totals";
import type { ShippingAddress } from "./address";
import { loadCheckoutContext } from "./checkout-context";
import { resolveCoupon, type AppliedCoupon } from "./coupon";
import { runTransaction } from "./transaction";

export interface CheckoutQuote {
  totals: OrderTotals;
  shippingMethodName: string;
  taxName: string;
  couponCode: string | null;
  /** Why the cart's coupon does not apply (it is then left out of the totals). */
  couponError: string | null;
}

export async function quoteCheckout(
  db: Db,
  input: {
    cartId: string;
    email: string;
    shippingAddress: ShippingAddress;
    shippingMethod: "STANDARD" | "EXPRESS";
    couponCode: string | null;
  },
  now: Date = new Date(),
): Promise<CheckoutQuote> {
  return runTransaction(db, async (tx) => {
    const context = await loadCheckoutContext(tx, {
      checkoutToken: "",
      cartId: input.cartId,
      country: input.shippingAddress.country,
      now,
    });
    if (!context || context.expired) throw new UserError("cart_not_found", "Your cart has expired. Please add the items again.");
    const lines: PricingLine[] = [];
    for (const line of context.lines) {
      if (!line.variant || line.variant.productStatus !== "ACTIVE") continue;
      lines.push({
        variantId: line.variantId,
        productId: line.variant.productId,
        categoryIds: [line.variant.categoryId],
        unitPriceCents: line.variant.priceCents,
        quantity: line.quantity,
      });
    }
    const rate = selectShippingRate(context.shippingRates, input.shippingAddress.country, input.shippingMethod, context.currency);
    const tax = taxRateFor(context.taxRates, input.shippingAddress.country, input.shippingAddress.region);

    let coupon: AppliedCoupon | null = null;
    let pricedLines: readonly PricingLine[] = lines;
    let couponError: string | null = null;
    if (input.couponCode) {
      try {
        const resolved = await resolveCoupon(tx, input.couponCode, { email: input.email, now, currency: context.currency, lines });
        coupon = resolved.coupon;
        pricedLines = resolved.lines;
      } catch (error) {
        if (!isUserError(error)) throw error;
        couponError = error.message;
      }
    }
    const totals = computeTotals({
      currency: context.currency,
      lines: pricedLines,
      coupon,
      shipping: { priceCents: rate.priceCents, freeOverCents: rate.freeOverCents },
      taxRateBps: tax.rateBps,
    });
    return { totals, shippingMethodName: rate.name, taxName: tax.name, couponCode: coupon?.code ?? null, couponError };
  });
}
