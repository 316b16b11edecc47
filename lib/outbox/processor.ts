// Reading side of the outbox: claims due rows, hands them to the handler of their topic and records the
// outcome. The claim is one UPDATE of rows picked with FOR UPDATE SKIP LOCKED, so concurrent workers
// never take the same row, and it sets a lease (lockedUntil) instead of holding a transaction open:
// handlers talk to slow external systems, and a crashed worker's rows become claimable again when the
// lease runs out. While its batch runs, a worker renews the lease of the rows still in hand, so a batch
// slower than the lease (a loaded machine, a slow engine, rows waiting behind another topic's handler) is
// not taken over by another worker and run a second time. A row is marked DONE only after its handler
// succeeded; a failure records the error and schedules a retry with exponential backoff. The last error
// stays on a row that later succeeded, so an event done after a retry says why it was retried.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { OutboxStatus } from "@/lib/generated/prisma/enums";
import { describeError } from "@/lib/errors";

export interface ClaimedOutboxEvent {
  id: string;
  topic: string;
  aggregateId: string | null;
  payload: Prisma.JsonValue;
  /** Including the current one. Also the claim's token: a later claim of the row has a higher count. */
  attempts: number;
  /** The row was claimed before and its lease ran out with no outcome recorded (that worker stopped, or
   *  its batch outlasted the lease): this attempt takes it over. */
  leaseRanOut: boolean;
}

export interface OutboxBatchResult {
  /** Events of the batch that failed (id -> error); the others are marked done. */
  failed?: ReadonlyMap<string, unknown>;
}

export interface OutboxHandler {
  /** Receives all claimed events of its topic at once, so it can coalesce and push them in one call.
   *  Throwing fails the whole batch (events already reported through `completed` stay done). */
  handle(events: readonly ClaimedOutboxEvent[], context: OutboxHandlerContext): Promise<OutboxBatchResult | void>;
  /** After this many failed attempts a row is parked as FAILED. Infinity retries forever (idempotent
   *  work whose loss would leave data stale, such as search sync). Default 10. */
  maxAttempts?: number;
}

export type OutboxHandlers = Readonly<Record<string, OutboxHandler>>;

export interface OutboxHandlerContext {
  /**
   * Marks one event done at once, before the rest of the batch. A handler that performs one side effect
   * per event (an email) reports each as soon as it happened: a worker that dies mid-batch then repeats
   * at most the one in hand, not every event of the batch it had already carried out.
   */
  completed(eventId: string): Promise<void>;
}

export interface ClaimOptions {
  limit?: number;
  /** Lease length: how long rows stay with a worker that stopped renewing them (it crashed) before another
   *  may take them over. A running batch renews it every third of it. */
  leaseMs?: number;
  backoff?: BackoffOptions;
}

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

export interface ProcessBatchResult {
  claimed: number;
  done: number;
  /** Failed and scheduled for another attempt. */
  retrying: number;
  /** Failed for the last time (status FAILED). */
  dead: number;
  /** Claimed again after another claim's lease ran out with no outcome (included in `claimed`). */
  takenOver?: number;
  /** The distinct errors of this batch's failures, for the worker's log. */
  errors?: string[];
}

const DEFAULT_MAX_ATTEMPTS = 10;

/** Delay before attempt n+1 after n failed attempts: base * 2^(n-1), capped, with ±20 % jitter so a
 *  crowd of rows that failed together does not retry in lockstep. */
export function retryDelayMs(
  failedAttempts: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const base = options.baseMs ?? 1_000;
  const max = options.maxMs ?? 5 * 60_000;
  const exponential = Math.min(max, base * 2 ** Math.max(0, Math.min(failedAttempts - 1, 30)));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/** Why a row was claimed again when its lease ran out, as its lastError says (matched by tests). */
export const LEASE_RAN_OUT = "lease ran out with no outcome recorded";

/** Claims up to `limit` due rows of the given topics. Timestamps are computed in SQL, in UTC, as
 *  Prisma stores DateTime columns. A row whose lease ran out (lockedUntil set and past: failures and
 *  successes clear it) gets that as its lastError, so the retry it causes is explained. */
export async function claimEvents(
  db: Db,
  topics: readonly string[],
  limit: number,
  leaseMs: number,
): Promise<ClaimedOutboxEvent[]> {
  if (topics.length === 0 || limit <= 0) return [];
  return db.$queryRaw<ClaimedOutboxEvent[]>`
    WITH due AS (
      SELECT "id", "lockedUntil" AS "previousLease" FROM "OutboxEvent"
       WHERE "status" = 'PENDING'
         AND "topic" = ANY(${[...topics]}::text[])
         AND "availableAt" <= (now() AT TIME ZONE 'UTC')
         AND ("lockedUntil" IS NULL OR "lockedUntil" < (now() AT TIME ZONE 'UTC'))
       ORDER BY "availableAt", "createdAt"
       LIMIT ${limit}
         FOR UPDATE SKIP LOCKED)
    UPDATE "OutboxEvent" AS e
       SET "lockedUntil" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000}),
           "attempts" = e."attempts" + 1,
           "lastError" = CASE WHEN due."previousLease" IS NULL THEN e."lastError"
             ELSE ${LEASE_RAN_OUT}::text || ' (attempt ' || e."attempts" || ', lease ended '
                  || to_char(due."previousLease", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || ')' END
      FROM due
     WHERE e."id" = due."id"
    RETURNING e."id", e."topic", e."aggregateId", e."payload", e."attempts",
              due."previousLease" IS NOT NULL AS "leaseRanOut"`;
}

/** Extends the lease of the claimed rows this worker still holds: PENDING, leased, and not claimed again
 *  since (same attempts). Rows already done or failed, or taken over by another worker, are left alone. */
async function renewLeases(db: Db, events: readonly ClaimedOutboxEvent[], leaseMs: number): Promise<void> {
  await db.$executeRaw`
    UPDATE "OutboxEvent" AS e
       SET "lockedUntil" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000})
      FROM unnest(${events.map((event) => event.id)}::text[], ${events.map((event) => event.attempts)}::int[])
        AS held(id, attempts)
     WHERE e."id" = held.id AND e."attempts" = held.attempts
       AND e."status" = 'PENDING' AND e."lockedUntil" IS NOT NULL`;
}

/** Renews the batch's leases every third of the lease until stopped. A failed renewal is tried again at
 *  the next tick; if they all fail, the lease runs out as it would for a crashed worker. */
function keepLeases(db: Db, events: readonly ClaimedOutboxEvent[], leaseMs: number): () => Promise<void> {
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing.then(() => renewLeases(db, events, leaseMs)).catch(() => {});
  }, leaseMs / 3);
  // A worker that gave up waiting for its batch at shutdown exits without waiting for the next renewal.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await renewing;
  };
}

