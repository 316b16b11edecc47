// The store's average paid order (over its last AVERAGE_SAMPLE_ORDERS paid orders), which the risk score's
// order_value rule compares an order with, remembered per process and currency for a few seconds. Reading
// it takes about a thousand index and heap entries (nine tenths of the buffers a paid order touches), and
// markOrderPaid would read it for every payment; an average of a thousand orders seconds old scores an
// order the same. The first payment after it went stale reads it again in its locking read (./lock.ts).
import type { Db } from "@/lib/db";

/** How long a read average serves later payments of this process. */
export const STORE_AVERAGE_FRESH_MS = 10_000;

export interface StoreAverage {
  /** The average paid order in minor units; null without paid orders. */
  avg: number | null;
  /** How many paid orders it was taken over. */
  n: number;
}

export interface StoreAverages {
  /** The average in `currency` read less than STORE_AVERAGE_FRESH_MS ago, else null (read it again). */
  known(currency: string): StoreAverage | null;
  remember(currency: string, value: StoreAverage): void;
}

const averages = new WeakMap<Db, Map<string, StoreAverage & { readAt: number }>>();

/** This process's averages for the database `db`. */
export function storeAverages(db: Db): StoreAverages {
  let read = averages.get(db);
  if (!read) averages.set(db, (read = new Map<string, StoreAverage & { readAt: number }>()));
  return {
    known(currency) {
      const entry = read.get(currency.toUpperCase());
      return entry && Date.now() - entry.readAt < STORE_AVERAGE_FRESH_MS ? { avg: entry.avg, n: entry.n } : null;
    },
    remember(currency, value) {
      read.set(currency.toUpperCase(), { avg: value.avg, n: value.n, readAt: Date.now() });
    },
  };
}
