// Coupon administration, the writes: create, edit, enable/disable. Every change is one transaction with
// its audit entry. Rules stay where checkout evaluates them (lib/pricing/coupons.ts): this module only
// stores what the seller chose, after checking its shape (../schema.ts) and what needs the database (the
// code is free, case-insensitively; scope ids exist; a usage limit is not set below the redemptions
// already counted). Coupons above the staff thresholds are for admins only (./admin-only.ts).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/log";
import { isUniqueViolation, runTransaction, type Tx } from "@/lib/db/transaction";
import { normalizeCouponCode } from "@/lib/pricing/coupons";
import { couponFieldError, parseCouponInput, type CouponData, type CouponInput } from "../schema";
import { assertActorMayManage, auditingRefusals, type CouponActor } from "./admin-only";

export type { CouponActor } from "./admin-only";

const codeTaken = (code: string) =>
  couponFieldError("code", `The code ${code} is already used by another coupon.`, "coupon_code_taken");

function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003";
}

/** Codes are stored upper-case, so the unique index is case-insensitive in effect; this gives the friendly error first. */
async function assertCodeFree(tx: Tx, code: string, exceptId: string | null): Promise<void> {
  const [row] = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Coupon" WHERE upper(code) = ${normalizeCouponCode(code)} LIMIT 1`;
  if (row && row.id !== exceptId) throw codeTaken(code);
}

async function assertScopeIdsExist(tx: Tx, data: CouponData): Promise<void> {
  if (data.categoryIds.length > 0) {
    const found = await tx.category.count({ where: { id: { in: data.categoryIds } } });
    if (found !== data.categoryIds.length) {
      throw couponFieldError(
        "categoryIds",
        "One of the chosen categories no longer exists. Reload the page and choose again.",
      );
    }
  }
  if (data.productIds.length > 0) {
    const found = await tx.product.count({ where: { id: { in: data.productIds } } });
    if (found !== data.productIds.length) {
      throw couponFieldError(
        "productIds",
        "One of the chosen products no longer exists. Reload the page and choose again.",
      );
    }
  }
}

/** The coupon's own columns, as written to the database. */
function columns(data: CouponData) {
  return {
    code: data.code,
    description: data.description,
    type: data.type,
    value: data.value,
    currency: data.currency,
    minSubtotalCents: data.minSubtotalCents,
    usageLimit: data.usageLimit,
    perCustomerLimit: data.perCustomerLimit,
    startsAt: data.startsAt,
    endsAt: data.endsAt,
    scope: data.scope,
  };
}

/** The stored fields, as written to the audit log: the columns plus the scope's ids, in JSON-safe form. */
function auditSnapshot(data: CouponData) {
  return {
    ...columns(data),
    startsAt: data.startsAt?.toISOString() ?? null,
    endsAt: data.endsAt?.toISOString() ?? null,
    categoryIds: [...data.categoryIds].sort(),
    productIds: [...data.productIds].sort(),
  };
}

/** A concurrent create of the same code, or a category deleted meanwhile: clean messages, not a 500. */
async function withFriendlyConflicts<T>(data: CouponData, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(data.code);
    if (isForeignKeyViolation(error)) {
      throw couponFieldError(
        data.scope === "PRODUCTS" ? "productIds" : "categoryIds",
        "One of the chosen items no longer exists. Reload the page and choose again.",
      );
    }
    throw error;
  }
}

/** How a create or an update runs: its refusals audited, its conflicts told as field messages, in one transaction. */
function couponWrite<T>(db: Db, actor: CouponActor, data: CouponData, write: (tx: Tx) => Promise<T>): Promise<T> {
  return auditingRefusals(db, actor, () => withFriendlyConflicts(data, () => runTransaction(db, write)));
}

/**
 * `input` is the form's fields as text ("15", "10.00", "2026-12-01T09:00") or numbers/Dates from scripts;
 * it is parsed here (../schema.ts) whatever the caller already checked. Throws UserErrors with fieldErrors.
 */
export async function createCoupon(
  db: Db,
  actor: CouponActor,
  input: CouponInput | Record<string, unknown>,
): Promise<{ id: string; code: string }> {
  const data = parseCouponInput(input);
  return couponWrite(db, actor, data, async (tx) => {
    await assertActorMayManage(tx, actor, [data], {
      action: "coupon.create",
      entityId: data.code,
      code: data.code,
    });
    await assertCodeFree(tx, data.code, null);
    await assertScopeIdsExist(tx, data);
    const coupon = await tx.coupon.create({
      data: {
        ...columns(data),
        categories: { create: data.categoryIds.map((categoryId) => ({ categoryId })) },
        products: { create: data.productIds.map((productId) => ({ productId })) },
      },
      select: { id: true, code: true },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "coupon.create",
      entityType: "Coupon",
      entityId: coupon.id,
      data: auditSnapshot(data),
    });
    return coupon;
  });
}

