// Order totals, computed on the server from database prices. Pure: no I/O, integer minor units only.
//
// THE ROUNDING RULE (the only one in the store):
//   Every rate (percentage discount, tax) is applied ONCE to the order-level amount and rounded half up
//   to a whole minor unit (applyBasisPoints). That order-level amount is then allocated to the lines by the
//   largest remainder method, proportionally to each line's amount (ties to the earlier line), so the
//   lines always sum exactly to the order figures and no line is ever rounded on its own.
//
// The steps, in order:
//   subtotal           = sum of unitPrice * quantity
//   promotions         = the automatic promotions that apply (./promotions.ts: priority, stacking), each
//                        computed the same way on what the earlier ones left, in priority order.
//   discount           = the promotions, then the coupon: percentage: applyBasisPoints(eligible amount,
//                        bps); fixed: the coupon's amount; never more than the eligible amount (what the
//                        promotions left of the lines the coupon's scope covers). Allocated over the
//                        eligible lines by those amounts.
//   discounted         = subtotal - discount
//   shipping           = the method's price, or 0 when `freeOverCents` is set and discounted >= it, or
//                        when a free-shipping promotion applies (its waived amount is kept as a line).
//                        Allocated over the lines by their discounted amounts (for per-line refunds).
//   tax                = applyBasisPoints(discounted, taxRateBps): tax-exclusive, on discounted goods only.
//                        Shipping is NOT taxed: the TaxRate table has no per-jurisdiction rule for
//                        shipping yet, and taxing it everywhere would overcharge where it is exempt.
//                        Allocated over the lines by their discounted amounts.
//   total              = discounted + shipping + tax
// Coupon validity (window, minimum, limits) is checked before, by checkCoupon in ./coupons.
import type { CouponScope, CouponType } from "@/lib/generated/prisma/enums";
import { applyItemPromotions, freeShippingPromotion, type PricingPromotion } from "./promotions";
import { allocateByLargestRemainder, applyBasisPoints } from "./rounding";

export interface PricingLine {
  variantId: string;
  productId: string;
  /** The product's category and all its ancestors, so a coupon on "Clothing" covers "T-shirts". */
  categoryIds: readonly string[];
  /** For brand-scoped promotions. */
  brandId?: string | null;
  unitPriceCents: number;
  quantity: number;
}

/** What pricing needs of a coupon that has already passed checkCoupon. */
export interface PricingCoupon {
  /** Names its discount line ("Coupon SAVE10"). */
  code?: string;
  type: CouponType;
  /** Basis points for PERCENTAGE (1500 = 15 %), minor units for FIXED_AMOUNT. */
  value: number;
  scope: CouponScope;
  categoryIds: readonly string[];
  productIds: readonly string[];
}

export interface ShippingCharge {
  priceCents: number;
  /** Free when the discounted subtotal reaches this; null = never free. */
  freeOverCents: number | null;
}

export interface ComputeTotalsInput {
  currency: string;
  lines: readonly PricingLine[];
  coupon?: PricingCoupon | null;
  shipping: ShippingCharge;
  taxRateBps: number;
  /** The automatic promotions live now (lib/promotions); which apply is decided here. */
  promotions?: readonly PricingPromotion[];
  /** The shipping rate's zone, for zone-limited free-shipping promotions. */
  shippingZone?: string | null;
}

/** One discount by name, as the review step, the order and its emails list it. */
export interface AppliedDiscount {
  source: "PROMOTION" | "COUPON";
  promotionId: string | null;
  name: string;
  /** ITEMS: taken off the goods (part of discountCents); SHIPPING: the shipping it waived. */
  target: "ITEMS" | "SHIPPING";
  amountCents: number;
}

export interface LineTotals {
  variantId: string;
  productId: string;
  quantity: number;
  unitPriceCents: number;
  subtotalCents: number;
  discountCents: number;
  /** This line's share of the order's shipping (not stored on order lines; used for per-line refunds). */
  shippingCents: number;
  taxCents: number;
  /** subtotal - discount + tax: what the goods on this line cost, as stored on the order line. */
  goodsTotalCents: number;
  /** goodsTotal + shipping share: the lines' totals sum exactly to the order total. */
  totalCents: number;
  discountEligible: boolean;
}

export interface OrderTotals {
  currency: string;
  subtotalCents: number;
  /** What the promotions left of the lines the coupon's scope covers (0 without a coupon). */
  eligibleSubtotalCents: number;
  discountCents: number;
  shippingCents: number;
  freeShipping: boolean;
  taxRateBps: number;
  taxCents: number;
  totalCents: number;
  lines: LineTotals[];
  /** Each discount in the order applied: promotions, the coupon, then free shipping. */
  discounts: AppliedDiscount[];
}

export function isLineEligible(coupon: PricingCoupon, line: Pick<PricingLine, "productId" | "categoryIds">): boolean {
  switch (coupon.scope) {
    case "ORDER":
      return true;
    case "PRODUCTS":
      return coupon.productIds.includes(line.productId);
    case "CATEGORIES":
      return line.categoryIds.some((categoryId) => coupon.categoryIds.includes(categoryId));
  }
}

