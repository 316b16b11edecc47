// Writing side of the transactional outbox. Callers pass their own transaction client, so the event is
// committed (or rolled back) together with the change that caused it: a side effect can never be
// announced for a change that did not happen, nor lost for one that did.
import type { Prisma } from "@/lib/generated/prisma/client";

/** Anything that can insert rows: the app's client or the client of an interactive transaction. */
export type OutboxWriter = Pick<Prisma.TransactionClient, "outboxEvent">;

export interface OutboxMessage {
  /** What the processor dispatches on, e.g. "search.product.upsert". */
  topic: string;
  /** The entity the event is about (a product id); lets handlers coalesce repeated events. */
  aggregateId?: string | null;
  payload: Prisma.InputJsonValue;
  /** An event that must be queued at most once, ever (an order's confirmation email), carries a key. */
  dedupeKey?: string;
  /** Delay the first attempt (e.g. a reminder). */
  availableAt?: Date;
}

/** Queues one event in the caller's transaction. With a dedupeKey already used, nothing is written. */
export async function enqueue(tx: OutboxWriter, message: OutboxMessage): Promise<void> {
  await enqueueMany(tx, [message]);
}

/** Queues several events in one INSERT. Rows whose dedupeKey already exists are skipped. */
export async function enqueueMany(tx: OutboxWriter, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.outboxEvent.createMany({
    data: messages.map((message) => ({
      topic: message.topic,
      aggregateId: message.aggregateId ?? null,
      payload: message.payload,
      dedupeKey: message.dedupeKey ?? null,
      ...(message.availableAt ? { availableAt: message.availableAt } : {}),
    })),
    // ON CONFLICT DO NOTHING: the unique dedupeKey makes a second enqueue of the same event a no-op.
    skipDuplicates: true,
  });
}
