// Re-validates a coupon code inside the checkout transaction. A code with usage limits is locked
// (SELECT ... FOR UPDATE) before its usage is counted, so concurrent checkouts with the same code count
// one after another and the limit holds: usage = paid redemptions + unpaid orders still holding the
// code (placed, with a reservation that has not expired). Codes without limits are not locked, so a
// site-wide code never serialises checkouts.
import { Prisma } from "@/lib/generated/prisma/client";
import { checkCoupon, couponNotFound, normalizeCouponCode, type CouponRules } from "@/lib/pricing/coupons";
import type { PricingLine } from "@/lib/pricing/totals";
import type { CurrencyDisplay } from "@/lib/money";
import type { SqlTx } from "@/lib/db/transaction";
import type { CouponScope, CouponType } from "@/lib/generated/prisma/enums";

export interface AppliedCoupon extends CouponRules {
  id: string;
}

async function couponUsage(tx: SqlTx, couponId: string, email: string, timesRedeemed: number, now: Date) {
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
interface CouponRow extends AppliedCoupon {
  timesRedeemed: number;
}

/** The coupon's rules and count; `lock` locks its row first (the count is then the last holder's). */
async function readCoupon(tx: SqlTx, where: { code: string } | { id: string; lock: true }): Promise<CouponRow | null> {
  const [row] = await tx.$queryRaw<(Omit<CouponRow, "type" | "scope"> & { type: string; scope: string })[]>`
    SELECT c.id, c.code, c.type::text AS type, c.value, c.scope::text AS scope, c.active, c."startsAt", c."endsAt",
           c.currency, c."minSubtotalCents", c."usageLimit", c."perCustomerLimit", c."timesRedeemed",
           array(SELECT cc."categoryId" FROM "CouponCategory" cc WHERE cc."couponId" = c.id) AS "categoryIds",
           array(SELECT cp."productId" FROM "CouponProduct" cp WHERE cp."couponId" = c.id) AS "productIds"
    FROM "Coupon" c
    WHERE ${"code" in where ? Prisma.sql`c.code = ${where.code}` : Prisma.sql`c.id = ${where.id}`}
    ${"lock" in where ? Prisma.sql`FOR UPDATE OF c` : Prisma.empty}`;
  return row ? { ...row, type: row.type as CouponType, scope: row.scope as CouponScope } : null;
}

export async function resolveCoupon(
  tx: SqlTx,
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
  const found = await readCoupon(tx, { code: normalized });
  if (!found) throw couponNotFound(normalized);
  const limited = found.usageLimit !== null || found.perCustomerLimit !== null;
  // Read again under the lock: the counters are those the previous holder committed.
  const coupon = limited ? await readCoupon(tx, { id: found.id, lock: true }) : found;
  if (!coupon) throw couponNotFound(normalized);
  const { timesRedeemed: _timesRedeemed, ...rules } = coupon;
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
