// The worker's side of ORDER_STANDING_TOPIC: each event names an order whose contribution to the
// co-purchase counts may have changed (paid, cancelled, refunded in full). Events of one order in a batch
// are handled once; each order in its own short transaction (see reconcileOrderCounts).
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import type { OutboxHandlers } from "@/lib/outbox";
import { orderIdOfStandingEvent, ORDER_STANDING_TOPIC } from "@/lib/outbox/topics";
import { reconcileOrderCounts } from "./counts";

export function recommendationOutboxHandlers(db: Db): OutboxHandlers {
  return {
    [ORDER_STANDING_TOPIC]: {
      // Idempotent, and counts left behind would skew recommendations for good: retry until it works.
      maxAttempts: Infinity,
      async handle(events) {
        const orderIds = [...new Set(events.map((event) => orderIdOfStandingEvent(event.payload)))].sort();
        for (const orderId of orderIds) await runTransaction(db, (tx) => reconcileOrderCounts(tx, orderId));
      },
    },
  };
}
