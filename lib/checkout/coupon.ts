// Re-validates a coupon code inside the checkout transaction. A code with usage limits is locked
// (SELECT ... FOR UPDATE) before its usage is counted, so concurrent checkouts with the same code count
// one after another and the limit holds: usage = paid redemptions + unpaid orders still holding the
// code (placed, with a reservation that has not expired). Codes without limits are not locked, so a
// site-wide code never serialises checkouts.
import { checkCoupon, couponNotFound, normalizeCouponCode, type CouponRules } from "@/lib/pricing/coupons";
import type { PricingLine } from "@/lib/pricing/totals";
import type { CurrencyDisplay } from "@/lib/money";
import type { Tx } from "@/lib/db/transaction";

export interface AppliedCoupon extends CouponRules {
  id: string;
}

async function couponUsage(tx: Tx, couponId: string, email: string, timesRedeemed: number, now: Date) {
  const [row] = await tx.$queryRaw<{ pendingTotal: number; pendingCustomer: number; redeemedCustomer: number }[]>`
    WITH holding AS (
      SELECT o.email FROM "Order" o
      WHERE o."couponId" = ${couponId} AND o.status = 'PENDING_PAYMENT'
        AND EXISTS (
          SELECT 1 FROM "Reservation" r
          WHERE r."orderId" = o.id AND r.status = 'ACTIVE' AND r."expiresAt" > ${now}
        )
    )
    SELECT
      (SELECT count(*) FROM holding)::int AS "pendingTotal",
      (SELECT count(*) FROM holding WHERE lower(email) = ${email})::int AS "pendingCustomer",
      (SELECT count(*) FROM "CouponRedemption" WHERE "couponId" = ${couponId} AND email = ${email})::int AS "redeemedCustomer"`;
  return {
    total: timesRedeemed + (row?.pendingTotal ?? 0),
    byCustomer: (row?.redeemedCustomer ?? 0) + (row?.pendingCustomer ?? 0),
  };
}

/**
 * The coupon for `code`, checked against the cart: throws the specific UserError when it cannot be used.
 * Returns the lines to price with: for a category-scoped coupon their categoryIds gain all ancestors
 * (`withAncestors`, the checkout's one expansion of the cart, shared with the promotions).
 */
export async function resolveCoupon(
  tx: Tx,
  code: string,
  context: {
    email: string;
    now: Date;
    currency: string;
    display?: CurrencyDisplay;
    lines: readonly PricingLine[];
    withAncestors: () => Promise<readonly PricingLine[]>;
  },
): Promise<{ coupon: AppliedCoupon; lines: readonly PricingLine[] }> {
  const normalized = normalizeCouponCode(code);
  const found = await tx.coupon.findUnique({
    where: { code: normalized },
    select: { id: true, usageLimit: true, perCustomerLimit: true },
  });
  if (!found) throw couponNotFound(normalized);
  const limited = found.usageLimit !== null || found.perCustomerLimit !== null;
  if (limited) await tx.$queryRaw`SELECT id FROM "Coupon" WHERE id = ${found.id} FOR UPDATE`;
  // Read after the lock: the counters are those the previous holder committed.
  const coupon = await tx.coupon.findUniqueOrThrow({
    where: { id: found.id },
    include: { categories: { select: { categoryId: true } }, products: { select: { productId: true } } },
  });
  const rules: AppliedCoupon = {
    id: coupon.id,
    code: coupon.code,
    type: coupon.type,
    value: coupon.value,
    scope: coupon.scope,
    categoryIds: coupon.categories.map((entry) => entry.categoryId),
    productIds: coupon.products.map((entry) => entry.productId),
    active: coupon.active,
    startsAt: coupon.startsAt,
    endsAt: coupon.endsAt,
    currency: coupon.currency,
    minSubtotalCents: coupon.minSubtotalCents,
    usageLimit: coupon.usageLimit,
    perCustomerLimit: coupon.perCustomerLimit,
  };
  const lines = coupon.scope === "CATEGORIES" ? await context.withAncestors() : context.lines;
  const usage = limited
    ? await couponUsage(tx, coupon.id, context.email, coupon.timesRedeemed, context.now)
    : { total: 0, byCustomer: 0 };
  const problem = checkCoupon(rules, {
    now: context.now,
    currency: context.currency,
    display: context.display,
    lines,
    usage,
  });
  if (problem) throw problem;
  return { coupon: rules, lines };
}
