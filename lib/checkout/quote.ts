// What the review step shows before the shopper pays: the cart priced exactly as placeOrder will price
// it (same context query, coupon rules, shipping and tax tables, and computeTotals), without writing
// anything. placeOrder re-prices inside its own transaction anyway: this is display, not a promise.
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import type { OrderTotals } from "@/lib/pricing/totals";
import type { ShippingAddress } from "./address";
import { loadCheckoutContext } from "./checkout-context";
import { priceCheckout, type PricedCartLine } from "./price-checkout";
import { runTransaction } from "@/lib/db/transaction";

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
      // A quote holds nothing, so it takes no hold locks.
      holdLockKeys: [],
    });
    if (!context || context.expired)
      throw new UserError("cart_not_found", "Your cart has expired. Please add the items again.");
    // Lines that can no longer be bought are left out here; placing the order names them.
    const lines = context.lines.filter((line): line is PricedCartLine => line.variant?.productStatus === "ACTIVE");
    const priced = await priceCheckout(tx, context, {
      lines,
      email: input.email,
      country: input.shippingAddress.country,
      region: input.shippingAddress.region,
      shippingMethod: input.shippingMethod,
      couponCode: input.couponCode,
      now,
      couponProblems: "omit",
    });
    return {
      totals: priced.totals,
      shippingMethodName: priced.shippingRate.name,
      taxName: priced.tax.name,
      couponCode: priced.coupon?.code ?? null,
      couponError: priced.couponError,
    };
  });
}
