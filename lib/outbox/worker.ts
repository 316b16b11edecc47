// A polling loop around claimProcessBatch for the background worker: drains while there is work, then
// sleeps. One failing iteration (database briefly unreachable) is logged and retried, never fatal.
import type { Db } from "@/lib/db";
import { claimProcessBatch, type ClaimOptions, type OutboxHandlers } from "./processor";

export interface OutboxWorkerOptions extends ClaimOptions {
  /** Sleep between polls when there was nothing to do. */
  idleMs?: number;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Runs until the signal aborts. */
export async function runOutboxWorker(
  db: Db,
  handlers: OutboxHandlers,
  options: OutboxWorkerOptions = {},
): Promise<void> {
  const idleMs = options.idleMs ?? 1_000;
  const log = options.log ?? ((message: string) => console.error(message));
  while (!options.signal?.aborted) {
    try {
      const result = await claimProcessBatch(db, handlers, options);
      if (result.takenOver) {
        log(
          `outbox: took over ${result.takenOver} event(s) whose lease ran out with no outcome (their worker stopped or could not renew the lease)`,
        );
      }
      if (result.retrying > 0 || result.dead > 0) {
        log(
          `outbox: ${result.done} done, ${result.retrying} will be retried, ${result.dead} gave up: ${(result.errors ?? []).join(" | ")}`,
        );
      }
      // A full batch means more is probably waiting: go again without sleeping.
      if (result.claimed < (options.limit ?? 100)) await sleep(idleMs, options.signal);
    } catch (error) {
      log(`outbox: batch failed: ${error instanceof Error ? error.message : String(error)}`);
      await sleep(idleMs * 5, options.signal);
    }
  }
}
