// Coupon rules as a pure function: given the coupon, the cart and how often the code is already used,
// the first rule that fails becomes a UserError with its own code and message; null means it applies.
// Usage counts come from the caller, who reads them under a lock on the coupon row (lib/checkout).
import { UserError } from "@/lib/errors";
import { formatMoney, type CurrencyDisplay } from "@/lib/money";
import { isLineEligible, lineSubtotal, type PricingCoupon, type PricingLine } from "./totals";

export interface CouponRules extends PricingCoupon {
  code: string;
  active: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  currency: string;
  minSubtotalCents: number;
  usageLimit: number | null;
  perCustomerLimit: number | null;
}

export interface CouponUsage {
  /** Paid redemptions plus unpaid orders still holding the code (placed, reservation not expired). */
  total: number;
  /** The same, for this customer's (lower-cased) email. */
  byCustomer: number;
}

export interface CouponCheckContext {
  now: Date;
  currency: string;
  /** The store's currency display, read with the prices: how a refusal shows an amount. */
  display?: CurrencyDisplay;
  lines: readonly PricingLine[];
  usage: CouponUsage;
}

export const COUPON_ERROR_CODES = [
  "coupon_not_found",
  "coupon_inactive",
  "coupon_not_started",
  "coupon_expired",
  "coupon_exhausted",
  "coupon_customer_limit_reached",
  "coupon_not_applicable",
  "coupon_minimum_not_met",
] as const;
export type CouponErrorCode = (typeof COUPON_ERROR_CODES)[number];

function couponError(code: CouponErrorCode, message: string, details?: Record<string, unknown>): UserError {
  return new UserError(code, message, details);
}

/** Codes are stored upper-case and typed by people: trim and upper-case before looking one up. */
export function normalizeCouponCode(code: string): string {
  return code.trim().toUpperCase();
}

export function couponNotFound(code: string): UserError {
  return couponError("coupon_not_found", `The code ${normalizeCouponCode(code)} does not exist.`);
}

export function checkCoupon(coupon: CouponRules, context: CouponCheckContext): UserError | null {
  const { code } = coupon;
  const { now } = context;
  if (!coupon.active) return couponError("coupon_inactive", `The code ${code} is no longer active.`);
  if (coupon.startsAt && now < coupon.startsAt) {
    return couponError("coupon_not_started", `The code ${code} is not valid yet.`, {
      startsAt: coupon.startsAt.toISOString(),
    });
  }
  if (coupon.endsAt && now >= coupon.endsAt) {
    return couponError("coupon_expired", `The code ${code} has expired.`, { endsAt: coupon.endsAt.toISOString() });
  }
  if (coupon.usageLimit !== null && context.usage.total >= coupon.usageLimit) {
    return couponError("coupon_exhausted", `The code ${code} has reached its usage limit.`);
  }
  if (coupon.perCustomerLimit !== null && context.usage.byCustomer >= coupon.perCustomerLimit) {
    return couponError(
      "coupon_customer_limit_reached",
      `You have already used the code ${code} the maximum number of times.`,
    );
  }
  // A fixed amount or a minimum in another currency means nothing for this order.
  const currencyMatters = coupon.type === "FIXED_AMOUNT" || coupon.minSubtotalCents > 0;
  const eligible = context.lines.some((line) => isLineEligible(coupon, line));
  if ((currencyMatters && coupon.currency !== context.currency) || !eligible) {
    return couponError("coupon_not_applicable", `The code ${code} does not apply to the items in your cart.`);
  }
  const subtotal = context.lines.reduce((sum, line) => sum + lineSubtotal(line), 0);
  if (subtotal < coupon.minSubtotalCents) {
    const minimum = formatMoney(coupon.minSubtotalCents, coupon.currency, { display: context.display });
    return couponError(
      "coupon_minimum_not_met",
      `The code ${code} needs an order of at least ${minimum} before discounts.`,
      { minSubtotalCents: coupon.minSubtotalCents, subtotalCents: subtotal },
    );
  }
  return null;
}
