// Automatic promotions from /admin/promotions: create, edit, activate/deactivate. Administrators only
// (staff read them), each change one transaction with its audit entry. What the seller types as slugs
// (products, categories, brands) is stored as ids. Checkout and the cart read promotions live
// (lib/promotions/live.ts), so a change applies from the next cart view or checkout; a cart already at
// the review step sees it as a changed total before it pays.
import type { Db } from "@/lib/db";
import { runTransaction, type Tx } from "@/lib/db/transaction";
import { writeAudit } from "@/lib/audit/log";
import { invalidFields } from "@/lib/actions/result";
import { UserError } from "@/lib/errors";
import type { Prisma, Promotion } from "@/lib/generated/prisma/client";
import { storeCurrency } from "@/lib/money";
import { parseTiers } from "@/lib/promotions/live";
import { assertSettingsAdmin, type SettingsActor } from "./access";
import type { PromotionInput, savePromotionInput, setPromotionActiveInput } from "./promotion-form";
import type { z } from "zod";

export interface AdminPromotion extends Promotion {
  /** The targets' slugs, in the order stored. */
  targetSlugs: string[];
  /** Paid orders that got it. */
  paidOrders: number;
}

type TargetScope = Exclude<Promotion["scope"], "ALL">;

/** Each kind of target's slugs by id: one query per kind present (products, categories, brands). */
async function targetSlugs(
  db: Db,
  promotions: readonly Promotion[],
): Promise<Record<TargetScope, Map<string, string>>> {
  const idsOf = (scope: TargetScope) => [
    ...new Set(promotions.filter((promotion) => promotion.scope === scope).flatMap((promotion) => promotion.targetIds)),
  ];
  const read = async (ids: string[], find: (ids: string[]) => Promise<{ id: string; slug: string }[]>) =>
    new Map(ids.length === 0 ? [] : (await find(ids)).map((row) => [row.id, row.slug]));
  const select = { id: true, slug: true } as const;
  const [PRODUCTS, CATEGORIES, BRANDS] = await Promise.all([
    read(idsOf("PRODUCTS"), (ids) => db.product.findMany({ where: { id: { in: ids } }, select })),
    read(idsOf("CATEGORIES"), (ids) => db.category.findMany({ where: { id: { in: ids } }, select })),
    read(idsOf("BRANDS"), (ids) => db.brand.findMany({ where: { id: { in: ids } }, select })),
  ]);
  return { PRODUCTS, CATEGORIES, BRANDS };
}

export async function listPromotionsForAdmin(db: Db): Promise<AdminPromotion[]> {
  const promotions = await db.promotion.findMany({
    orderBy: [{ active: "desc" }, { priority: "desc" }, { createdAt: "asc" }],
  });
  const counts = await db.$queryRaw<{ promotionId: string; orders: number }[]>`
    SELECT d."promotionId", count(DISTINCT d."orderId")::int AS orders
    FROM "OrderDiscount" d JOIN "Order" o ON o.id = d."orderId"
    WHERE d."promotionId" IS NOT NULL AND o."paidAt" IS NOT NULL
    GROUP BY d."promotionId"`;
  const byPromotion = new Map(counts.map((row) => [row.promotionId, row.orders]));
  const slugs = await targetSlugs(db, promotions);
  return promotions.map((promotion) => {
    const bySlug = promotion.scope === "ALL" ? new Map<string, string>() : slugs[promotion.scope];
    return {
      ...promotion,
      targetSlugs: promotion.targetIds.map((id) => bySlug.get(id) ?? "(deleted)"),
      paidOrders: byPromotion.get(promotion.id) ?? 0,
    };
  });
}

/** The shipping zones sellers can limit free shipping to (the zones of the shipping rates). */
export async function shippingZones(db: Db | Tx): Promise<string[]> {
  const rows = await db.shippingRate.findMany({ distinct: ["zone"], select: { zone: true }, orderBy: { zone: "asc" } });
  return rows.map((row) => row.zone);
}

