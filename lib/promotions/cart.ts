// The automatic promotions the cart shows, by name, before checkout: the same rules and amounts
// checkout prices with (lib/pricing/promotions.ts), on the cart's current prices. Shipping depends on the
// address, so free-shipping promotions are shown only at checkout.
import type { Db } from "@/lib/db";
import { lineSubtotal } from "@/lib/pricing/totals";
import { applyItemPromotions } from "@/lib/pricing/promotions";
import { categoryExpansion, type CategoryExpansion } from "./categories";
import { loadLivePromotions, type LivePromotion } from "./live";

export interface CartDiscount {
  name: string;
  amountCents: number;
}

export interface CartPromotionLine {
  productId: string;
  categoryId: string;
  brandId: string | null;
  unitPriceCents: number;
  quantity: number;
}

/** Lines for promotions that cover a category: each line's category with its ancestors. */
export async function promotionLines<Line extends { categoryIds: readonly string[] }>(
  promotions: readonly LivePromotion[],
  expansion: CategoryExpansion<Line>,
): Promise<Line[]> {
  return promotions.some((promotion) => promotion.scope === "CATEGORIES")
    ? expansion.withAncestors()
    : [...expansion.lines];
}

export async function cartDiscounts(
  db: Db,
  input: { currency: string; hasCoupon: boolean; now: Date; lines: readonly CartPromotionLine[] },
): Promise<CartDiscount[]> {
  if (input.lines.length === 0) return [];
  const promotions = await loadLivePromotions(db, input.now, input.currency);
  if (promotions.length === 0) return [];
  const lines = await promotionLines(
    promotions,
    categoryExpansion(
      db,
      input.lines.map((line) => ({ ...line, categoryIds: [line.categoryId] })),
    ),
  );
  const { effects } = applyItemPromotions(promotions, lines, lines.map(lineSubtotal), input.hasCoupon);
  return effects.map((effect) => ({ name: effect.promotion.name, amountCents: effect.amountCents }));
}
