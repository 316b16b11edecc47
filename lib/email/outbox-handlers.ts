// Outbox handlers that send email. Each runs after the transaction that queued it committed; a failure
// leaves the event pending and the outbox retries it, and the dedupe key given when queuing guarantees
// one email per order event however often the order's confirmation is replayed.
import type { Db } from "@/lib/db";
import type { OutboxHandlers } from "@/lib/outbox";
import { siteUrl, storeName } from "@/lib/catalog/site";
import { ORDER_CONFIRMATION_TOPIC, renderOrderConfirmation } from "./order-confirmation";
import { deliver } from "./transport";

export function emailHandlers(db: Db): OutboxHandlers {
  return {
    [ORDER_CONFIRMATION_TOPIC]: {
      // Emails are sent one by one; a failure fails only its own event.
      async handle(events) {
        const failed = new Map<string, unknown>();
        for (const event of events) {
          try {
            const orderId = (event.payload as { orderId?: unknown } | null)?.orderId;
            if (typeof orderId !== "string") throw new Error("email.order_confirmation without an orderId");
            const email = await renderOrderConfirmation(db, orderId, siteUrl(), storeName());
            if (email) await deliver(email); // a deleted order has nobody left to tell
          } catch (error) {
            failed.set(event.id, error);
          }
        }
        return { failed };
      },
      maxAttempts: 20,
    },
  };
}
