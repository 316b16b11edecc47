// The cancellation email. Queued (topic "email.order_cancelled", one per order by its dedupe key) by
// markOrderPaid when a payment arrives for an order it cannot honour and by the seller's cancel action
// (lib/orders/cancel.ts). The body is the order's public "cancelled" timeline entry, which already says
// why and what happens to the money, so the email and the order page never disagree.
import { emailHtml, escapeHtml, linkHtml } from "./html";
import type { OrderEmailRenderer } from "./types";

export const renderOrderCancelled: OrderEmailRenderer = async (db, orderId, orderUrl, storeName) => {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      email: true,
      events: {
        where: { type: "cancelled", public: true },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { message: true },
      },
    },
  });
  if (!order) return null;
  const link = await orderUrl(order.id);
  const message = order.events[0]?.message ?? "Your order was cancelled.";
  const subject = `${storeName}: order #${order.number} cancelled`;
  const text = [`Order #${order.number}`, ``, message, ``, `View your order: ${link}`].join("\n");
  const html = emailHtml(
    `Order #${order.number} was cancelled`,
    `<p>${escapeHtml(message)}</p>`,
    linkHtml(link, "View your order"),
  );
  return { to: order.email, subject, text, html };
};
