// Automatic promotions as pure functions: which promotions a cart gets (priority and stacking) and what
// each takes off, line by line. computeTotals (./totals.ts) runs them; lib/promotions loads them.
//
// THE STACKING RULES (docs/promotions.md; stackingLine says them to the seller):
//   - Promotions are tried by priority (higher first, then the older one). One that takes nothing off
//     this cart (wrong items, below its minimum) is skipped and blocks nothing.
//   - A promotion that does not combine with other promotions applies only when it is the first to
//     apply, and then no other promotion applies after it.
//   - A promotion that does not combine with coupons does not apply when the cart has a coupon: the code
//     the shopper typed wins.
//   - The items' promotions apply in that order, each to what the earlier ones left; then the coupon;
//     then free shipping, whose minimum reads the items' amount after all of those.
// Rounding follows the store's one rule (./totals.ts): a rate is applied once to the amount it covers,
// rounded half up, and that amount is spread over the lines by largest remainder, never over a line's
// own remaining amount.
import type { PromotionKind, PromotionScope } from "@/lib/generated/prisma/enums";
import { allocateByLargestRemainder, applyBasisPoints } from "./rounding";

export interface PromotionTier {
  /** The items' amount from which the tier applies. */
  minCents: number;
  offCents: number;
}

export interface PricingPromotion {
  id: string;
  name: string;
  kind: PromotionKind;
  scope: PromotionScope;
  /** Product, category or brand ids, per scope. */
  targetIds: readonly string[];
  valueBps: number | null;
  amountCents: number | null;
  buyQuantity: number | null;
  getQuantity: number | null;
  tiers: readonly PromotionTier[];
  minSubtotalCents: number | null;
  shippingZone: string | null;
  priority: number;
  combinesWithCoupons: boolean;
  combinesWithPromotions: boolean;
  createdAt: Date;
}

export interface PromotionLine {
  productId: string;
  categoryIds: readonly string[];
  brandId?: string | null;
  unitPriceCents: number;
  quantity: number;
}

export interface PromotionEffect {
  promotion: PricingPromotion;
  /** Taken off each line (zeros for free shipping). */
  lineDiscounts: number[];
  amountCents: number;
}

/** Higher priority first, then the older promotion, then the id: the same order on every server. */
export function byPriority(a: PricingPromotion, b: PricingPromotion): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const age = a.createdAt.getTime() - b.createdAt.getTime();
  if (age !== 0) return age;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function promotionCovers(
  promotion: Pick<PricingPromotion, "scope" | "targetIds">,
  line: PromotionLine,
): boolean {
  switch (promotion.scope) {
    case "ALL":
      return true;
    case "PRODUCTS":
      return promotion.targetIds.includes(line.productId);
    case "CATEGORIES":
      return line.categoryIds.some((id) => promotion.targetIds.includes(id));
    case "BRANDS":
      return line.brandId != null && promotion.targetIds.includes(line.brandId);
  }
}

/** The tier for `amount`: the one with the highest minimum it reaches, or null. */
export function tierFor(tiers: readonly PromotionTier[], amount: number): PromotionTier | null {
  let best: PromotionTier | null = null;
  for (const tier of tiers) if (amount >= tier.minCents && (!best || tier.minCents > best.minCents)) best = tier;
  return best;
}

/**
 * Buy X get Y: for every X + Y covered units the Y cheapest units of the whole cart's covered units get
 * valueBps off (10000 = free). Returns each line's amount the rate applies to (its chosen units).
 */
function buyXGetYWeights(promotion: PricingPromotion, lines: readonly PromotionLine[], remaining: readonly number[]) {
  const buy = promotion.buyQuantity ?? 0;
  const get = promotion.getQuantity ?? 0;
  const weights = lines.map(() => 0);
  if (buy <= 0 || get <= 0) return weights;
  const units: { index: number; price: number }[] = [];
  lines.forEach((line, index) => {
    if (!promotionCovers(promotion, line)) return;
    for (let unit = 0; unit < line.quantity; unit += 1) units.push({ index, price: line.unitPriceCents });
  });
  const discounted = Math.floor(units.length / (buy + get)) * get;
  units.sort((a, b) => a.price - b.price || a.index - b.index);
  for (const unit of units.slice(0, discounted)) weights[unit.index] = (weights[unit.index] ?? 0) + unit.price;
  // An earlier promotion may already have taken part of a line: never go below zero.
  return weights.map((weight, index) => Math.min(weight, remaining[index] ?? 0));
}

