// The low-stock digest to staff (topic "email.low_stock_digest", queued by lib/settings/low-stock-digest.ts):
// rendered from the list the event carries, so a retry or /dev/mail shows the stock of the moment it was
// queued. Links to the inventory list filtered to low stock.
import type { LowStockDigestPayload } from "@/lib/outbox/topics";
import { escapeHtml } from "./html";
import type { Email } from "./types";

export function inventoryLowStockUrl(siteBase: string): string {
  return `${siteBase}/admin/inventory?low=1`;
}

function isPayload(value: Record<string, unknown>): value is Record<string, unknown> & LowStockDigestPayload {
  return Array.isArray(value.recipients) && Array.isArray(value.items) && typeof value.day === "string";
}

export function renderLowStockDigest(
  payload: Record<string, unknown>,
  siteBase: string,
  storeName: string,
): Email | null {
  if (!isPayload(payload) || payload.recipients.length === 0) return null;
  const link = inventoryLowStockUrl(siteBase);
  const count = payload.total;
  const subject = `${storeName}: ${count} low-stock item${count === 1 ? "" : "s"} (${payload.day})`;
  const line = (item: LowStockDigestPayload["items"][number]) =>
    `${item.sku}  ${item.product}${item.variant ? ` – ${item.variant}` : ""}  @ ${item.location}: ${item.available} left (threshold ${item.threshold})`;
  const more = count > payload.items.length ? count - payload.items.length : 0;
  const text = [
    count === 0
      ? "Nothing is at or below its low-stock threshold."
      : `At or below their low-stock threshold, per location:`,
    "",
    ...payload.items.map(line),
    ...(more > 0 ? ["", `…and ${more} more.`] : []),
    "",
    `Inventory: ${link}`,
  ].join("\n");
  const rows = payload.items
    .map(
      (item) =>
        `<tr><td>${escapeHtml(item.sku)}</td><td>${escapeHtml(item.product)}${item.variant ? ` – ${escapeHtml(item.variant)}` : ""}</td>` +
        `<td>${escapeHtml(item.location)}</td><td style="text-align:right">${item.available}</td><td style="text-align:right">${item.threshold}</td></tr>`,
    )
    .join("");
  const html =
    `<div style="font-family:system-ui,sans-serif;max-width:720px">` +
    `<h1 style="font-size:20px">Low stock on ${escapeHtml(payload.day)}</h1>` +
    (count === 0
      ? `<p>Nothing is at or below its low-stock threshold.</p>`
      : `<table cellpadding="4" style="border-collapse:collapse;font-size:14px"><thead><tr><th align="left">SKU</th><th align="left">Product</th><th align="left">Location</th><th>Available</th><th>Threshold</th></tr></thead><tbody>${rows}</tbody></table>`) +
    (more > 0 ? `<p>…and ${more} more.</p>` : "") +
    `<p><a href="${escapeHtml(link)}">Open the inventory</a></p></div>`;
  return { to: payload.recipients.join(", "), subject, text, html };
}
