// Outbox handlers that send email. Each runs after the transaction that queued it committed; a failure
// leaves the event pending and the outbox retries it, and the dedupe key given when queuing guarantees
// one email per order event however often the order's confirmation is replayed.
import type { Db } from "@/lib/db";
import type { OutboxHandler, OutboxHandlers } from "@/lib/outbox";
import { siteUrl, storeName } from "@/lib/catalog/site";
import { mintOrderAccessToken, orderAccessPath } from "@/lib/orders/access";
import {
  BACK_IN_STOCK_TOPIC,
  EMAIL_VERIFICATION_TOPIC,
  LOW_STOCK_DIGEST_TOPIC,
  ORDER_CANCELLED_TOPIC,
  ORDER_CONFIRMATION_TOPIC,
  ORDER_SHIPPED_TOPIC,
  PASSWORD_RESET_TOPIC,
  RETURN_UPDATE_TOPIC,
} from "@/lib/outbox/topics";
import { renderEmailVerification, renderPasswordReset } from "./account-emails";
import { renderBackInStock } from "./back-in-stock";
import { renderLowStockDigest } from "./low-stock-digest";
import { renderOrderCancelled } from "./order-cancelled";
import { renderOrderConfirmation } from "./order-confirmation";
import { renderOrderShipped } from "./order-shipped";
import { renderReturnUpdate } from "./return-update";
import { emailTransport } from "./config";
import { deliver } from "./transport";
import type { Email } from "./types";

type Renderer = (db: Db, payload: Record<string, unknown>) => Promise<Email | null>;

/**
 * Each rendered email carries a link of its own to the order page (the raw token exists only in the
 * email). Minting one more on a retry of the same event, or each time /dev/mail shows it, is harmless:
 * every link opens the same page, and only hashes are stored.
 */
function siteBase(): string {
  return siteUrl().replace(/\/$/, "");
}

function orderLinks(db: Db): (orderId: string) => Promise<string> {
  const base = siteBase();
  return async (orderId) => `${base}${orderAccessPath(orderId, await mintOrderAccessToken(db, orderId, "email"))}`;
}

function idField(payload: Record<string, unknown>, field: string, topic: string): string {
  const value = payload[field];
  if (typeof value !== "string" || value === "") throw new Error(`${topic} without a ${field}`);
  return value;
}

/** Every email topic and how its message is rendered from the database (also used by /dev/mail). */
export const EMAIL_RENDERERS: Readonly<Record<string, Renderer>> = {
  [ORDER_CONFIRMATION_TOPIC]: (db, payload) =>
    renderOrderConfirmation(db, idField(payload, "orderId", ORDER_CONFIRMATION_TOPIC), orderLinks(db), storeName()),
  [ORDER_SHIPPED_TOPIC]: (db, payload) =>
    renderOrderShipped(db, idField(payload, "shipmentId", ORDER_SHIPPED_TOPIC), orderLinks(db), storeName()),
  [ORDER_CANCELLED_TOPIC]: (db, payload) =>
    renderOrderCancelled(db, idField(payload, "orderId", ORDER_CANCELLED_TOPIC), orderLinks(db), storeName()),
  [RETURN_UPDATE_TOPIC]: (db, payload) => renderReturnUpdate(db, payload, orderLinks(db), storeName()),
  [PASSWORD_RESET_TOPIC]: (db, payload) => renderPasswordReset(db, payload, siteBase(), storeName()),
  [EMAIL_VERIFICATION_TOPIC]: (db, payload) => renderEmailVerification(db, payload, siteBase(), storeName()),
  [BACK_IN_STOCK_TOPIC]: (db, payload) =>
    renderBackInStock(db, idField(payload, "alertId", BACK_IN_STOCK_TOPIC), siteBase(), storeName()),
  [LOW_STOCK_DIGEST_TOPIC]: (_db, payload) => Promise.resolve(renderLowStockDigest(payload, siteBase(), storeName())),
};

/** The email an outbox event stands for; null when its record is gone (nobody left to tell). */
export function renderEmailEvent(db: Db, topic: string, payload: unknown): Promise<Email | null> {
  const render = EMAIL_RENDERERS[topic];
  if (!render) return Promise.resolve(null);
  return render(db, payload && typeof payload === "object" ? (payload as Record<string, unknown>) : {});
}

/** The Message-ID of the email an outbox event sends: the same on every attempt. */
export function outboxMessageId(eventId: string): string {
  let host = "localhost";
  try {
    host = new URL(siteUrl()).hostname || host;
  } catch {
    // keep localhost
  }
  return `<${eventId}@${host}>`;
}

function emailHandler(db: Db, topic: string): OutboxHandler {
  return {
    // Emails are sent one by one, each marked sent as soon as it was: a worker killed mid-batch sends again
    // at most the one in hand. That one carries the same Message-ID the second time (the outbox event's
    // id), so mail systems, and the tests, recognise the repeat: SMTP cannot promise exactly once.
    async handle(events, context) {
      const failed = new Map<string, unknown>();
      for (const event of events) {
        try {
          const email = await renderEmailEvent(db, topic, event.payload);
          if (email) await deliver(email, { messageId: outboxMessageId(event.id) }); // a deleted order has nobody left to tell
          await context.completed(event.id);
        } catch (error) {
          failed.set(event.id, error);
        }
      }
      return { failed };
    },
    maxAttempts: 20,
  };
}

/**
 * The worker's email handlers. None when email is not configured (production mode without SMTP_URL): the
 * events then stay pending in the outbox, unclaimed and with no attempt used up, and go out once the store
 * runs with SMTP_URL.
 */
export function emailHandlers(db: Db): OutboxHandlers {
  if (emailTransport() === "none") return {};
  return Object.fromEntries(Object.keys(EMAIL_RENDERERS).map((topic) => [topic, emailHandler(db, topic)]));
}
