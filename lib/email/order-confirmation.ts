// The order confirmation email, rendered from the stored order (snapshots taken at purchase), never from
// the live catalog: what the shopper reads is what they bought.
import type { Db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import type { Email } from "./types";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

interface AddressSnapshot {
  firstName?: string;
  lastName?: string;
  company?: string | null;
  line1?: string;
  line2?: string | null;
  city?: string;
  region?: string | null;
  postalCode?: string;
  country?: string;
}

export function addressLines(address: unknown): string[] {
  const a = (address ?? {}) as AddressSnapshot;
  return [
    [a.firstName, a.lastName].filter(Boolean).join(" "),
    a.company ?? "",
    a.line1 ?? "",
    a.line2 ?? "",
    [a.city, a.region, a.postalCode].filter(Boolean).join(", "),
    a.country ?? "",
  ].filter((line) => line.trim() !== "");
}

export async function renderOrderConfirmation(
  db: Db,
  orderId: string,
  /** A link that opens the order page for the recipient (lib/email/outbox-handlers.ts mints one per email). */
  orderUrl: (orderId: string) => Promise<string>,
  storeName: string,
): Promise<Email | null> {
  const order = await db.order.findUnique({
    where: { id: orderId },
    include: { lines: { orderBy: { createdAt: "asc" } } },
  });
  if (!order) return null;
  const money = (cents: number) => formatMoney(cents, order.currency);
  const link = await orderUrl(order.id);
  const subject = `${storeName}: order #${order.number} confirmed`;
  const totals: [string, number][] = [
    ["Subtotal", order.subtotalCents],
    ...(order.discountCents > 0
      ? ([[`Discount${order.couponCode ? ` (${order.couponCode})` : ""}`, -order.discountCents]] as [string, number][])
      : []),
    [`Shipping (${order.shippingMethodName})`, order.shippingCents],
    ["Tax", order.taxCents],
    ["Total", order.totalCents],
  ];
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
  const html =
    `<div style="font-family:system-ui,sans-serif;max-width:560px">` +
    `<h1 style="font-size:20px">Thank you for your order!</h1>` +
    `<p>Order <strong>#${order.number}</strong></p>` +
    `<table style="width:100%;border-collapse:collapse">${rows}${totalRows}</table>` +
    `<h2 style="font-size:16px">Shipping to</h2><p>${address.map(escapeHtml).join("<br>")}</p>` +
    `<p><a href="${escapeHtml(link)}">View your order</a></p></div>`;

  return { to: order.email, subject, text, html };
}
