// Several domains may follow one topic (ORDER_STANDING_TOPIC: recommendations and reviews). The worker
// registers one handler per topic, so those of a shared topic run one after the other on the same batch:
// a batch is done when every one of them is. They must be idempotent (a failure of the second retries the
// first too) and must not report events done early (each gets a context whose `completed` does nothing:
// an event reported done by the first would be lost to the second).
import type { OutboxBatchResult, OutboxHandler, OutboxHandlers } from "./processor";

function inSequence(handlers: readonly OutboxHandler[]): OutboxHandler {
  return {
    maxAttempts: Math.max(...handlers.map((handler) => handler.maxAttempts ?? 10)),
    async handle(events) {
      const failed = new Map<string, unknown>();
      const context = { completed: async () => {} };
      for (const handler of handlers) {
        const result: OutboxBatchResult | void = await handler.handle(events, context);
        for (const [id, error] of result?.failed ?? []) if (!failed.has(id)) failed.set(id, error);
      }
      return failed.size > 0 ? { failed } : undefined;
    },
  };
}

/** The handlers of every set, those of a topic several sets follow run in the sets' order. */
export function mergeOutboxHandlers(...sets: readonly OutboxHandlers[]): OutboxHandlers {
  const byTopic = new Map<string, OutboxHandler[]>();
  for (const set of sets)
    for (const [topic, handler] of Object.entries(set)) byTopic.set(topic, [...(byTopic.get(topic) ?? []), handler]);
  return Object.fromEntries(
    [...byTopic].map(([topic, handlers]) => [topic, handlers.length === 1 ? handlers[0]! : inSequence(handlers)]),
  );
}
