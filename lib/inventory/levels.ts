// The admin's stock list: per variant, per location, on hand / reserved / available, with the variant's
// total as the storefront computes it (lib/inventory/availability.ts; see ./stock-sql.ts). Paginated by
// variant so a variant's locations stay together on one page. Read live, never cached.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { containsPattern, expiredHeldSql, variantAvailableSql } from "./stock-sql";

export const INVENTORY_PAGE_SIZE = 25;
export const MAX_SEARCH_LENGTH = 100;

export interface InventoryListParams {
  /** Matches product title, variant title or SKU (case-insensitive, substring). */
  search?: string;
  /** Only this location's column; with lowStockOnly, "low" then means low at this location. */
  locationId?: string;
  /** Variants whose available units are at or below their lowStockThreshold. */
  lowStockOnly?: boolean;
  /** 1-based. */
  page?: number;
  pageSize?: number;
  /** Only this variant (the adjustment page). */
  variantId?: string;
  now?: Date;
}

export interface InventoryLevelRow {
  /** null when the variant has never been stocked here (an adjustment creates the row). */
  levelId: string | null;
  locationId: string;
  locationCode: string;
  locationName: string;
  locationActive: boolean;
  onHand: number;
  /** Units held by unpaid orders whose reservation has not expired. */
  reserved: number;
  available: number;
}

export interface InventoryVariantRow {
  variantId: string;
  sku: string;
  variantTitle: string;
  productId: string;
  productTitle: string;
  productSlug: string;
  productStatus: "DRAFT" | "ACTIVE" | "ARCHIVED";
  lowStockThreshold: number;
  /** Σ available over active locations: what the storefront sells. */
  totalAvailable: number;
  lowStock: boolean;
  levels: InventoryLevelRow[];
}

export interface InventoryList {
  rows: InventoryVariantRow[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export interface LocationOption {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

export async function listLocations(db: Db): Promise<LocationOption[]> {
  return db.location.findMany({
    orderBy: [{ active: "desc" }, { priority: "asc" }, { code: "asc" }],
    select: { id: true, code: true, name: true, active: true },
  });
}

/** A location is shown when it is active, or when it still holds a level row for the variant. */
function levelsJoin(variant: Prisma.Sql, locationId: string | undefined): Prisma.Sql {
  const onlyLocation = locationId ? Prisma.sql`AND loc.id = ${locationId}` : Prisma.empty;
  return Prisma.sql`
    FROM "Location" loc
    LEFT JOIN "InventoryLevel" l ON l."variantId" = ${variant} AND l."locationId" = loc.id
    WHERE (loc.active OR l.id IS NOT NULL) ${onlyLocation}`;
}

export async function listInventory(db: Db, params: InventoryListParams = {}): Promise<InventoryList> {
  const now = params.now ?? new Date();
  const pageSize = Math.min(Math.max(1, Math.floor(params.pageSize ?? INVENTORY_PAGE_SIZE)), 200);
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const search = params.search?.trim().slice(0, MAX_SEARCH_LENGTH) ?? "";
  const locationId = params.locationId || undefined;

  const conditions: Prisma.Sql[] = [];
  if (params.variantId) conditions.push(Prisma.sql`v.id = ${params.variantId}`);
  if (search) {
    const pattern = containsPattern(search);
    conditions.push(Prisma.sql`(p.title ILIKE ${pattern} OR v.sku ILIKE ${pattern} OR v.title ILIKE ${pattern})`);
  }
  if (params.lowStockOnly) {
    const available = locationId
      ? Prisma.sql`COALESCE((SELECT l."onHand" - l.reserved + ${expiredHeldSql(Prisma.sql`v.id`, Prisma.sql`${locationId}`, now)}
                   FROM "InventoryLevel" l WHERE l."variantId" = v.id AND l."locationId" = ${locationId}), 0)`
      : variantAvailableSql(Prisma.sql`v.id`, now);
    // Archived products are left out, as in ./low-stock.ts (the dashboard's list).
    conditions.push(Prisma.sql`p.status <> 'ARCHIVED' AND ${available} <= v."lowStockThreshold"`);
  }
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

  const variants = await db.$queryRaw<(Omit<InventoryVariantRow, "levels" | "lowStock"> & { total: number })[]>`
    SELECT v.id AS "variantId", v.sku, v.title AS "variantTitle", v."lowStockThreshold",
           p.id AS "productId", p.title AS "productTitle", p.slug AS "productSlug", p.status::text AS "productStatus",
           ${variantAvailableSql(Prisma.sql`v.id`, now)} AS "totalAvailable",
           (count(*) OVER ())::int AS total
    FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
    ${where}
    ORDER BY p.title, p.id, v.position, v.id
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;

  // count(*) OVER () is only there when the page has rows; past the last page ask for the count alone.
  let total = variants[0]?.total ?? 0;
  if (variants.length === 0 && page > 1) {
    const [row] = await db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM "Variant" v JOIN "Product" p ON p.id = v."productId" ${where}`;
    total = row?.total ?? 0;
  }

  const levelRows =
    variants.length === 0
      ? []
      : await db.$queryRaw<(InventoryLevelRow & { variantId: string })[]>`
          SELECT vv.id AS "variantId", s.*
          FROM "Variant" vv
          CROSS JOIN LATERAL (
            SELECT l.id AS "levelId", loc.id AS "locationId", loc.code AS "locationCode", loc.name AS "locationName",
                   loc.active AS "locationActive", COALESCE(l."onHand", 0)::int AS "onHand",
                   (COALESCE(l.reserved, 0) - CASE WHEN l.id IS NULL THEN 0 ELSE ${expiredHeldSql(Prisma.sql`vv.id`, Prisma.sql`loc.id`, now)} END)::int AS reserved,
                   loc.priority
            ${levelsJoin(Prisma.sql`vv.id`, locationId)}
          ) s
          WHERE vv.id IN (${Prisma.join(variants.map((variant) => variant.variantId))})
          ORDER BY s."locationActive" DESC, s.priority, s."locationCode"`;

  const byVariant = new Map<string, InventoryLevelRow[]>();
  for (const row of levelRows) {
    const { variantId, ...rest } = row;
    const level: InventoryLevelRow = {
      levelId: rest.levelId,
      locationId: rest.locationId,
      locationCode: rest.locationCode,
      locationName: rest.locationName,
      locationActive: rest.locationActive,
      onHand: rest.onHand,
      reserved: rest.reserved,
      available: rest.onHand - rest.reserved,
    };
    byVariant.set(variantId, [...(byVariant.get(variantId) ?? []), level]);
  }

  return {
    rows: variants.map(({ total: _total, ...variant }) => ({
      ...variant,
      lowStock: variant.totalAvailable <= variant.lowStockThreshold,
      levels: byVariant.get(variant.variantId) ?? [],
    })),
    page,
    pageSize,
    total,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** One variant with its levels (the adjustment page), or null when the id is unknown. */
export async function inventoryForVariant(
  db: Db,
  variantId: string,
  now: Date = new Date(),
): Promise<InventoryVariantRow | null> {
  const list = await listInventory(db, { variantId, now });
  return list.rows[0] ?? null;
}
