// Changes that move a lot of money at once are for ADMIN only; STAFF may make the ordinary ones:
//   - a coupon above STAFF_COUPON_MAX_PERCENT percent (default 25) or above STAFF_COUPON_MAX_AMOUNT_CENTS
//     off (default 2500 = 25.00): creating, editing or enabling it (lib/coupons/admin/admin-only.ts);
//   - a variant's price changed by more than STAFF_PRICE_CHANGE_MAX_PERCENT percent of its current price,
//     up or down (default 50), in the product editor (lib/catalog/admin/write.ts) or the products CSV
//     import (lib/catalog/csv). New variants have no price to compare and are not limited.
// (Refund limits have their own module: lib/orders/refund-limits.ts.)
// The acting user's role is read from the database at the time of the change, never from the session
// token. Every refusal is audited in a write of its own (writeStaffRefusal): the refused change's
// transaction, if any, rolls back with everything in it.
import { writeAudit, type AuditWriter } from "@/lib/audit/log";
import { wholeNumberSetting, type Env } from "@/lib/env-settings";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money";

export interface StaffChangeLimits {
  /** Largest percentage coupon staff may manage, in basis points of a percent (2500 = 25 %). */
  couponMaxPercentBps: number;
  /** Largest fixed-amount coupon staff may manage, in minor units. */
  couponMaxAmountCents: number;
  /** Largest price change staff may make, in percent of the current price. */
  priceChangeMaxPercent: number;
}

export function staffChangeLimits(env: Env = process.env): StaffChangeLimits {
  return {
    couponMaxPercentBps: wholeNumberSetting(env, "STAFF_COUPON_MAX_PERCENT", 25, { max: 100 }) * 100,
    couponMaxAmountCents: wholeNumberSetting(env, "STAFF_COUPON_MAX_AMOUNT_CENTS", 2500),
    priceChangeMaxPercent: wholeNumberSetting(env, "STAFF_PRICE_CHANGE_MAX_PERCENT", 50, { max: 100_000 }),
  };
}

/** The user's role now, from the database; null for an unknown user (treated as the most restricted). */
export async function currentRole(db: Pick<Prisma.TransactionClient, "user">, userId: string): Promise<Role | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  return user?.role ?? null;
}

/** A coupon staff may not manage, or null. `value` is basis points for PERCENTAGE, minor units otherwise. */
export function couponNeedsAdmin(
  coupon: { type: "PERCENTAGE" | "FIXED_AMOUNT"; value: number; currency: string },
  limits: StaffChangeLimits,
): string | null {
  if (coupon.type === "PERCENTAGE" && coupon.value > limits.couponMaxPercentBps) {
    return `Only an admin can manage a coupon of more than ${limits.couponMaxPercentBps / 100}% off.`;
  }
  if (coupon.type === "FIXED_AMOUNT" && coupon.value > limits.couponMaxAmountCents) {
    return `Only an admin can manage a coupon of more than ${formatMoney(limits.couponMaxAmountCents, coupon.currency)} off.`;
  }
  return null;
}

/** Whether a price change from `before` to `after` (minor units) is beyond what staff may do. Integer arithmetic. */
export function priceChangeNeedsAdmin(before: number, after: number, limits: StaffChangeLimits): boolean {
  if (before === after) return false;
  if (before <= 0) return true;
  return Math.abs(after - before) * 100 > before * limits.priceChangeMaxPercent;
}

/** The audit entry of a refused change, written on its own (`db` is not the refused transaction). */
export async function writeStaffRefusal(
  db: AuditWriter,
  entry: {
    actorId: string;
    role: Role | null;
    action: string;
    entityType: string;
    entityId: string;
    data: Prisma.InputJsonObject;
  },
): Promise<void> {
  await writeAudit(db, {
    actorId: entry.actorId,
    action: `${entry.action}.refused`,
    entityType: entry.entityType,
    entityId: entry.entityId,
    data: { role: entry.role, ...entry.data },
  });
}