async function targetIds(tx: Tx, input: PromotionInput): Promise<string[]> {
  if (input.scope === "ALL") return [];
  const where = { where: { slug: { in: input.targets } }, select: { id: true, slug: true } as const };
  const rows =
    input.scope === "PRODUCTS"
      ? await tx.product.findMany(where)
      : input.scope === "CATEGORIES"
        ? await tx.category.findMany(where)
        : await tx.brand.findMany(where);
  const found = new Map(rows.map((row) => [row.slug, row.id]));
  const missing = input.targets.filter((slug) => !found.has(slug));
  if (missing.length > 0) {
    const what = input.scope === "PRODUCTS" ? "product" : input.scope === "CATEGORIES" ? "category" : "brand";
    throw invalidFields(
      { targets: `No ${what} has the slug ${missing.slice(0, 3).join(", ")}.` },
      "promotion_target_missing",
    );
  }
  return input.targets.map((slug) => found.get(slug)!);
}

function columns(input: PromotionInput, ids: string[]) {
  return {
    name: input.name,
    kind: input.kind,
    scope: input.kind === "FREE_SHIPPING" ? ("ALL" as const) : input.scope,
    targetIds: input.kind === "FREE_SHIPPING" ? [] : ids,
    valueBps: input.kind === "PERCENT_OFF" || input.kind === "BUY_X_GET_Y" ? input.percent : null,
    amountCents: input.kind === "AMOUNT_OFF" ? input.amount : null,
    buyQuantity: input.kind === "BUY_X_GET_Y" ? input.buyQuantity : null,
    getQuantity: input.kind === "BUY_X_GET_Y" ? input.getQuantity : null,
    tiers: (input.kind === "TIERED_SPEND" ? input.tiers : []) as unknown as Prisma.InputJsonValue,
    minSubtotalCents: input.kind === "FREE_SHIPPING" ? input.minSubtotal : null,
    shippingZone: input.kind === "FREE_SHIPPING" ? input.shippingZone : null,
    priority: input.priority,
    combinesWithCoupons: input.combinesWithCoupons,
    combinesWithPromotions: input.combinesWithPromotions,
    usageLimit: input.usageLimit,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    active: input.active,
    currency: storeCurrency(),
  };
}

function auditSnapshot(data: ReturnType<typeof columns>) {
  return { ...data, startsAt: data.startsAt?.toISOString() ?? null, endsAt: data.endsAt?.toISOString() ?? null };
}

/** Creates a promotion (no id) or changes one. Administrators only, audited. */
export async function savePromotion(db: Db, actor: SettingsActor | null, input: z.output<typeof savePromotionInput>) {
  assertSettingsAdmin(actor);
  return runTransaction(db, async (tx) => {
    const before = input.id ? await tx.promotion.findUnique({ where: { id: input.id } }) : null;
    if (input.id && !before) throw new UserError("not_found", "This promotion no longer exists.");
    if (input.shippingZone && input.kind === "FREE_SHIPPING") {
      const zones = await shippingZones(tx);
      if (!zones.includes(input.shippingZone)) {
        throw invalidFields({ shippingZone: `There is no shipping zone ${input.shippingZone}.` }, "unknown_zone");
      }
    }
    if (before && input.usageLimit !== null && input.usageLimit < before.timesUsed) {
      throw invalidFields(
        { usageLimit: `Paid orders already used it ${before.timesUsed} times: the limit can't be lower than that.` },
        "usage_limit_below_uses",
      );
    }
    const data = columns(input, await targetIds(tx, input));
    const promotion = before
      ? await tx.promotion.update({ where: { id: before.id }, data })
      : await tx.promotion.create({ data });
    await writeAudit(tx, {
      actorId: actor.id,
      action: before ? "promotion.update" : "promotion.create",
      entityType: "Promotion",
      entityId: promotion.id,
      data: {
        before: before
          ? auditSnapshot({ ...before, tiers: parseTiers(before.tiers) as unknown as Prisma.InputJsonValue })
          : null,
        after: auditSnapshot(data),
      },
    });
    return promotion;
  });
}

export async function setPromotionActive(
  db: Db,
  actor: SettingsActor | null,
  input: z.output<typeof setPromotionActiveInput>,
) {
  assertSettingsAdmin(actor);
  return runTransaction(db, async (tx) => {
    const before = await tx.promotion.findUnique({ where: { id: input.id }, select: { active: true } });
    if (!before) throw new UserError("not_found", "This promotion no longer exists.");
    const promotion = await tx.promotion.update({ where: { id: input.id }, data: { active: input.active } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: input.active ? "promotion.activate" : "promotion.deactivate",
      entityType: "Promotion",
      entityId: promotion.id,
      data: { before: { active: before.active }, after: { active: input.active } },
    });
    return promotion;
  });
}
