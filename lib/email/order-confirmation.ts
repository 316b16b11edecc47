// The order confirmation email, rendered from the stored order (snapshots taken at purchase), never from
// the live catalog: what the shopper reads is what they bought.
import { addressLines } from "@/lib/cart/address-lines";
import { formatMoney } from "@/lib/money";
import { readStoreSettings } from "@/lib/settings/store-settings";
import { orderTotalLines } from "@/lib/orders/total-lines";
import { emailHtml, escapeHtml, linkHtml } from "./html";
import type { OrderEmailRenderer } from "./types";

export const renderOrderConfirmation: OrderEmailRenderer = async (db, orderId, orderUrl, storeName) => {
  const [order, { currencyDisplay }] = await Promise.all([
    db.order.findUnique({
      where: { id: orderId },
      include: { lines: { orderBy: { createdAt: "asc" } }, discounts: { orderBy: { position: "asc" } } },
    }),
    // Rendered by the worker, outside any page: the store's currency display is read when it is sent.
    readStoreSettings(db),
  ]);
  if (!order) return null;
  const money = (cents: number) => formatMoney(cents, order.currency, { display: currencyDisplay });
  const link = await orderUrl(order.id);
  const subject = `${storeName}: order #${order.number} confirmed`;
  const totals: [string, number][] = [...orderTotalLines(order), ["Total", order.totalCents]];
  const address = addressLines(order.shippingAddress);

  const text = [
    `Thank you for your order!`,
    ``,
    `Order #${order.number}`,
    ...order.lines.map(
      (line) =>
        `- ${line.title}${line.variantTitle ? ` (${line.variantTitle})` : ""} x ${line.quantity}: ${money(line.unitPriceCents * line.quantity)}`,
    ),
    ``,
    ...totals.map(([label, cents]) => `${label}: ${cents < 0 ? "-" + money(-cents) : money(cents)}`),
    ``,
    `Shipping to:`,
    ...address,
    ``,
    `View your order: ${link}`,
  ].join("\n");

  const rows = order.lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.title)}${line.variantTitle ? `<br><small>${escapeHtml(line.variantTitle)}</small>` : ""}</td>` +
        `<td style="text-align:right">${line.quantity}</td><td style="text-align:right">${escapeHtml(money(line.unitPriceCents * line.quantity))}</td></tr>`,
    )
    .join("");
  const totalRows = totals
    .map(
      ([label, cents]) =>
        `<tr><td colspan="2">${escapeHtml(label)}</td><td style="text-align:right">${escapeHtml(cents < 0 ? "-" + money(-cents) : money(cents))}</td></tr>`,
    )
    .join("");
  const html = emailHtml(
    "Thank you for your order!",
    `<p>Order <strong>#${order.number}</strong></p>`,
    `<table style="width:100%;border-collapse:collapse">${rows}${totalRows}</table>`,
    `<h2 style="font-size:16px">Shipping to</h2><p>${address.map(escapeHtml).join("<br>")}</p>`,
    linkHtml(link, "View your order"),
  );

  return { to: order.email, subject, text, html };
};
