// Read access to the end-to-end store's database (the embedded PostgreSQL that playwright.config.ts
// starts with DATA_DIR=.data/e2e), so tests compare what the browser shows with what is stored.
import pg from "pg";
import { e2eDatabaseUrl } from "./store";

export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return queryAt(e2eDatabaseUrl(), sql, params);
}

/** The same against another store's database (a second store a test starts itself). */
export async function queryAt<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export interface VariantFacts {
  id: string;
  priceCents: number;
  currency: string;
  lowStockThreshold: number;
  available: number;
  options: Record<string, string>;
}

/** Each variant of a product with its option values and its live availability, computed like the store. */
export async function variantFacts(productSlug: string): Promise<VariantFacts[]> {
  const rows = await query<{
    id: string;
    priceCents: number;
    currency: string;
    lowStockThreshold: number;
    available: string;
    options: Record<string, string> | null;
  }>(
    `SELECT v.id, v."priceCents", v.currency, v."lowStockThreshold",
            GREATEST(0,
              COALESCE((SELECT SUM(l."onHand" - l.reserved) FROM "InventoryLevel" l WHERE l."variantId" = v.id), 0)
            + COALESCE((SELECT SUM(r.quantity) FROM "Reservation" r
                         WHERE r."variantId" = v.id AND r.status = 'ACTIVE' AND r."expiresAt" < now()), 0)
            ) AS available,
            (SELECT json_object_agg(o.name, ov.value)
               FROM "VariantOptionValue" vov
               JOIN "ProductOptionValue" ov ON ov.id = vov."optionValueId"
               JOIN "ProductOption" o ON o.id = ov."optionId"
              WHERE vov."variantId" = v.id) AS options
       FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
      WHERE p.slug = $1
      ORDER BY v.position`,
    [productSlug],
  );
  return rows.map((row) => ({ ...row, available: Number(row.available), options: row.options ?? {} }));
}

export function availabilityText(variant: Pick<VariantFacts, "available" | "lowStockThreshold">): string {
  if (variant.available <= 0) return "Out of stock";
  if (variant.available <= variant.lowStockThreshold) return `Only ${variant.available} left`;
  return "In stock";
}

export function formatPrice(cents: number, currency: string): string {
  const digits =
    new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 10 ** digits);
}

/**
 * Runs `body`, which may move a variant's stock behind the store's back (to stage a sell-out) or through
 * it (an order placed in the browser), then puts the variant back exactly as it was, also when `body`
 * fails: each inventory level's on-hand and reserved counts are restored to the saved values, and any
 * reservation taken for the variant meanwhile is released with its unpaid order cancelled (those units
 * are in the saved counts again). Later specs, and a retry of this one, start from the same stock.
 */
export async function withStockRestored<T>(variantId: string, body: () => Promise<T>): Promise<T> {
  const levels = await query<{ id: string; onHand: number; reserved: number }>(
    `SELECT id, "onHand", reserved FROM "InventoryLevel" WHERE "variantId" = $1`,
    [variantId],
  );
  const held = await query<{ id: string }>(
    `SELECT id FROM "Reservation" WHERE "variantId" = $1 AND status = 'ACTIVE'`,
    [variantId],
  );
  try {
    return await body();
  } finally {
    const taken = await query<{ orderId: string }>(
      `UPDATE "Reservation" SET status = 'RELEASED', "updatedAt" = timezone('UTC', now())
        WHERE "variantId" = $1 AND status = 'ACTIVE' AND NOT (id = ANY($2::text[]))
        RETURNING "orderId"`,
      [variantId, held.map((row) => row.id)],
    );
    await query(
      `UPDATE "Order" SET status = 'CANCELLED', "cancelledAt" = timezone('UTC', now()), "updatedAt" = timezone('UTC', now())
        WHERE id = ANY($1::text[]) AND status = 'PENDING_PAYMENT'`,
      [taken.map((row) => row.orderId)],
    );
    for (const level of levels) {
      await query(`UPDATE "InventoryLevel" SET "onHand" = $2, reserved = $3 WHERE id = $1`, [
        level.id,
        level.onHand,
        level.reserved,
      ]);
    }
  }
}