const couponNotFound = () =>
  new UserError("coupon_not_found", "That coupon does not exist (it may have been deleted).");

/** Locks the coupon row: checkout counts a redemption under the same lock, so the limit check below holds. */
async function lockCoupon(tx: Tx, couponId: string) {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Coupon" WHERE id = ${couponId} FOR UPDATE`;
  if (!locked) throw couponNotFound();
  return tx.coupon.findUniqueOrThrow({
    where: { id: couponId },
    include: { categories: { select: { categoryId: true } }, products: { select: { productId: true } } },
  });
}

export async function updateCoupon(
  db: Db,
  actor: CouponActor,
  couponId: string,
  input: CouponInput | Record<string, unknown>,
): Promise<{ id: string; code: string }> {
  const data = parseCouponInput(input);
  return couponWrite(db, actor, data, async (tx) => {
    const before = await lockCoupon(tx, couponId);
    // An admin-only coupon stays admin-only, also to lower it: staff could otherwise widen its other rules.
    await assertActorMayManage(tx, actor, [before, data], {
      action: "coupon.update",
      entityId: couponId,
      code: before.code,
    });
    await assertCodeFree(tx, data.code, couponId);
    await assertScopeIdsExist(tx, data);
    if (data.usageLimit !== null && data.usageLimit < before.timesRedeemed) {
      throw couponFieldError(
        "usageLimit",
        `This code has already been redeemed ${before.timesRedeemed} times: the limit can't be lower than that.`,
      );
    }
    await tx.coupon.update({ where: { id: couponId }, data: columns(data) });
    await tx.couponCategory.deleteMany({ where: { couponId } });
    await tx.couponProduct.deleteMany({ where: { couponId } });
    if (data.categoryIds.length > 0)
      await tx.couponCategory.createMany({
        data: data.categoryIds.map((categoryId) => ({ couponId, categoryId })),
      });
    if (data.productIds.length > 0)
      await tx.couponProduct.createMany({ data: data.productIds.map((productId) => ({ couponId, productId })) });

    const previous = auditSnapshot({
      ...before,
      categoryIds: before.categories.map((entry) => entry.categoryId),
      productIds: before.products.map((entry) => entry.productId),
    });
    const next = auditSnapshot(data);
    // Only what changed, as [before, after] pairs: the trail stays readable.
    const changes: Record<string, [Prisma.InputJsonValue | null, Prisma.InputJsonValue | null]> = {};
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      if (JSON.stringify(previous[key]) !== JSON.stringify(next[key])) changes[key] = [previous[key], next[key]];
    }
    await writeAudit(tx, {
      actorId: actor.id,
      action: "coupon.update",
      entityType: "Coupon",
      entityId: couponId,
      data: { changes },
    });
    return { id: couponId, code: data.code };
  });
}

/** Disabling stops new checkouts using the code at once; orders already placed with it keep their discount. */
export async function setCouponActive(
  db: Db,
  actor: CouponActor,
  couponId: string,
  active: boolean,
): Promise<{ id: string; code: string; active: boolean }> {
  if (typeof couponId !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(couponId)) throw couponNotFound();
  return auditingRefusals(db, actor, () =>
    runTransaction(db, async (tx) => {
      const [row] = await tx.$queryRaw<
        { code: string; was: boolean; type: CouponData["type"]; value: number; currency: string }[]
      >`SELECT code, active AS was, type::text AS type, value, currency FROM "Coupon" WHERE id = ${couponId} FOR UPDATE`;
      if (!row) throw couponNotFound();
      // Disabling is always allowed: it only stops a discount.
      if (active && !row.was) {
        await assertActorMayManage(tx, actor, [row], { action: "coupon.enable", entityId: couponId, code: row.code });
      }
      // Already in that state (a double click): nothing changes and nothing is logged.
      if (row.was !== active) {
        await tx.coupon.update({ where: { id: couponId }, data: { active } });
        await writeAudit(tx, {
          actorId: actor.id,
          action: active ? "coupon.enable" : "coupon.disable",
          entityType: "Coupon",
          entityId: couponId,
          data: { code: row.code },
        });
      }
      return { id: couponId, code: row.code, active };
    }),
  );
}
