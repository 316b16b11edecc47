// The worker's side of ORDER_STANDING_TOPIC for reviews: each event names an order whose standing may have
// changed; the account's reviews of its products get their "verified buyer" mark recomputed (./verified.ts),
// each order in its own short transaction.
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import type { OutboxHandlers } from "@/lib/outbox";
import { orderIdOfStandingEvent, ORDER_STANDING_TOPIC } from "@/lib/outbox/topics";
import { refreshVerifiedBuyers } from "./verified";

export function reviewOutboxHandlers(db: Db): OutboxHandlers {
  return {
    [ORDER_STANDING_TOPIC]: {
      // Idempotent: recomputed from the orders as they are.
      maxAttempts: Infinity,
      async handle(events) {
        const orderIds = [...new Set(events.map((event) => orderIdOfStandingEvent(event.payload)))].sort();
        for (const orderId of orderIds) await runTransaction(db, (tx) => refreshVerifiedBuyers(tx, orderId));
      },
    },
  };
}
