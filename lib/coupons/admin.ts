// Coupon administration: create, edit, enable/disable, and the list with usage counts. Every change is
// one transaction with its audit entry. Rules stay where checkout evaluates them (lib/pricing/coupons.ts):
// this module only stores what the seller chose, after checking its shape (./schema.ts) and what needs
// the database (the code is free, case-insensitively; scope ids exist; a usage limit is not set below
// the redemptions already counted). Coupons above the staff thresholds (lib/auth/staff-limits.ts) are
// for admins only: staff cannot create, edit or enable one, and each refusal is audited on its own.
import type { Db } from "@/lib/db";
import {
  couponNeedsAdmin,
  currentRole,
  staffChangeLimits,
  writeStaffRefusal,
  type StaffChangeLimits,
} from "@/lib/auth/staff-limits";
import { Prisma } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/log";
import { isUniqueViolation, runTransaction, type Tx } from "@/lib/db/transaction";
import { containsPattern } from "@/lib/inventory/stock-sql";
import { normalizeCouponCode } from "@/lib/pricing/coupons";
import { couponFieldError, parseCouponInput, type CouponData, type CouponInput } from "./schema";
import { searchText } from "@/lib/text";

export interface CouponActor {
  id: string;
}

export const COUPON_PAGE_SIZE = 25;

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
async function assertActorMayManage(
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
async function auditingRefusals<T>(db: Db, actor: CouponActor, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof CouponNeedsAdminError) {
      await writeStaffRefusal(db, { actorId: actor.id, entityType: "Coupon", ...error.audit });
    }
    throw error;
  }
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

/**
 * `input` is the form's fields as text ("15", "10.00", "2026-12-01T09:00") or numbers/Dates from scripts;
 * it is parsed here (./schema.ts) whatever the caller already checked. Throws UserErrors with fieldErrors.
 */
export async function createCoupon(
  db: Db,
  actor: CouponActor,
  input: CouponInput | Record<string, unknown>,
): Promise<{ id: string; code: string }> {
  const data = parseCouponInput(input);
  return auditingRefusals(db, actor, () =>
    withFriendlyConflicts(data, () =>
      runTransaction(db, async (tx) => {
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
      }),
    ),
  );
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
  return auditingRefusals(db, actor, () =>
    withFriendlyConflicts(data, () =>
      runTransaction(db, async (tx) => {
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
      }),
    ),
  );
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

// ---------------------------------------------------------------------------------------------
// Reads

export type CouponState = "active" | "disabled" | "scheduled" | "expired" | "used_up";

export function couponState(
  coupon: { active: boolean; startsAt: Date | null; endsAt: Date | null; usageLimit: number | null },
  redemptions: number,
  now: Date = new Date(),
): CouponState {
  if (!coupon.active) return "disabled";
  if (coupon.endsAt && now >= coupon.endsAt) return "expired";
  if (coupon.usageLimit !== null && redemptions >= coupon.usageLimit) return "used_up";
  if (coupon.startsAt && now < coupon.startsAt) return "scheduled";
  return "active";
}

/** The coupon's own rules, as stored: what the list and the edit page both show. */
export interface CouponFields {
  id: string;
  code: string;
  description: string;
  type: "PERCENTAGE" | "FIXED_AMOUNT";
  value: number;
  currency: string;
  scope: "ORDER" | "CATEGORIES" | "PRODUCTS";
  minSubtotalCents: number;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  active: boolean;
}

export interface CouponListRow extends CouponFields {
  /** Redemptions by paid orders (CouponRedemption rows): the usage that counts. */
  redemptions: number;
  /** Sum of the discounts those paid orders received, in the coupon's currency's minor units. */
  discountCents: number;
  /** Unpaid orders holding the code right now (placed, reservation not expired): they count for the limit until they lapse. */
  pending: number;
  state: CouponState;
}

export interface CouponList {
  rows: CouponListRow[];
  page: number;
  pageCount: number;
  total: number;
}

export async function listCoupons(
  db: Db,
  params: { search?: string; page?: number; now?: Date } = {},
): Promise<CouponList> {
  const now = params.now ?? new Date();
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const search = searchText(params.search, 64);
  const where = search
    ? Prisma.sql`WHERE c.code ILIKE ${containsPattern(search)} OR c.description ILIKE ${containsPattern(search)}`
    : Prisma.empty;
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<Omit<CouponListRow, "state">[]>`
      SELECT c.id, c.code, c.description, c.type::text AS type, c.value, c.currency, c.scope::text AS scope,
             c."minSubtotalCents", c."usageLimit", c."perCustomerLimit", c."startsAt", c."endsAt", c.active,
             COALESCE(r.redemptions, 0)::int AS redemptions, COALESCE(r.discount, 0)::int AS "discountCents",
             (SELECT count(*) FROM "Order" o
              WHERE o."couponId" = c.id AND o.status = 'PENDING_PAYMENT'
                AND EXISTS (SELECT 1 FROM "Reservation" rv WHERE rv."orderId" = o.id AND rv.status = 'ACTIVE' AND rv."expiresAt" > ${now}::timestamp)
             )::int AS pending
      FROM "Coupon" c
      LEFT JOIN (
        SELECT "couponId", count(*) AS redemptions, sum("amountCents") AS discount FROM "CouponRedemption" GROUP BY "couponId"
      ) r ON r."couponId" = c.id
      ${where}
      ORDER BY c."createdAt" DESC, c.id
      LIMIT ${COUPON_PAGE_SIZE} OFFSET ${(page - 1) * COUPON_PAGE_SIZE}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Coupon" c ${where}`,
  ]);
  const total = count?.total ?? 0;
  return {
    rows: rows.map((row) => ({ ...row, state: couponState(row, row.redemptions, now) })),
    page,
    total,
    pageCount: Math.max(1, Math.ceil(total / COUPON_PAGE_SIZE)),
  };
}

