// Search health for the admin: is the engine reachable, how far behind is the outbox (oldest pending
// event, count), and the last recorded sync error.
import type { Db } from "@/lib/db";
import { OutboxStatus } from "@/lib/generated/prisma/enums";
import type { SearchEngine } from "./client";
import { SEARCH_UPSERT_TOPIC } from "@/lib/outbox/topics";

export interface SearchHealth {
  engineReachable: boolean;
  engineError: string | null;
  documents: number | null;
  outbox: {
    pending: number;
    /** Age of the oldest event still waiting, in seconds; null when nothing waits. */
    oldestPendingAgeSeconds: number | null;
    /** Events that gave up (only if a handler has a retry limit). */
    failed: number;
    lastError: string | null;
    /** Attempts so far of the event that reported lastError. */
    lastErrorAttempts: number | null;
  };
}

export async function readSearchHealth(
  db: Db,
  engine: SearchEngine | null,
  now: Date = new Date(),
): Promise<SearchHealth> {
  const where = { topic: SEARCH_UPSERT_TOPIC };
  const [pending, oldest, failed, lastFailure, engineState] = await Promise.all([
    db.outboxEvent.count({ where: { ...where, status: OutboxStatus.PENDING } }),
    db.outboxEvent.findFirst({
      where: { ...where, status: OutboxStatus.PENDING },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    db.outboxEvent.count({ where: { ...where, status: OutboxStatus.FAILED } }),
    // The newest still-pending (or given-up) failure; a done event keeps the error of its last retry.
    db.outboxEvent.findFirst({
      where: { ...where, status: { not: OutboxStatus.DONE }, lastError: { not: null } },
      orderBy: [{ availableAt: "desc" }],
      select: { lastError: true, availableAt: true, attempts: true },
    }),
    (async () => {
      if (!engine) return { reachable: false, error: "MEILI_HOST is not set", documents: null };
      try {
        const stats = await engine.client.index(engine.indexName).getStats();
        return { reachable: true, error: null, documents: stats.numberOfDocuments };
      } catch (error) {
        return { reachable: false, error: error instanceof Error ? error.message : String(error), documents: null };
      }
    })(),
  ]);
  return {
    engineReachable: engineState.reachable,
    engineError: engineState.error,
    documents: engineState.documents,
    outbox: {
      pending,
      oldestPendingAgeSeconds: oldest
        ? Math.max(0, Math.round((now.getTime() - oldest.createdAt.getTime()) / 1000))
        : null,
      failed,
      lastError: lastFailure?.lastError ?? null,
      lastErrorAttempts: lastFailure?.attempts ?? null,
    },
  };
}
