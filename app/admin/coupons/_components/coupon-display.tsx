// How a coupon reads in lists and headers. Server-safe and client-safe (no hooks, no server imports).
import { Badge } from "@/components/admin/ui";
import type { CouponState } from "@/lib/coupons/admin/read";
import { formatPercent } from "@/lib/coupons/schema";
import type { FormatMoney } from "@/lib/money";

export function discountLabel(
  coupon: { type: "PERCENTAGE" | "FIXED_AMOUNT"; value: number; currency: string },
  formatMoney: FormatMoney,
): string {
  return coupon.type === "PERCENTAGE"
    ? `${formatPercent(coupon.value)}% off`
    : `${formatMoney(coupon.value, coupon.currency)} off`;
}

export const SCOPE_LABELS = { ORDER: "Whole order", CATEGORIES: "Categories", PRODUCTS: "Products" } as const;

const STATES: Record<CouponState, { label: string; tone: "good" | "neutral" | "warn" | "bad" | "info" }> = {
  active: { label: "Active", tone: "good" },
  disabled: { label: "Disabled", tone: "neutral" },
  scheduled: { label: "Scheduled", tone: "info" },
  expired: { label: "Expired", tone: "warn" },
  used_up: { label: "Used up", tone: "warn" },
};

export function CouponStateBadge({ state }: { state: CouponState }) {
  const entry = STATES[state];
  return <Badge tone={entry.tone}>{entry.label}</Badge>;
}

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function windowLabel(startsAt: Date | null, endsAt: Date | null): string {
  if (!startsAt && !endsAt) return "Always";
  if (startsAt && endsAt) return `${dateTime.format(startsAt)} – ${dateTime.format(endsAt)} UTC`;
  return startsAt ? `From ${dateTime.format(startsAt)} UTC` : `Until ${dateTime.format(endsAt as Date)} UTC`;
}

export function formatDateTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}