export function lineSubtotal(line: Pick<PricingLine, "unitPriceCents" | "quantity">): number {
  if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
    throw new RangeError(`quantity must be a positive integer, got ${line.quantity}`);
  }
  if (!Number.isSafeInteger(line.unitPriceCents) || line.unitPriceCents < 0) {
    throw new RangeError(`unit price must be non-negative minor units, got ${line.unitPriceCents}`);
  }
  const subtotal = line.unitPriceCents * line.quantity;
  if (!Number.isSafeInteger(subtotal)) throw new RangeError("line subtotal is too large");
  return subtotal;
}

function couponDiscount(coupon: PricingCoupon, eligibleSubtotal: number): number {
  const raw =
    coupon.type === "PERCENTAGE" ? applyBasisPoints(eligibleSubtotal, Math.min(coupon.value, 10_000)) : coupon.value;
  return Math.min(raw, eligibleSubtotal);
}

export function computeTotals(input: ComputeTotalsInput): OrderTotals {
  const { lines, coupon, shipping, taxRateBps, promotions = [] } = input;
  if (!Number.isSafeInteger(taxRateBps) || taxRateBps < 0 || taxRateBps > 10_000) {
    throw new RangeError(`tax rate must be 0..10000 basis points, got ${taxRateBps}`);
  }
  const subtotals = lines.map(lineSubtotal);
  const subtotal = subtotals.reduce((sum, value) => sum + value, 0);

  const promoted = applyItemPromotions(promotions, lines, subtotals, Boolean(coupon));
  const eligible = lines.map((line) => (coupon ? isLineEligible(coupon, line) : false));
  const eligibleWeights = promoted.remaining.map((value, index) => (eligible[index] ? value : 0));
  const eligibleSubtotal = eligibleWeights.reduce((sum, value) => sum + value, 0);
  const couponCents = coupon && eligibleSubtotal > 0 ? couponDiscount(coupon, eligibleSubtotal) : 0;
  const couponLines = couponCents > 0 ? allocateByLargestRemainder(couponCents, eligibleWeights) : lines.map(() => 0);
  const lineDiscounts = lines.map(
    (_, index) =>
      (couponLines[index] ?? 0) + promoted.effects.reduce((sum, effect) => sum + (effect.lineDiscounts[index] ?? 0), 0),
  );
  const discount = lineDiscounts.reduce((sum, value) => sum + value, 0);
  const discounts: AppliedDiscount[] = promoted.effects.map((effect) => ({
    source: "PROMOTION",
    promotionId: effect.promotion.id,
    name: effect.promotion.name,
    target: "ITEMS",
    amountCents: effect.amountCents,
  }));
  if (couponCents > 0) {
    const name = coupon?.code ? `Coupon ${coupon.code}` : "Coupon";
    discounts.push({ source: "COUPON", promotionId: null, name, target: "ITEMS", amountCents: couponCents });
  }

  const discountedLines = subtotals.map((value, index) => value - (lineDiscounts[index] ?? 0));
  const discounted = subtotal - discount;

  const freeByThreshold = shipping.freeOverCents !== null && discounted >= shipping.freeOverCents;
  // A promotion waives only shipping that would be charged (else it is not used, and not counted).
  const waiver =
    freeByThreshold || shipping.priceCents === 0
      ? null
      : freeShippingPromotion(promotions, {
          applied: promoted.effects.map((effect) => effect.promotion),
          hasCoupon: Boolean(coupon),
          discountedCents: discounted,
          shippingZone: input.shippingZone ?? null,
        });
  if (waiver) {
    const { id, name } = waiver;
    discounts.push({
      source: "PROMOTION",
      promotionId: id,
      name,
      target: "SHIPPING",
      amountCents: shipping.priceCents,
    });
  }
  const freeShipping = freeByThreshold || waiver !== null;
  const shippingCents = freeShipping ? 0 : shipping.priceCents;
  if (!Number.isSafeInteger(shippingCents) || shippingCents < 0) {
    throw new RangeError(`shipping must be non-negative minor units, got ${shippingCents}`);
  }
  // With everything discounted to zero the shipping is still owed; it is then split by quantity.
  const shippingWeights = discounted > 0 ? discountedLines : lines.map((line) => line.quantity);
  const lineShipping = lines.length > 0 ? allocateByLargestRemainder(shippingCents, shippingWeights) : [];

  const tax = applyBasisPoints(discounted, taxRateBps);
  const lineTax = lines.length > 0 ? allocateByLargestRemainder(tax, discountedLines) : [];

  const lineTotals: LineTotals[] = lines.map((line, index) => {
    const discountCents = lineDiscounts[index] ?? 0;
    const taxCents = lineTax[index] ?? 0;
    const shippingShare = lineShipping[index] ?? 0;
    const goodsTotalCents = (subtotals[index] ?? 0) - discountCents + taxCents;
    return {
      variantId: line.variantId,
      productId: line.productId,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      subtotalCents: subtotals[index] ?? 0,
      discountCents,
      shippingCents: shippingShare,
      taxCents,
      goodsTotalCents,
      totalCents: goodsTotalCents + shippingShare,
      discountEligible: eligible[index] ?? false,
    };
  });

  return {
    currency: input.currency,
    subtotalCents: subtotal,
    eligibleSubtotalCents: eligibleSubtotal,
    discountCents: discount,
    shippingCents,
    freeShipping,
    taxRateBps,
    taxCents: tax,
    totalCents: discounted + shippingCents + tax,
    lines: lineTotals,
    discounts,
  };
}
