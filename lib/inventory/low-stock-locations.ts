// Low stock per location, for the staff digest: each (variant, active location) whose available units
// there (on hand minus what is held, counting expired-but-unswept holds as free, ./stock-sql.ts) are at or
// below the variant's lowStockThreshold. Archived products are left out, as in ./low-stock.ts.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { expiredHeldSql } from "./stock-sql";

export interface LowStockAtLocation {
  variantId: string;
  sku: string;
  variantTitle: string;
  productTitle: string;
  locationName: string;
  available: number;
  lowStockThreshold: number;
}

/** The lowest first, at most `limit` rows, and how many there are in all. */
export async function lowStockByLocation(
  db: Db,
  limit = 200,
  now: Date = new Date(),
): Promise<{ rows: LowStockAtLocation[]; total: number }> {
  const take = Math.min(Math.max(1, Math.floor(limit)), 1000);
  const rows = await db.$queryRaw<LowStockAtLocation[]>`
    SELECT * FROM (
      SELECT v.id AS "variantId", v.sku, v.title AS "variantTitle", p.title AS "productTitle",
             loc.name AS "locationName", v."lowStockThreshold",
             GREATEST(0, l."onHand" - l.reserved + ${expiredHeldSql(Prisma.sql`l."variantId"`, Prisma.sql`l."locationId"`, now)})::int AS available
      FROM "InventoryLevel" l
      JOIN "Variant" v ON v.id = l."variantId"
      JOIN "Product" p ON p.id = v."productId" AND p.status <> 'ARCHIVED'
      JOIN "Location" loc ON loc.id = l."locationId" AND loc.active
    ) s
    WHERE s.available <= s."lowStockThreshold"
    ORDER BY s.available, s."productTitle", s.sku, s."locationName"
    LIMIT ${take}`;
  const [count] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total
    FROM "InventoryLevel" l
    JOIN "Variant" v ON v.id = l."variantId"
    JOIN "Product" p ON p.id = v."productId" AND p.status <> 'ARCHIVED'
    JOIN "Location" loc ON loc.id = l."locationId" AND loc.active
    WHERE GREATEST(0, l."onHand" - l.reserved + ${expiredHeldSql(Prisma.sql`l."variantId"`, Prisma.sql`l."locationId"`, now)}) <= v."lowStockThreshold"`;
  return { rows, total: count?.total ?? 0 };
}