export interface CouponDetail extends CouponFields {
  createdAt: Date;
  categoryIds: string[];
  products: { id: string; title: string }[];
  redemptions: number;
  discountCents: number;
  recentRedemptions: { orderId: string; orderNumber: number; email: string; amountCents: number; createdAt: Date }[];
  state: CouponState;
}

/** One coupon for its edit page, or null for an unknown (or malformed) id. */
export async function getCoupon(db: Db, couponId: string, now: Date = new Date()): Promise<CouponDetail | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(couponId)) return null;
  const coupon = await db.coupon.findUnique({
    where: { id: couponId },
    include: {
      categories: { select: { categoryId: true } },
      products: { select: { product: { select: { id: true, title: true } } } },
    },
  });
  if (!coupon) return null;
  const [usage, recent] = await Promise.all([
    db.couponRedemption.aggregate({ where: { couponId }, _count: true, _sum: { amountCents: true } }),
    db.couponRedemption.findMany({
      where: { couponId },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { orderId: true, email: true, amountCents: true, createdAt: true, order: { select: { number: true } } },
    }),
  ]);
  return {
    id: coupon.id,
    code: coupon.code,
    description: coupon.description,
    type: coupon.type,
    value: coupon.value,
    currency: coupon.currency,
    scope: coupon.scope,
    minSubtotalCents: coupon.minSubtotalCents,
    usageLimit: coupon.usageLimit,
    perCustomerLimit: coupon.perCustomerLimit,
    startsAt: coupon.startsAt,
    endsAt: coupon.endsAt,
    active: coupon.active,
    createdAt: coupon.createdAt,
    categoryIds: coupon.categories.map((entry) => entry.categoryId),
    products: coupon.products.map((entry) => entry.product).sort((a, b) => a.title.localeCompare(b.title)),
    redemptions: usage._count,
    discountCents: usage._sum.amountCents ?? 0,
    recentRedemptions: recent.map((entry) => ({
      orderId: entry.orderId,
      orderNumber: entry.order.number,
      email: entry.email,
      amountCents: entry.amountCents,
      createdAt: entry.createdAt,
    })),
    state: couponState(coupon, usage._count, now),
  };
}

// ---------------------------------------------------------------------------------------------
// Scope pickers

export interface CategoryOption {
  id: string;
  /** "Apparel › T-shirts" */
  label: string;
}

/** Every category as an indented path, for the scope checkboxes (the tree is small). */
export async function categoryOptions(db: Db): Promise<CategoryOption[]> {
  const categories = await db.category.findMany({
    select: { id: true, name: true, parentId: true, position: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
  });
  const byId = new Map(categories.map((category) => [category.id, category]));
  const path = (id: string): string[] => {
    const names: string[] = [];
    for (
      let current = byId.get(id), depth = 0;
      current && depth < 32;
      current = current.parentId ? byId.get(current.parentId) : undefined, depth++
    ) {
      names.unshift(current.name);
    }
    return names;
  };
  return categories
    .map((category) => ({ id: category.id, label: path(category.id).join(" › ") }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export interface ProductOption {
  id: string;
  title: string;
  status: string;
}

/** Products matching a title or SKU, for the scope picker (typed search, never the whole catalog). */
export async function searchProductOptions(db: Db, query: string, limit = 20): Promise<ProductOption[]> {
  const text = query.trim().slice(0, 100);
  if (text.length < 2) return [];
  const pattern = containsPattern(text);
  return db.$queryRaw<ProductOption[]>`
    SELECT p.id, p.title, p.status::text AS status FROM "Product" p
    WHERE p.title ILIKE ${pattern} OR p.slug ILIKE ${pattern}
       OR EXISTS (SELECT 1 FROM "Variant" v WHERE v."productId" = p.id AND v.sku ILIKE ${pattern})
    ORDER BY (p.status = 'ACTIVE') DESC, p.title
    LIMIT ${Math.min(Math.max(1, limit), 50)}`;
}
