// Coupons above the staff thresholds (lib/auth/staff-limits.ts) are for admins only: staff cannot create,
// edit or enable one, and each refusal is audited on its own, in a write that outlives the rolled-back change.
import type { Db } from "@/lib/db";
import {
  couponNeedsAdmin,
  currentRole,
  staffChangeLimits,
  writeStaffRefusal,
  type StaffChangeLimits,
} from "@/lib/auth/staff-limits";
import type { Prisma } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";
import type { Tx } from "@/lib/db/transaction";
import type { CouponData } from "../schema";

export interface CouponActor {
  id: string;
}

/** Refused because only an admin may manage a coupon this large; recorded after the rollback. */
class CouponNeedsAdminError extends UserError {
  constructor(
    message: string,
    readonly audit: {
      role: Awaited<ReturnType<typeof currentRole>>;
      action: string;
      entityId: string;
      data: Prisma.InputJsonObject;
    },
  ) {
    super("coupon_admin_only", message, { fieldErrors: { value: message } });
    this.name = "CouponNeedsAdminError";
  }
}

/**
 * Throws CouponNeedsAdminError when a non-admin actor touches a coupon above the staff thresholds:
 * `coupons` are the coupon's values to check (after the change, and before it for an edit).
 */
export async function assertActorMayManage(
  tx: Tx,
  actor: CouponActor,
  coupons: readonly { type: CouponData["type"]; value: number; currency: string }[],
  audit: { action: string; entityId: string; code: string },
  limits: StaffChangeLimits = staffChangeLimits(),
): Promise<void> {
  const problems = coupons.map((coupon) => couponNeedsAdmin(coupon, limits)).filter((problem) => problem !== null);
  if (problems.length === 0) return;
  const role = await currentRole(tx, actor.id);
  if (role === "ADMIN") return;
  throw new CouponNeedsAdminError(problems[0]!, {
    role,
    action: audit.action,
    entityId: audit.entityId,
    data: {
      code: audit.code,
      coupons: coupons.map((coupon) => ({ type: coupon.type, value: coupon.value, currency: coupon.currency })),
    },
  });
}

/** Runs a coupon change; a refusal for the staff thresholds is audited in a write of its own, then rethrown. */
export async function auditingRefusals<T>(db: Db, actor: CouponActor, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof CouponNeedsAdminError) {
      await writeStaffRefusal(db, { actorId: actor.id, entityType: "Coupon", ...error.audit });
    }
    throw error;
  }
}
