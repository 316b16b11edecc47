// The shopper's email at each step of a return (requested, approved, rejected, received, refunded),
// rendered from the stored return and queued through the outbox by lib/orders/returns-*.ts with one
// dedupe key per return and step, so a replayed step or event sends one email. The exchange's shipping
// email is the ordinary one (./order-shipped.ts): the exchange ships as a shipment of the order.
import type { Db } from "@/lib/db";
import { moneyFormatter } from "@/lib/money";
import { readStoreSettings } from "@/lib/settings/store-settings";
import type { ReturnEmailStep } from "@/lib/outbox/topics";
import { emailHtml, escapeHtml, linkHtml } from "./html";
import type { Email } from "./types";

const STEPS: Record<ReturnEmailStep, { subject: string; heading: string }> = {
  requested: { subject: "we received your return request", heading: "Your return request" },
  approved: { subject: "your return is approved", heading: "Your return is approved" },
  rejected: { subject: "your return request was not accepted", heading: "Your return request was not accepted" },
  received: { subject: "we received your returned items", heading: "We received your return" },
  refunded: { subject: "your refund is on its way", heading: "Your refund is on its way" },
  difference_paid: { subject: "your exchange is paid", heading: "Your exchange is paid" },
  exchange_released: { subject: "your exchange was released", heading: "Your exchange was released" },
};

function isStep(value: unknown): value is ReturnEmailStep {
  return typeof value === "string" && value in STEPS;
}

export async function renderReturnUpdate(
  db: Db,
  payload: Record<string, unknown>,
  orderUrl: (orderId: string) => Promise<string>,
  storeName: string,
): Promise<Email | null> {
  const { returnId, step } = payload;
  if (typeof returnId !== "string" || !isStep(step)) throw new Error("email.return_update without a returnId and step");
  const request = await db.returnRequest.findUnique({
    where: { id: returnId },
    include: {
      order: { select: { id: true, number: true, email: true, currency: true } },
      lines: {
        orderBy: { id: "asc" },
        include: {
          orderLine: { select: { title: true, variantTitle: true } },
          exchangeVariant: { select: { title: true } },
        },
      },
    },
  });
  if (!request) return null;
  const { order } = request;
  // Rendered by the worker, outside any page: the store's currency display is read when it is sent.
  const formatMoney = moneyFormatter((await readStoreSettings(db)).currencyDisplay);
  const link = await orderUrl(order.id);
  const items = request.lines.map(
    (line) =>
      `${line.orderLine.title}${line.orderLine.variantTitle ? ` (${line.orderLine.variantTitle})` : ""} x ${line.quantity}` +
      (line.exchangeVariant ? `, exchanged for ${line.exchangeVariant.title}` : ""),
  );
  const says: Record<ReturnEmailStep, string> = {
    requested:
      "We have your request to return these items and will answer it shortly. Please wait for our approval before sending anything.",
    approved:
      request.differenceCents > 0 && request.differenceDueBy && !request.differencePaidAt
        ? `Please send these items back to us. Your exchange costs ${formatMoney(request.differenceCents, order.currency)} more than the items you return: it is set aside for you until ${request.differenceDueBy.toUTCString()}. Pay the difference with the "Pay the difference" button on your order page, and we ship it once your items arrive.`
        : "Please send these items back to us. We will refund you, or ship your exchange, once they arrive.",
    rejected: "We cannot accept this return.",
    received: "Your returned items arrived. We will refund you, or ship your exchange, shortly.",
    difference_paid: `We received your payment of ${formatMoney(request.differenceCents, order.currency)} for your exchange. We ship it once your returned items arrive.`,
    exchange_released:
      "The difference for your exchange was not paid in time, so we released it. We will refund your returned items once they arrive.",
    refunded: `We refunded ${formatMoney(request.refundCents ?? 0, order.currency)} to your original payment method. It may take a few days to show on your statement.`,
  };
  const message = (step === "approved" || step === "rejected") && request.sellerMessage ? request.sellerMessage : null;
  const { subject, heading } = STEPS[step];

  const text = [
    says[step],
    ...(message ? [``, `Message from the store: ${message}`] : []),
    ``,
    `Order #${order.number}`,
    ...items.map((item) => `- ${item}`),
    ``,
    `View your order: ${link}`,
  ].join("\n");
  const html = emailHtml(
    heading,
    `<p>${escapeHtml(says[step])}</p>`,
    message ? `<p>Message from the store: ${escapeHtml(message)}</p>` : "",
    `<p>Order <strong>#${order.number}</strong></p><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`,
    linkHtml(link, "View your order"),
  );
  return { to: order.email, subject: `${storeName}: ${subject} (order #${order.number})`, text, html };
}
