// The back-in-stock email: one per claimed subscription (lib/inventory/back-in-stock.ts queues it in the
// transaction that made the variant available again). Rendered from the database when it is sent, so it
// names the product as it is then; a product taken off sale since renders nothing (no email). It carries a
// signed unsubscribe link that deletes the alert, in the body and as a one-click List-Unsubscribe header
// (lib/inventory/stock-alert-unsubscribe.ts).
import type { Db } from "@/lib/db";
import { productPath } from "@/lib/catalog/site";
import { stockAlertOneClickPath, stockAlertUnsubscribePagePath } from "@/lib/inventory/stock-alert-unsubscribe";
import { escapeHtml } from "./html";
import type { Email } from "./types";

export async function renderBackInStock(
  db: Db,
  alertId: string,
  siteBase: string,
  storeName: string,
): Promise<Email | null> {
  const alert = await db.stockAlert.findUnique({
    where: { id: alertId },
    select: {
      email: true,
      variant: { select: { id: true, title: true, product: { select: { title: true, slug: true, status: true } } } },
    },
  });
  if (!alert || alert.variant.product.status !== "ACTIVE") return null;
  const { product } = alert.variant;
  const name = alert.variant.title ? `${product.title} (${alert.variant.title})` : product.title;
  const link = `${siteBase}${productPath(product.slug)}?variant=${encodeURIComponent(alert.variant.id)}`;
  const subject = `${storeName}: ${name} is back in stock`;
  const unsubscribe = `${siteBase}${stockAlertUnsubscribePagePath(alertId)}`;
  const text = [
    `${name} is back in stock.`,
    ``,
    `Get it before it sells out again: ${link}`,
    ``,
    `You asked us to tell you once. We won't email you about it again unless you ask again.`,
    `Stop alerts about it: ${unsubscribe}`,
  ].join("\n");
  const html =
    `<div style="font-family:system-ui,sans-serif;max-width:560px">` +
    `<h1 style="font-size:20px">${escapeHtml(name)} is back in stock</h1>` +
    `<p><a href="${escapeHtml(link)}">Get it before it sells out again</a></p>` +
    `<p style="color:#555">You asked us to tell you once. We won't email you about it again unless you ask again. ` +
    `<a href="${escapeHtml(unsubscribe)}">Unsubscribe from this alert</a></p></div>`;
  const headers = {
    "List-Unsubscribe": `<${siteBase}${stockAlertOneClickPath(alertId)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
  return { to: alert.email, subject, text, html, headers };
}
