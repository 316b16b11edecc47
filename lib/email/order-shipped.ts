// The shipping email: which items left in this parcel, with which carrier and tracking number. Rendered
// from the stored shipment and order (snapshots), queued through the outbox by lib/orders/fulfilment.ts
// with one dedupe key per shipment, so a double submit or a replayed event sends one email.
import { isSafeTrackingUrl } from "@/lib/orders/carriers";
import { emailHtml, escapeHtml, linkHtml } from "./html";
import type { OrderEmailRenderer } from "./types";

export const renderOrderShipped: OrderEmailRenderer = async (db, shipmentId, orderUrl, storeName) => {
  const shipment = await db.shipment.findUnique({
    where: { id: shipmentId },
    include: {
      order: {
        select: {
          id: true,
          number: true,
          email: true,
          lines: { select: { id: true, quantity: true, fulfilledQuantity: true } },
        },
      },
      lines: {
        include: { orderLine: { select: { title: true, variantTitle: true } } },
        orderBy: { orderLine: { createdAt: "asc" } },
      },
    },
  });
  if (!shipment) return null;
  const { order } = shipment;
  const link = await orderUrl(order.id);
  const complete = order.lines.every((line) => line.fulfilledQuantity >= line.quantity);
  const subject = `${storeName}: ${complete ? "your order" : "part of your order"} #${order.number} has shipped`;
  const trackingUrl = isSafeTrackingUrl(shipment.trackingUrl) ? shipment.trackingUrl : null;
  const items = shipment.lines.map(
    (line) =>
      `${line.orderLine.title}${line.orderLine.variantTitle ? ` (${line.orderLine.variantTitle})` : ""} x ${line.quantity}`,
  );
  const rest = complete ? "" : "The rest of your order will follow in another parcel; we will email you when it ships.";

  const text = [
    `Good news: ${complete ? "your order is on its way" : "part of your order is on its way"}.`,
    ``,
    `Order #${order.number}`,
    `Carrier: ${shipment.carrier}`,
    `Tracking number: ${shipment.trackingNumber}`,
    ...(trackingUrl ? [`Track it: ${trackingUrl}`] : []),
    ``,
    `In this parcel:`,
    ...items.map((item) => `- ${item}`),
    ...(rest ? [``, rest] : []),
    ``,
    `View your order: ${link}`,
  ].join("\n");

  const html = emailHtml(
    complete ? "Your order is on its way" : "Part of your order is on its way",
    `<p>Order <strong>#${order.number}</strong></p>`,
    `<p>Carrier: ${escapeHtml(shipment.carrier)}<br>Tracking number: <strong>${escapeHtml(shipment.trackingNumber)}</strong>` +
      (trackingUrl ? `<br><a href="${escapeHtml(trackingUrl)}">Track your parcel</a>` : "") +
      `</p><h2 style="font-size:16px">In this parcel</h2><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`,
    rest ? `<p>${escapeHtml(rest)}</p>` : "",
    linkHtml(link, "View your order"),
  );

  return { to: order.email, subject, text, html };
};
