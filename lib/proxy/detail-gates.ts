// Which detail URLs name a record that is not there (or, for a shopper's order, not theirs to open), so
// proxy.ts can answer them with HTTP 404 before the page renders. Pages stream (Suspense, and with Cache
// Components the shell is sent first), so a notFound() inside a page arrives after a 200 status: the
// not-found content is right but the status is not. Each page keeps its own check (the rule); this only
// gets the status right. One small indexed query per request.
import type { Db } from "@/lib/db";
import { signedStockAlertLink, UNSUBSCRIBE_PAGE_PATH } from "@/lib/inventory/stock-alert-unsubscribe";
import { isDemoMode } from "@/lib/ops/store-mode";
import { canOpenOrder, keyParam, type OrderViewer } from "@/lib/orders/access";

/** The admin detail pages and the table each one's id names. */
const ADMIN_DETAIL_TABLES = {
  orders: "Order",
  products: "Product",
  coupons: "Coupon",
  inventory: "Variant",
} as const;

type AdminSection = keyof typeof ADMIN_DETAIL_TABLES;

// Static siblings of the [id] segments (/admin/products/new, /admin/products/import, /admin/coupons/new).
const STATIC_SEGMENTS = new Set(["new", "import"]);

const ADMIN_DETAIL = /^\/admin\/(orders|products|coupons|inventory)\/([^/]+)\/?$/;
const ORDER_PAGE = /^\/orders\/([^/]+)\/?$/;
const PAY_PAGE = /^\/checkout\/pay\/([^/]+)\/?$/;

function segment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** "/admin/orders/<id>" -> { section, id }; null for any other path (lists, /new, /import, deeper paths). */
export function adminDetailOf(pathname: string): { section: AdminSection; id: string } | null {
  const match = ADMIN_DETAIL.exec(pathname);
  if (!match) return null;
  const id = segment(match[2]!);
  if (id === null || STATIC_SEGMENTS.has(id)) return null;
  // Ids are cuid2 strings; anything longer is certainly unknown (and kept out of the query).
  if (id.length > 64) return { section: match[1] as AdminSection, id: "" };
  return { section: match[1] as AdminSection, id };
}

/**
 * For an admin detail page: false when its record does not exist and the viewer is current staff (the
 * id is unknown: 404). A viewer who is no longer staff gets true, so the page itself refuses them (403):
 * the page's own role check stays what decides, and is what the authorization tests exercise.
 */
export async function adminDetailExists(
  db: Db,
  detail: { section: AdminSection; id: string },
  viewer: { userId: string; sessionVersion: number },
): Promise<boolean> {
  const table = ADMIN_DETAIL_TABLES[detail.section];
  // The table name comes from the constant map above, never from the request.
  const [row] = await db.$queryRawUnsafe<{ found: boolean; staff: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM "${table}" WHERE id = $1) AS found,
            EXISTS (SELECT 1 FROM "User" WHERE id = $2 AND role IN ('STAFF', 'ADMIN') AND "sessionVersion" = $3) AS staff`,
    detail.id,
    viewer.userId,
    viewer.sessionVersion,
  );
  return Boolean(row?.found) || !row?.staff;
}

/**
 * For the storefront's detail pages: false when the page would be a 404. /orders/<id> opens only with a
 * valid key or for the order's own signed-in account (lib/orders/access.ts); /checkout/pay/<id> only for
 * an existing test payment in demo mode; a back-in-stock alert's unsubscribe page only with a genuine
 * signed link (checked without a database query). null: not one of these paths.
 */
export async function shopperDetailOpens(db: Db, url: URL, viewer: OrderViewer | null): Promise<boolean | null> {
  if (url.pathname === UNSUBSCRIBE_PAGE_PATH || url.pathname === `${UNSUBSCRIBE_PAGE_PATH}/`) {
    // One of each, as the page reads them (a repeated parameter reaches the page as a list: refused).
    const [alerts, tokens] = [url.searchParams.getAll("alert"), url.searchParams.getAll("token")];
    return (
      alerts.length === 1 &&
      tokens.length === 1 &&
      signedStockAlertLink({ alert: alerts[0], token: tokens[0] }) !== null
    );
  }
  const order = ORDER_PAGE.exec(url.pathname);
  if (order) {
    const orderId = segment(order[1]!);
    if (orderId === "lookup") return null;
    if (orderId === null) return false;
    return canOpenOrder(db, { orderId, key: keyParam(url.searchParams.get("key")), viewer });
  }
  const pay = PAY_PAGE.exec(url.pathname);
  if (pay) {
    const paymentId = segment(pay[1]!);
    // The test payment page exists only in demo mode (lib/payments/test-provider.ts refuses elsewhere).
    if (!isDemoMode() || paymentId === null || paymentId.length > 64) return false;
    return (await db.payment.count({ where: { id: paymentId, provider: "TEST" } })) > 0;
  }
  return null;
}
