// Everything the admin dashboard shows, for one period. Each metric is its own SQL aggregate in its own
// module (definitions are in those modules' comments and docs/reports-and-csv.md); this runs them side by side. The
// dashboard page calls the parts separately so each streams in its own Suspense boundary.
import type { Db } from "@/lib/db";
import { storeCurrency } from "@/lib/catalog/admin/schemas";
import { lowStockVariants, countLowStockVariants, type LowStockVariant } from "@/lib/inventory/low-stock";
import { cartConversion, type Conversion } from "./conversion";
import { awaitingFulfilment, type AwaitingFulfilment } from "./fulfilment";
import { storeTimeZone } from "./period";
import { salesSeries, type SalesSeries } from "./sales";
import { topProducts, type TopProducts } from "./top-products";

export const DASHBOARD_DAYS = 30;

/** The store's selling currency (STORE_CURRENCY, USD by default): the product admin's rule. */
export { storeCurrency };

export interface DashboardInput {
  now: Date;
  days?: number;
  currency?: string;
  /** IANA zone for day boundaries; STORE_TIMEZONE or UTC by default. */
  timeZone?: string;
  /** Rows in each list (top products, low stock, awaiting fulfilment). */
  listLimit?: number;
}

export interface DashboardMetrics {
  sales: SalesSeries;
  conversion: Conversion;
  topProducts: TopProducts;
  awaitingFulfilment: AwaitingFulfilment;
  lowStock: { count: number; variants: LowStockVariant[] };
}

export function resolvePeriod(input: DashboardInput) {
  return {
    now: input.now,
    days: input.days ?? DASHBOARD_DAYS,
    currency: (input.currency ?? storeCurrency()).toUpperCase(),
    timeZone: input.timeZone ?? storeTimeZone(),
  };
}

export async function dashboardMetrics(db: Db, input: DashboardInput): Promise<DashboardMetrics> {
  const period = resolvePeriod(input);
  const limit = input.listLimit ?? 10;
  const [sales, conversion, top, awaiting, lowStock, lowStockCount] = await Promise.all([
    salesSeries(db, period),
    cartConversion(db, period),
    topProducts(db, { ...period, limit: Math.min(limit, 10) }),
    awaitingFulfilment(db, limit),
    lowStockVariants(db, limit, period.now),
    countLowStockVariants(db, period.now),
  ]);
  return {
    sales,
    conversion,
    topProducts: top,
    awaitingFulfilment: awaiting,
    lowStock: { count: lowStockCount, variants: lowStock },
  };
}
