// Read access to the end-to-end store's database (the embedded PostgreSQL that playwright.config.ts
// starts with DATA_DIR=.data/e2e), so tests compare what the browser shows with what is stored.
import pg from "pg";
import { e2eDatabaseUrl } from "./store";

const url = e2eDatabaseUrl();

export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
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
