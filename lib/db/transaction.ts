// Interactive transactions, shared by every domain that writes (checkout, payments, orders, inventory, the
// admin, the CSV import). A stock change takes row locks on inventory levels; two transactions that lock
// rows in different orders can deadlock, and PostgreSQL then aborts one of them (SQLSTATE 40P01, Prisma
// P2034). Such a transaction did nothing, so it is safe to run again.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type Tx = Prisma.TransactionClient;

export interface TransactionOptions {
  /** Attempts in all, for deadlocks and serialization failures only. */
  attempts?: number;
  /** How long to wait for a pooled connection (ms): checkout bursts queue for connections. */
  maxWaitMs?: number;
  /** Upper bound of one attempt (ms). No network calls run inside, so this is generous. */
  timeoutMs?: number;
}

/**
 * The PostgreSQL SQLSTATE behind a Prisma error. ORM queries map well-known states to their own codes
 * (P2002, P2034); raw queries ($queryRaw, $executeRaw) fail with P2010 and keep the original state in
 * meta.driverAdapterError.cause.originalCode.
 */
function sqlState(error: Prisma.PrismaClientKnownRequestError): string | undefined {
  const adapterError = (error.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)
    ?.driverAdapterError;
  const code = adapterError?.cause?.originalCode;
  return typeof code === "string" ? code : undefined;
}

/** A deadlock or serialization failure: the transaction did nothing and can run again. */
export function isRetryableTransactionError(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2034") return true;
  const state = sqlState(error);
  return state === "40P01" || state === "40001";
}

export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return error.code === "P2002" || sqlState(error) === "23505";
}

export async function runTransaction<T>(
  db: Db,
  fn: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, {
        maxWait: options.maxWaitMs ?? 15_000,
        timeout: options.timeoutMs ?? 20_000,
      });
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      // A short random pause so the two deadlocked transactions do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
