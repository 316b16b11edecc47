// The store's background worker, started by `npm start` / `npm run dev` beside the web server:
//   - the outbox: side effects recorded by transactions (emails, search index updates, refunds, the
//     co-purchase counts of recommendations) are carried out here, retried until they succeed;
//   - the reservation sweep: applies the stock of paid reservations a crashed web process left waiting
//     (lib/inventory/paid-stock.ts), releases stock held by checkouts that were abandoned (availability already
//     ignores expired reservations, so a stopped sweep never blocks sales; it only tidies `reserved`), and
//     dearer exchanges left unpaid past their hold (lib/orders/returns-difference.ts);
//   - the cart purge: deletes carts idle for longer than their 30-day lifetime;
//   - unpaid orders: cancels orders left awaiting payment past ABANDONED_ORDER_HOURS (lib/orders/abandoned.ts);
//   - pending refunds: asks the provider again about refunds left PENDING (lib/payments/refund-reconcile.ts);
//   - the low-stock digest: queues the day's email to staff once per UTC day (lib/settings/low-stock-digest.ts).
// Every job is idempotent and safe to run in several processes at once (SKIP LOCKED claims).
//
// `npm start` runs it in its own process beside the web server; `npm run start:worker`
// (scripts/start-worker.ts) runs it alone, as many as needed. stop() lets the batch in hand finish.
import type { Db } from "@/lib/db";
import { deleteExpiredCarts } from "@/lib/cart/cart";
import { deleteExpiredWishlists } from "@/lib/wishlist/wishlist";
import { emailHandlers } from "@/lib/email/outbox-handlers";
import { releaseExpiredReservations } from "@/lib/inventory/release";
import { applyPaidStock } from "@/lib/inventory/paid-stock";
import { cancelAbandonedOrders } from "@/lib/orders/abandoned";
import { releaseUnpaidExchanges } from "@/lib/orders/returns-difference";
import { mergeOutboxHandlers, runOutboxWorker, type OutboxHandlers } from "@/lib/outbox";
import { reconcilePendingRefunds } from "@/lib/payments/refund-reconcile";
import { paymentOutboxHandlers } from "@/lib/payments/refund-required";
import { queueDailyLowStockDigest } from "@/lib/settings/low-stock-digest";
import { recommendationOutboxHandlers } from "@/lib/recommendations/outbox-handlers";
import { reviewOutboxHandlers } from "@/lib/reviews/outbox-handlers";

/** How often each periodic job runs (each also runs once at start). */
export const WORKER_SCHEDULE = {
  /** Releasing expired reservations: well inside RESERVATION_TTL_MINUTES. */
  sweepEveryMs: 30_000,
  /** Deleting carts idle past their lifetime. */
  purgeEveryMs: 60 * 60_000,
  /** Cancelling orders unpaid past ABANDONED_ORDER_HOURS. */
  cancelUnpaidEveryMs: 15 * 60_000,
  /** Reconciling pending refunds (each refund also backs off on its own). */
  reconcileRefundsEveryMs: 60_000,
  /** Checking whether today's low-stock digest was queued (it is queued once per UTC day). */
  lowStockDigestEveryMs: 30 * 60_000,
} as const;

export interface WorkerOptions {
  log?: (message: string) => void;
  /** Extra outbox handlers (search sync, payments) keyed by topic. */
  handlers?: OutboxHandlers;
  sweepEveryMs?: number;
  purgeEveryMs?: number;
  cancelUnpaidEveryMs?: number;
  /** How long a claimed outbox batch stays with this worker before another may take it (default 60 s). */
  outboxLeaseMs?: number;
  reconcileRefundsEveryMs?: number;
  lowStockDigestEveryMs?: number;
}

export interface Worker {
  /**
   * Stops claiming work and resolves when the batch in hand and any running job are done, or after
   * `graceMs` (then what was claimed is taken again by a worker once its lease runs out).
   * Resolves true when everything finished in time.
   */
  stop(graceMs?: number): Promise<boolean>;
}

function every(ms: number, signal: AbortSignal, job: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let running: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      running = running.then(job);
    }, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearInterval(timer);
        void running.then(resolve);
      },
      { once: true },
    );
    running = running.then(job); // once at start too
  });
}

export function startWorker(db: Db, options: WorkerOptions = {}): Worker {
  const log = options.log ?? ((message: string) => console.error(`[worker] ${message}`));
  const controller = new AbortController();
  const guarded = (name: string, job: () => Promise<void>) => async () => {
    try {
      await job();
    } catch (error) {
      log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const handlers: OutboxHandlers = {
    // Recommendations and reviews both follow an order's paid standing (ORDER_STANDING_TOPIC).
    ...mergeOutboxHandlers(
      emailHandlers(db),
      paymentOutboxHandlers(db),
      recommendationOutboxHandlers(db),
      reviewOutboxHandlers(db),
    ),
    ...options.handlers,
  };
  const loops = [
    runOutboxWorker(db, handlers, { signal: controller.signal, log, leaseMs: options.outboxLeaseMs }),
    every(
      options.sweepEveryMs ?? WORKER_SCHEDULE.sweepEveryMs,
      controller.signal,
      guarded("reservation sweep", async () => {
        // Paid orders whose units a crashed process did not take out of stock (lib/inventory/paid-stock.ts).
        const applied = await applyPaidStock(db);
        if (applied > 0) log(`applied the stock of ${applied} paid reservation(s)`);
        const released = await releaseExpiredReservations(db);
        if (released > 0) log(`released ${released} expired reservation(s)`);
        // Dearer exchanges whose difference was not paid before their hold ended fall back to a refund.
        const exchanges = await releaseUnpaidExchanges(db);
        if (exchanges > 0) log(`released ${exchanges} unpaid exchange(s)`);
      }),
    ),
    every(
      options.purgeEveryMs ?? WORKER_SCHEDULE.purgeEveryMs,
      controller.signal,
      guarded("cart purge", async () => {
        await deleteExpiredCarts(db);
        await deleteExpiredWishlists(db);
      }),
    ),
    every(
      options.cancelUnpaidEveryMs ?? WORKER_SCHEDULE.cancelUnpaidEveryMs,
      controller.signal,
      guarded("unpaid order cancellation", async () => {
        const cancelled = await cancelAbandonedOrders(db);
        if (cancelled > 0) log(`cancelled ${cancelled} unpaid order(s)`);
      }),
    ),
    every(
      options.reconcileRefundsEveryMs ?? WORKER_SCHEDULE.reconcileRefundsEveryMs,
      controller.signal,
      guarded("refund reconciliation", async () => {
        const result = await reconcilePendingRefunds(db);
        if (result.claimed > 0) {
          log(`refunds: ${result.succeeded} succeeded, ${result.failed} failed, ${result.pending} still pending`);
        }
      }),
    ),
    every(
      options.lowStockDigestEveryMs ?? WORKER_SCHEDULE.lowStockDigestEveryMs,
      controller.signal,
      guarded("low-stock digest", async () => {
        if ((await queueDailyLowStockDigest(db)) === "queued") log("queued today's low-stock digest");
      }),
    ),
  ];

  return {
    async stop(graceMs = Infinity) {
      controller.abort();
      const finished = Promise.allSettled(loops).then(() => true);
      if (!Number.isFinite(graceMs)) return finished;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
      return Promise.race([finished, late]).finally(() => clearTimeout(timer));
    },
  };
}
