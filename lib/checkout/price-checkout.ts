// The one way checkout prices a cart: live variant prices from the checkout context, the coupon checked
// against them (inside the caller's transaction, so a limited coupon is locked), the automatic
// promotions live now (limited ones locked and counted when placing: lib/promotions/live.ts), the
// destination's shipping rate and tax rate, then computeTotals. placeOrder uses it to create the order; the review
// step uses it to show the same figures before payment.
import { isUserError } from "@/lib/errors";
import { selectShippingRate, type ShippingRateRow } from "@/lib/pricing/shipping";
import { taxRateFor, type AppliedTaxRate } from "@/lib/pricing/tax";
import { computeTotals, type OrderTotals, type PricingLine } from "@/lib/pricing/totals";
import type { CheckoutContext, CheckoutLine } from "./checkout-context";
import { resolveCoupon, type AppliedCoupon } from "./coupon";
import type { SqlTx } from "@/lib/db/transaction";
import type { CurrencyDisplay } from "@/lib/money";
import { promotionLines } from "@/lib/promotions/cart";
import { categoryExpansion } from "@/lib/promotions/categories";
import { lockUsedUp, type LivePromotion } from "@/lib/promotions/live";

/** A cart line whose variant exists (checkout decides what to do with the others). */
export type PricedCartLine = CheckoutLine & { variant: NonNullable<CheckoutLine["variant"]> };

export interface CheckoutPricing {
  totals: OrderTotals;
  shippingRate: ShippingRateRow;
  tax: AppliedTaxRate;
  coupon: AppliedCoupon | null;
  /** With couponProblems "omit": why the code does not apply (the totals then leave it out). */
  couponError: string | null;
  /** The store's currency display, read with the prices: how a message about this total shows it. */
  currencyDisplay: CurrencyDisplay;
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
  /** Placing an order: lock the limited promotions it gets and count their use (the review locks nothing). */
  lockPromotions?: boolean;
}

export async function priceCheckout(
  tx: SqlTx,
  context: CheckoutContext,
  input: PriceCheckoutInput,
): Promise<CheckoutPricing> {
  const shippingRate = selectShippingRate(context.shippingRates, input.country, input.shippingMethod, context.currency);
  const tax = taxRateFor(context.taxRates, input.country, input.region);
  // Both read in this transaction, by its first query (./checkout-context.ts).
  const settings = context.settings;
  let promotions = context.promotions;
  const expansion = categoryExpansion(
    tx,
    input.lines.map((line): PricingLine => ({
      variantId: line.variantId,
      productId: line.variant.productId,
      categoryIds: [line.variant.categoryId],
      brandId: line.variant.brandId,
      unitPriceCents: line.variant.priceCents,
      quantity: line.quantity,
    })),
  );
  let lines: readonly PricingLine[] = await promotionLines(promotions, expansion);
  let coupon: AppliedCoupon | null = null;
  let couponError: string | null = null;
  if (input.couponCode) {
    try {
      const resolved = await resolveCoupon(tx, input.couponCode, {
        email: input.email,
        now: input.now,
        currency: context.currency,
        display: settings.currencyDisplay,
        lines,
        withAncestors: expansion.withAncestors,
      });
      coupon = resolved.coupon;
      lines = resolved.lines;
    } catch (error) {
      if (input.couponProblems === "throw" || !isUserError(error)) throw error;
      couponError = error.message;
    }
  }
  const price = (live: readonly LivePromotion[]) =>
    computeTotals({
      currency: context.currency,
      lines,
      coupon,
      shipping: {
        priceCents: shippingRate.priceCents,
        freeOverCents: freeShippingFrom(shippingRate.freeOverCents, settings.freeShippingThresholdCents),
      },
      taxRateBps: tax.rateBps,
      promotions: live,
      shippingZone: shippingRate.zone,
    });
  let totals = price(promotions);
  // A limited promotion this order gets is locked and counted again; one used up meanwhile is left out and
  // the cart priced again, which may bring in another promotion, locked and counted in its turn, until every
  // promotion the final totals apply is locked. This ends: each round leaves out at least one promotion.
  while (input.lockPromotions) {
    const applied = new Set(totals.discounts.map((discount) => discount.promotionId));
    const usedUp = await lockUsedUp(
      tx,
      promotions.filter((promotion) => applied.has(promotion.id)),
      input.now,
    );
    if (usedUp.size === 0) break;
    promotions = promotions.filter((promotion) => !usedUp.has(promotion.id));
    totals = price(promotions);
  }
  return { totals, shippingRate, tax, coupon, couponError, currencyDisplay: settings.currencyDisplay };
}

/** The lower of the rate's own free-shipping amount and the store-wide threshold (either may be unset). */
export function freeShippingFrom(rateFreeOverCents: number | null, storeThresholdCents: number | null): number | null {
  if (rateFreeOverCents === null) return storeThresholdCents;
  if (storeThresholdCents === null) return rateFreeOverCents;
  return Math.min(rateFreeOverCents, storeThresholdCents);
}