/** What one items' promotion takes off each line, given what the earlier discounts left (`remaining`). */
export function itemsEffect(
  promotion: PricingPromotion,
  lines: readonly PromotionLine[],
  remaining: readonly number[],
): number[] {
  const zero = lines.map(() => 0);
  const covered = lines.map((line, index) => (promotionCovers(promotion, line) ? (remaining[index] ?? 0) : 0));
  const coveredTotal = covered.reduce((sum, value) => sum + value, 0);
  let weights = covered;
  let amount = 0;
  switch (promotion.kind) {
    case "PERCENT_OFF":
      amount = applyBasisPoints(coveredTotal, Math.min(promotion.valueBps ?? 0, 10_000));
      break;
    case "AMOUNT_OFF":
      amount = Math.min(promotion.amountCents ?? 0, coveredTotal);
      break;
    case "TIERED_SPEND":
      amount = Math.min(tierFor(promotion.tiers, coveredTotal)?.offCents ?? 0, coveredTotal);
      break;
    case "BUY_X_GET_Y": {
      weights = buyXGetYWeights(promotion, lines, remaining);
      const total = weights.reduce((sum, value) => sum + value, 0);
      amount = applyBasisPoints(total, Math.min(promotion.valueBps ?? 0, 10_000));
      break;
    }
    case "FREE_SHIPPING":
      return zero;
  }
  return amount > 0 ? allocateByLargestRemainder(amount, weights) : zero;
}

/** Whether `candidate` may join the promotions already applied, and apply next to the cart's coupon. */
export function mayStack(
  candidate: Pick<PricingPromotion, "combinesWithCoupons" | "combinesWithPromotions">,
  applied: readonly Pick<PricingPromotion, "combinesWithPromotions">[],
  hasCoupon: boolean,
): boolean {
  if (hasCoupon && !candidate.combinesWithCoupons) return false;
  if (applied.length === 0) return true;
  return candidate.combinesWithPromotions && applied.every((other) => other.combinesWithPromotions);
}

/** The items' promotions that apply, in order, and what each takes off: see the rules at the top. */
export function applyItemPromotions(
  promotions: readonly PricingPromotion[],
  lines: readonly PromotionLine[],
  subtotals: readonly number[],
  hasCoupon: boolean,
): { effects: PromotionEffect[]; remaining: number[] } {
  const remaining = [...subtotals];
  const effects: PromotionEffect[] = [];
  const ordered = promotions.filter((promotion) => promotion.kind !== "FREE_SHIPPING").sort(byPriority);
  for (const promotion of ordered) {
    if (
      !mayStack(
        promotion,
        effects.map((effect) => effect.promotion),
        hasCoupon,
      )
    )
      continue;
    const lineDiscounts = itemsEffect(promotion, lines, remaining);
    const amountCents = lineDiscounts.reduce((sum, value) => sum + value, 0);
    if (amountCents === 0) continue;
    lineDiscounts.forEach((value, index) => (remaining[index] = (remaining[index] ?? 0) - value));
    effects.push({ promotion, lineDiscounts, amountCents });
  }
  return { effects, remaining };
}

/**
 * The free-shipping promotion that waives this order's shipping, or null: the first by priority whose
 * zone and minimum (on the items after every discount) the order meets and that stacks with what applied.
 */
export function freeShippingPromotion(
  promotions: readonly PricingPromotion[],
  input: {
    applied: readonly PricingPromotion[];
    hasCoupon: boolean;
    discountedCents: number;
    shippingZone: string | null;
  },
): PricingPromotion | null {
  const zone = input.shippingZone?.toLowerCase() ?? null;
  for (const promotion of promotions.filter((candidate) => candidate.kind === "FREE_SHIPPING").sort(byPriority)) {
    if (promotion.shippingZone !== null && promotion.shippingZone.toLowerCase() !== zone) continue;
    if (input.discountedCents < (promotion.minSubtotalCents ?? 0)) continue;
    if (!mayStack(promotion, input.applied, input.hasCoupon)) continue;
    return promotion;
  }
  return null;
}

/** The stacking rule of one promotion in a sentence a seller can read (the form and the list show it). */
export function stackingLine(
  promotion: Pick<PricingPromotion, "combinesWithCoupons" | "combinesWithPromotions">,
): string {
  const promotions = promotion.combinesWithPromotions
    ? "Combines with other promotions that combine too"
    : "Does not combine with other promotions (the first by priority wins)";
  const coupons = promotion.combinesWithCoupons
    ? "combines with coupon codes."
    : "does not apply when the shopper uses a coupon code.";
  return `${promotions}; ${coupons}`;
}
