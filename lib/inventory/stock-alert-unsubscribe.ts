// Unsubscribing from a back-in-stock alert with the link in its email: no account, no cookie, only the
// alert's id and a signature over it. The signature is an HMAC-SHA256 of the id keyed with the store's
// NEXTAUTH_SECRET (the same on every instance and the worker), so the link cannot be forged for another
// alert, is never stored, and stays valid for that alert however often its shopper subscribes again.
//
// Two ways in, both ending in unsubscribeStockAlert:
//   - the link in the email body opens /alerts/unsubscribe, a page with one button (a GET never deletes:
//     mail scanners open links), answered with HTTP 404 by proxy.ts when the signature is wrong;
//   - the List-Unsubscribe header's one-click POST (RFC 8058) from the mail client to
//     /api/stock-alerts/unsubscribe.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { idSchema } from "@/lib/ids";

export const UNSUBSCRIBE_PAGE_PATH = "/alerts/unsubscribe";
export const UNSUBSCRIBE_ONE_CLICK_PATH = "/api/stock-alerts/unsubscribe";

/** base64url of an HMAC-SHA256: 43 characters. */
const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const unsubscribeStockAlertInput = z.object({
  alert: idSchema({ missing: "This link is incomplete.", invalid: "This link is not valid." }),
  token: z.string({ error: "This link is incomplete." }).regex(SIGNATURE_PATTERN, "This link is not valid."),
});
export type UnsubscribeStockAlertInput = z.output<typeof unsubscribeStockAlertInput>;

function signingKey(): string {
  const secret = process.env.NEXTAUTH_SECRET?.trim();
  // npm start generates one in demo mode and production mode requires one (lib/readiness/checks.ts).
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: unsubscribe links cannot be signed.");
  return secret;
}

export function stockAlertSignature(alertId: string): string {
  return createHmac("sha256", signingKey()).update(`stock-alert-unsubscribe:${alertId}`).digest("base64url");
}

/** True when the link's signature is the alert's (constant-time comparison). */
export function isSignedStockAlertLink(input: UnsubscribeStockAlertInput): boolean {
  const expected = Buffer.from(stockAlertSignature(input.alert));
  const presented = Buffer.from(input.token);
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}

/** Parses and checks a link's query (alert, token): the input when it is a genuine link, else null. */
export function signedStockAlertLink(params: { alert?: unknown; token?: unknown }): UnsubscribeStockAlertInput | null {
  const parsed = unsubscribeStockAlertInput.safeParse(params);
  return parsed.success && isSignedStockAlertLink(parsed.data) ? parsed.data : null;
}

function linkQuery(alertId: string): string {
  return `alert=${encodeURIComponent(alertId)}&token=${stockAlertSignature(alertId)}`;
}

/** The email body's link (relative: the caller adds the site's origin). */
export function stockAlertUnsubscribePagePath(alertId: string): string {
  return `${UNSUBSCRIBE_PAGE_PATH}?${linkQuery(alertId)}`;
}

/** The List-Unsubscribe header's one-click address (relative). */
export function stockAlertOneClickPath(alertId: string): string {
  return `${UNSUBSCRIBE_ONE_CLICK_PATH}?${linkQuery(alertId)}`;
}

/** The product and variant an alert is about, for the unsubscribe page; null when it is gone already. */
export async function stockAlertSummary(
  db: Db,
  alertId: string,
): Promise<{ productTitle: string; variantTitle: string | null } | null> {
  const alert = await db.stockAlert.findUnique({
    where: { id: alertId },
    select: { variant: { select: { title: true, product: { select: { title: true } } } } },
  });
  return alert ? { productTitle: alert.variant.product.title, variantTitle: alert.variant.title || null } : null;
}

/**
 * Deletes the alert a genuine link names. Returns "removed", "already" (gone already: a second click,
 * or the other way in was used first) or "invalid" (a forged or damaged link: nothing is deleted).
 */
export async function unsubscribeStockAlert(
  db: Db,
  input: UnsubscribeStockAlertInput,
): Promise<"removed" | "already" | "invalid"> {
  if (!isSignedStockAlertLink(input)) return "invalid";
  const { count } = await db.stockAlert.deleteMany({ where: { id: input.alert } });
  return count > 0 ? "removed" : "already";
}