/**
 * Claims one batch of due events, runs their handlers outside any transaction and records each outcome.
 * Returns counts; call it in a loop (see ./worker.ts) until it claims nothing.
 */
export async function claimProcessBatch(
  db: Db,
  handlers: OutboxHandlers,
  options: ClaimOptions = {},
): Promise<ProcessBatchResult> {
  const leaseMs = options.leaseMs ?? 60_000;
  const events = await claimEvents(db, Object.keys(handlers), options.limit ?? 100, leaseMs);
  const result: ProcessBatchResult = { claimed: events.length, done: 0, retrying: 0, dead: 0 };
  if (events.length === 0) return result;
  const takenOver = events.filter((event) => event.leaseRanOut).length;
  if (takenOver > 0) result.takenOver = takenOver;
  const stopRenewing = keepLeases(db, events, leaseMs);
  try {
    await processClaimed(db, handlers, events, options, result);
  } finally {
    await stopRenewing();
  }
  return result;
}

async function processClaimed(
  db: Db,
  handlers: OutboxHandlers,
  events: readonly ClaimedOutboxEvent[],
  options: ClaimOptions,
  result: ProcessBatchResult,
): Promise<void> {
  const byTopic = new Map<string, ClaimedOutboxEvent[]>();
  for (const event of events) byTopic.set(event.topic, [...(byTopic.get(event.topic) ?? []), event]);

  for (const [topic, batch] of byTopic) {
    const handler = handlers[topic];
    if (!handler) continue; // cannot happen: only handled topics are claimed
    const failures = new Map<string, unknown>();
    const completedEarly = new Set<string>();
    const context: OutboxHandlerContext = {
      async completed(eventId) {
        const marked = await db.outboxEvent.updateMany({
          where: { id: eventId, status: OutboxStatus.PENDING },
          data: { status: OutboxStatus.DONE, processedAt: new Date(), lockedUntil: null },
        });
        completedEarly.add(eventId);
        result.done += marked.count;
      },
    };
    try {
      const outcome = await handler.handle(batch, context);
      for (const [id, error] of outcome?.failed ?? []) failures.set(id, error);
    } catch (error) {
      for (const event of batch) if (!completedEarly.has(event.id)) failures.set(event.id, error);
    }

    const succeeded = batch
      .filter((event) => !failures.has(event.id) && !completedEarly.has(event.id))
      .map((event) => event.id);
    if (succeeded.length > 0) {
      // Done even if another worker took the row over meanwhile (its lease renewal failed): the work is done.
      const marked = await db.outboxEvent.updateMany({
        where: { id: { in: succeeded }, status: OutboxStatus.PENDING },
        data: { status: OutboxStatus.DONE, processedAt: new Date(), lockedUntil: null },
      });
      result.done += marked.count;
    }

    const maxAttempts = handler.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    for (const event of batch) {
      if (!failures.has(event.id)) continue;
      const lastError = describeError(failures.get(event.id));
      result.errors = [...new Set([...(result.errors ?? []), lastError])];
      const dead = event.attempts >= maxAttempts;
      // Only while this claim holds the row (same attempts): a row another worker took over is its own.
      await db.outboxEvent.updateMany({
        where: { id: event.id, status: OutboxStatus.PENDING, attempts: event.attempts },
        data: dead
          ? { status: OutboxStatus.FAILED, lastError, lockedUntil: null }
          : {
              lastError,
              lockedUntil: null,
              availableAt: new Date(Date.now() + retryDelayMs(event.attempts, options.backoff)),
            },
      });
      if (dead) result.dead += 1;
      else result.retrying += 1;
    }
  }
}
