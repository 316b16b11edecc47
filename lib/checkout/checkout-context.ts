// Everything placing an order reads, in ONE query: whether this checkout token already placed an order,
// the cart, its lines with the live variant, product and first image, the shipping rates in the cart's
// currency, the destination's tax rates, the lines' stock levels, the store settings (the free-shipping
// threshold, the currency display) and the promotions live in the cart's currency. Checkout runs under contention;
// every round trip inside its transaction costs throughput.
import type { ProductStatus, ShippingMethod } from "@/lib/generated/prisma/enums";
import type { ShippingRateRow } from "@/lib/pricing/shipping";
import type { TaxRateRow } from "@/lib/pricing/tax";
import { Prisma } from "@/lib/generated/prisma/client";
import { stockLevelsJson, type StockLevelRead } from "@/lib/inventory/stock-updates";
import { livePromotionsJson, livePromotionsOf, type LivePromotion } from "@/lib/promotions/live";
import {
  DEFAULT_STORE_SETTINGS,
  storeSettingsJson,
  storeSettingsOf,
  type StoreSettings,
} from "@/lib/settings/store-settings";
import { holdLocksColumn } from "./holds";
import type { SqlTx } from "@/lib/db/transaction";

export interface CheckoutLine {
  variantId: string;
  quantity: number;
  /** null when the variant no longer exists. */
  variant: {
    title: string;
    sku: string;
    priceCents: number;
    currency: string;
    productId: string;
    productTitle: string;
    productStatus: ProductStatus;
    categoryId: string;
    brandId: string | null;
    imageUrl: string | null;
  } | null;
}

export interface CheckoutContext {
  /** The order this checkout token already placed (a double submit), if any. */
  existingOrderId: string | null;
  cartId: string;
  currency: string;
  userId: string | null;
  expired: boolean;
  lines: CheckoutLine[];
  shippingRates: ShippingRateRow[];
  taxRates: TaxRateRow[];
  levels: StockLevelRead[];
  /** Read in the transaction: a threshold the seller just changed applies to this very checkout. */
  settings: StoreSettings;
  /** Live now in the cart's currency, used-up limited ones left out (not locked: lockUsedUp). */
  promotions: LivePromotion[];
}

interface ContextRow {
  existingOrderId: string | null;
  /** null when the cart does not exist (any more). */
  id: string | null;
  currency: string;
  userId: string | null;
  expired: boolean;
  lines: CheckoutLine[];
  shippingRates: (Omit<ShippingRateRow, "method"> & { method: ShippingMethod })[];
  taxRates: TaxRateRow[];
  levels: StockLevelRead[];
  settings: unknown;
  promotions: unknown;
}

const EMPTY_CONTEXT: CheckoutContext = {
  existingOrderId: null,
  cartId: "",
  currency: "",
  userId: null,
  expired: false,
  lines: [],
  shippingRates: [],
  taxRates: [],
  levels: [],
  settings: DEFAULT_STORE_SETTINGS,
  promotions: [],
};

/**
 * null when the cart does not exist; a context with existingOrderId set when the token already placed an
 * order. Also takes the transaction's advisory locks named by `holdLockKeys` (lib/checkout/holds.ts): they
 * are held until the transaction ends, and later statements see whatever the previous holder committed.
 */
export async function loadCheckoutContext(
  tx: SqlTx,
  input: { checkoutToken: string; cartId: string; country: string; now: Date; holdLockKeys: readonly string[] },
): Promise<CheckoutContext | null> {
  const [row] = await tx.$queryRaw<ContextRow[]>`/* prepared */
    SELECT ${holdLocksColumn(input.holdLockKeys)},
      (SELECT o.id FROM "Order" o WHERE o."checkoutToken" = ${input.checkoutToken}) AS "existingOrderId",
      c.id, c.currency, c."userId", (c."expiresAt" <= ${input.now}::timestamp) AS expired,
      coalesce((
        SELECT json_agg(json_build_object(
          'variantId', cl."variantId",
          'quantity', cl.quantity,
          'variant', CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object(
            'title', v.title, 'sku', v.sku, 'priceCents', v."priceCents", 'currency', v.currency,
            'productId', p.id, 'productTitle', p.title, 'productStatus', p.status, 'categoryId', p."categoryId", 'brandId', p."brandId",
            'imageUrl', (SELECT i.url FROM "ProductImage" i WHERE i."productId" = p.id ORDER BY i.position, i.id LIMIT 1)
          ) END
        ) ORDER BY cl."createdAt", cl.id)
        FROM "CartLine" cl
        LEFT JOIN "Variant" v ON v.id = cl."variantId"
        LEFT JOIN "Product" p ON p.id = v."productId"
        WHERE cl."cartId" = c.id
      ), '[]'::json) AS lines,
      coalesce((
        SELECT json_agg(json_build_object(
          'id', s.id, 'zone', s.zone, 'countries', s.countries, 'method', s.method, 'name', s.name,
          'priceCents', s."priceCents", 'currency', s.currency, 'freeOverCents', s."freeOverCents",
          'minDays', s."minDays", 'maxDays', s."maxDays", 'active', s.active
        ))
        FROM "ShippingRate" s WHERE s.active AND s.currency = c.currency
      ), '[]'::json) AS "shippingRates",
      coalesce((
        SELECT json_agg(json_build_object('country', t.country, 'region', t.region, 'rateBps', t."rateBps", 'name', t.name))
        FROM "TaxRate" t WHERE t.country = ${input.country}
      ), '[]'::json) AS "taxRates",
      ${stockLevelsJson(Prisma.sql`SELECT cl."variantId" FROM "CartLine" cl WHERE cl."cartId" = c.id`, input.now)} AS levels,
      ${storeSettingsJson} AS settings,
      ${livePromotionsJson(input.now, Prisma.sql`c.currency`)} AS promotions
    FROM (SELECT 1) AS always
    LEFT JOIN "Cart" c ON c.id = ${input.cartId}`;
  if (!row) throw new Error("checkout context query returned no row");
  if (row.existingOrderId) return { ...EMPTY_CONTEXT, existingOrderId: row.existingOrderId };
  if (row.id === null) return null;
  return {
    existingOrderId: row.existingOrderId,
    cartId: row.id,
    currency: row.currency,
    userId: row.userId,
    expired: row.expired,
    lines: row.lines,
    shippingRates: row.shippingRates,
    taxRates: row.taxRates,
    levels: row.levels,
    settings: storeSettingsOf(row.settings),
    promotions: livePromotionsOf(row.promotions),
  };
}
