// Live stock for pages served whole from the cache: the browser asks for it after such a page loads (the
// product page's purchase panel, the "Out of stock" notes of a cached category listing). Read on every
// call, never cached; lib/inventory/availability.ts does the arithmetic.
import type { Db } from "@/lib/db";
import { ProductStatus } from "@/lib/generated/prisma/enums";
import { getAvailability } from "@/lib/inventory/availability";

/** At most this many products per request: two pages of a listing. */
export const MAX_STOCK_PRODUCTS = 48;

/** Whether each product has a variant that can be bought now; unknown and inactive products are false. */
export async function productsInStock(db: Db, productIds: readonly string[]): Promise<Record<string, boolean>> {
  const ids = [...new Set(productIds)];
  const result: Record<string, boolean> = Object.fromEntries(ids.map((id) => [id, false]));
  if (ids.length === 0) return result;
  const variants = await db.variant.findMany({
    where: { productId: { in: ids }, product: { status: ProductStatus.ACTIVE } },
    select: { id: true, productId: true },
  });
  const availability = await getAvailability(
    db,
    variants.map((variant) => variant.id),
  );
  for (const variant of variants) if ((availability[variant.id] ?? 0) > 0) result[variant.productId] = true;
  return result;
}
