// Variants running low: total available (as the storefront computes it, ./stock-sql.ts) at or below the
// variant's lowStockThreshold. Archived products are left out (nobody restocks them); drafts stay in,
// since they are often being prepared for sale. For the dashboard and the inventory list's filter.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { variantAvailableSql } from "./stock-sql";

export interface LowStockVariant {
  variantId: string;
  sku: string;
  variantTitle: string;
  productId: string;
  productTitle: string;
  productSlug: string;
  available: number;
  lowStockThreshold: number;
}

function lowStockFrom(now: Date): Prisma.Sql {
  return Prisma.sql`
    FROM (
      SELECT v.id, v.sku, v.title, v.position, v."lowStockThreshold", v."productId",
             ${variantAvailableSql(Prisma.sql`v.id`, now)} AS available
      FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
      WHERE p.status <> 'ARCHIVED'
    ) s
    JOIN "Product" p ON p.id = s."productId"
    WHERE s.available <= s."lowStockThreshold"`;
}

/** The lowest first (sold out at the top), at most `limit`. */
export async function lowStockVariants(db: Db, limit = 10, now: Date = new Date()): Promise<LowStockVariant[]> {
  const take = Math.min(Math.max(1, Math.floor(limit)), 500);
  return db.$queryRaw<LowStockVariant[]>`
    SELECT s.id AS "variantId", s.sku, s.title AS "variantTitle", p.id AS "productId", p.title AS "productTitle",
           p.slug AS "productSlug", s.available, s."lowStockThreshold"
    ${lowStockFrom(now)}
    ORDER BY s.available, p.title, s.position, s.id
    LIMIT ${take}`;
}

/** How many variants are low (for a dashboard badge: "12 low-stock variants"). */
export async function countLowStockVariants(db: Db, now: Date = new Date()): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count ${lowStockFrom(now)}`;
  return row?.count ?? 0;
}
