// A coupon as the admin form's text fields ("12.5" percent, "10.00" in the coupon's currency, dates as
// UTC datetime-local values), and the blank form. Pure, so the client form can import its type.
import { toDecimalString } from "@/lib/money";
import type { CouponDetail } from "./read";
import { formatPercent, toDateTimeLocal } from "../schema";

export interface CouponFormValues {
  code: string;
  description: string;
  type: "PERCENTAGE" | "FIXED_AMOUNT";
  value: string;
  currency: string;
  minSubtotal: string;
  usageLimit: string;
  perCustomerLimit: string;
  startsAt: string;
  endsAt: string;
  scope: "ORDER" | "CATEGORIES" | "PRODUCTS";
  categoryIds: string[];
  products: { id: string; title: string }[];
}

export function blankCouponForm(currency: string): CouponFormValues {
  return {
    code: "",
    description: "",
    type: "PERCENTAGE",
    value: "",
    currency,
    minSubtotal: "",
    usageLimit: "",
    perCustomerLimit: "",
    startsAt: "",
    endsAt: "",
    scope: "ORDER",
    categoryIds: [],
    products: [],
  };
}

export function couponFormValues(coupon: CouponDetail): CouponFormValues {
  return {
    code: coupon.code,
    description: coupon.description,
    type: coupon.type,
    value: coupon.type === "PERCENTAGE" ? formatPercent(coupon.value) : toDecimalString(coupon.value, coupon.currency),
    currency: coupon.currency,
    minSubtotal: coupon.minSubtotalCents > 0 ? toDecimalString(coupon.minSubtotalCents, coupon.currency) : "",
    usageLimit: coupon.usageLimit === null ? "" : String(coupon.usageLimit),
    perCustomerLimit: coupon.perCustomerLimit === null ? "" : String(coupon.perCustomerLimit),
    startsAt: toDateTimeLocal(coupon.startsAt),
    endsAt: toDateTimeLocal(coupon.endsAt),
    scope: coupon.scope,
    categoryIds: coupon.categoryIds,
    products: coupon.products,
  };
}
