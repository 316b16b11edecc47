// Interactive transactions, shared by every domain that writes (checkout, payments, orders, inventory, the
// admin, the CSV import). A stock change takes row locks on inventory levels; two transactions that lock
// rows in different orders can deadlock, and PostgreSQL then aborts one of them (SQLSTATE 40P01, Prisma
// P2034). Such a transaction did nothing, so it is safe to run again. Checkout's and payment's fast
// transactions run on node-postgres directly (./pg-transaction.ts) and are retried the same way.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { sqlStateOf } from "./sql-state";

export type Tx = Prisma.TransactionClient;

/**
 * A transaction that runs raw SQL only: a Prisma transaction is one, and so is checkout's and payment's
 * node-postgres transaction (./pg-transaction.ts). Functions on their path take this.
 */
export interface SqlTx {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
}

export interface TransactionOptions {
  /** Attempts in all, for deadlocks and serialization failures only. */
  attempts?: number;
  /** How long to wait for a pooled connection (ms): checkout bursts queue for connections. */
  maxWaitMs?: number;
  /** Upper bound of one attempt (ms). No network calls run inside, so this is generous. */
  timeoutMs?: number;
}

/** A deadlock or serialization failure: the transaction did nothing and can run again. */
export function isRetryableTransactionError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return true;
  const state = sqlStateOf(error);
  return state === "40P01" || state === "40001";
}

export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return true;
  return sqlStateOf(error) === "23505";
}

/** Runs `attempt` up to `attempts` times (default 4) while it fails with a deadlock or serialization failure. */
export async function retryTransaction<T>(attempts: number | undefined, attempt: () => Promise<T>): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= (attempts ?? 4) || !isRetryableTransactionError(error)) throw error;
      // A short random pause so the two deadlocked transactions do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * tried));
    }
  }
}

export async function runTransaction<T>(
  db: PrismaClient,
  fn: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  return retryTransaction(options.attempts, () =>
    db.$transaction(fn, {
      maxWait: options.maxWaitMs ?? 15_000,
      timeout: options.timeoutMs ?? 20_000,
    }),
  );
}
