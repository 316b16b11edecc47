// Coupon administration, the reads: the list with usage counts and one coupon for its edit page, each
// with the state the seller sees (active, disabled, scheduled, expired, used up).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { containsPattern } from "@/lib/inventory/stock-sql";
import { searchText } from "@/lib/text";

export const COUPON_PAGE_SIZE = 25;

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
