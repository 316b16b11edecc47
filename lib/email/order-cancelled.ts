// The cancellation email. Queued (topic "email.order_cancelled", one per order by its dedupe key) by
// markOrderPaid when a payment arrives for an order it cannot honour and by the seller's cancel action
// (lib/orders/cancel.ts). The body is the order's public "cancelled" timeline entry, which already says
// why and what happens to the money, so the email and the order page never disagree.
import type { Db } from "@/lib/db";
import { escapeHtml } from "./order-confirmation";
import type { Email } from "./types";

export async function renderOrderCancelled(
  db: Db,
  orderId: string,
  /** A link that opens the order page for the recipient (lib/email/outbox-handlers.ts mints one per email). */
  orderUrl: (orderId: string) => Promise<string>,
  storeName: string,
): Promise<Email | null> {
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
  const html =
    `<div style="font-family:system-ui,sans-serif;max-width:560px">` +
    `<h1 style="font-size:20px">Order #${order.number} was cancelled</h1>` +
    `<p>${escapeHtml(message)}</p>` +
    `<p><a href="${escapeHtml(link)}">View your order</a></p></div>`;
  return { to: order.email, subject, text, html };
}
