// Who may open a shopper's order page (/orders/<id>):
//   - whoever holds one of the order's access links, /orders/<id>?key=<token>. The token is 32 random
//     bytes (base64url, 43 characters) handed out by checkout (the redirect after payment), by each order
//     email and by a successful lookup (number + email). Only its SHA-256 is stored, so the table alone
//     opens nothing, and a check compares hashes (an index lookup), never raw tokens;
//   - the account that placed the order, while signed in (with a session that is still current).
// The order id alone opens nothing any more, and a refusal looks exactly like an unknown order (404), so
// a page never confirms that an id exists. Staff use the admin, not this page.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";

export type OrderAccessPurpose = "checkout" | "email" | "lookup";

const TOKEN_BYTES = 32;
/** base64url of 32 bytes. Anything else is refused before it reaches the database. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Order ids are cuid2 strings; the same shape check the page always made. */
const ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isOrderIdShape(value: string): boolean {
  return ORDER_ID_PATTERN.test(value);
}

export function newAccessToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function accessTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * The path of an order page (relative, so every caller adds its own origin): with its link's key for a
 * guest, without one for the signed-in account that placed it.
 */
export function orderAccessPath(orderId: string, token?: string | null): string {
  const path = `/orders/${encodeURIComponent(orderId)}`;
  return token ? `${path}?key=${encodeURIComponent(token)}` : path;
}

/** A new link for an existing order; returns the raw token (the caller puts it in a URL, never in storage). */
export async function mintOrderAccessToken(
  db: Pick<Db, "orderAccessToken">,
  orderId: string,
  purpose: OrderAccessPurpose,
): Promise<string> {
  const token = newAccessToken();
  await db.orderAccessToken.create({ data: { orderId, tokenHash: accessTokenHash(token), purpose } });
  return token;
}

/** A signed-in viewer. */
export interface OrderViewer {
  userId: string;
  /**
   * The session's version as its cookie says (lib/auth/options.ts), when the caller has not checked it
   * against the account yet (the proxy): a stale session then opens nothing. getSessionUser() has
   * already checked it, so the page leaves it out.
   */
  sessionVersion?: number;
}

export interface OrderAccessRequest {
  orderId: string;
  /** The `key` of the link, if the request carried one. */
  key?: string | null;
  viewer?: OrderViewer | null;
}

/**
 * Whether this request may open the order page. One indexed query; false for an unknown order, a wrong
 * or malformed key, and a viewer who is not the order's (current) account alike.
 */
export async function canOpenOrder(db: Db, request: OrderAccessRequest): Promise<boolean> {
  if (!isOrderIdShape(request.orderId)) return false;
  const key = request.key && TOKEN_PATTERN.test(request.key) ? request.key : null;
  const viewer = request.viewer ?? null;
  if (!key && !viewer) return false;
  const [row] = await db.$queryRaw<{ open: boolean }[]>`
    SELECT (
      EXISTS (SELECT 1 FROM "OrderAccessToken" t
              WHERE t."tokenHash" = ${key ? accessTokenHash(key) : null} AND t."orderId" = ${request.orderId})
      OR EXISTS (SELECT 1 FROM "Order" o JOIN "User" u ON u.id = o."userId"
                 WHERE o.id = ${request.orderId} AND u.id = ${viewer?.userId ?? null}
                   AND (${viewer?.sessionVersion ?? null}::int IS NULL OR u."sessionVersion" = ${viewer?.sessionVersion ?? null}::int))
    ) AS open`;
  return row?.open === true;
}

/** The `key` query parameter as one string (Next gives string[] for a repeated parameter). */
export function keyParam(value: string | string[] | null | undefined): string | null {
  const key = Array.isArray(value) ? value[0] : value;
  return key && TOKEN_PATTERN.test(key) ? key : null;
}
