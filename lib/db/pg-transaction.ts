// Checkout's and payment's fast transactions, run straight on a node-postgres connection of the pool the
// Prisma client uses (./index.ts shares it). Their statements are raw SQL already; Prisma's interactive
// transaction and raw-query layers around them (its transaction manager, the query engine's argument and
// result mapping, the adapter) cost the Node process more CPU per order than the rest of the order.
//
// A transaction here:
//   - sends BEGIN together with its first statement (node-postgres' pipeline mode sends the second
//     without waiting for the first's answer), and reports a failed BEGIN with that statement;
//   - honours COMMIT_IN_STATEMENT (./commit-in-statement.ts): the COMMIT goes out right behind the
//     statement that carries it, and the transaction accepts no statement after it;
//   - otherwise COMMITs when `fn` returns and ROLLs BACK when it throws;
//   - names statements as Prisma's adapter does (./prepared-statements.ts), sends dates as UTC timestamps
//     and parses results as Prisma's raw queries do (int8 as bigint, timestamp as a UTC Date, numeric as
//     Decimal, json parsed), so a function gives the same rows whichever client runs it;
//   - is retried on deadlocks and serialization failures like runTransaction (./transaction.ts), whose
//     error tests (sqlStateOf) read node-postgres' errors too.
// It runs raw SQL only (SqlTx). A function on the fast path that needs Prisma's model API (a rare case:
// a refused payment's bookkeeping, a sale of released stock) asks prismaTx(tx), which on this path throws
// CommitInStatementUnavailable: the caller rolls back and runs its ordinary Prisma transaction.
import pg from "pg";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { COMMIT_IN_STATEMENT, CommitInStatementUnavailable } from "./commit-in-statement";
import { preparedStatementName } from "./prepared-statements";
import { retryTransaction, type SqlTx, type TransactionOptions, type Tx } from "./transaction";

interface SharedPool {
  pool: pg.Pool;
  prepared: boolean;
}

// Symbol.for, not Symbol(): the client lives on globalThis (./index.ts) and may be made by another copy of
// this module than the one that reads it (the web server's own process code loads lib/db through tsx, the
// Next.js build bundles its own copy), and a plain Symbol differs between copies.
const SHARED_POOL = Symbol.for("storefront.db.sharedPgPool");

/** Called by createPrismaClient: the client's own pool, which withPgTransaction takes connections from. */
export function sharePgPool(client: PrismaClient, pool: pg.Pool, options: { prepared: boolean }): void {
  Object.defineProperty(client, SHARED_POOL, { value: { pool, prepared: options.prepared } satisfies SharedPool });
}

function sharedPoolOf(db: PrismaClient): SharedPool {
  const shared = (db as unknown as { [SHARED_POOL]?: SharedPool })[SHARED_POOL];
  if (!shared) throw new Error("this Prisma client was not made by createPrismaClient: it has no pool to share");
  return shared;
}

// Prisma's raw queries read these types differently from node-postgres' defaults; the rest are the same
// (int4 and float8 as numbers, json parsed, text arrays as arrays, enums as text).
const builtinParser = pg.types.getTypeParser as (oid: number, format?: "text" | "binary") => (text: string) => unknown;
const textArray = builtinParser(1009);
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const PARSERS: Record<number, (text: string) => unknown> = {
  20: (text) => BigInt(text), // int8
  1016: (text) => (textArray(text) as string[]).map((item) => BigInt(item)), // int8[]
  1700: (text) => new Prisma.Decimal(text), // numeric
  1082: (text) => new Date(`${text}T00:00:00Z`), // date
  1114: utcTimestamp, // timestamp (the store's are UTC without a zone)
  1115: (text) => (textArray(text) as string[]).map(utcTimestamp), // timestamp[]
};
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    (format !== "binary" && PARSERS[oid]) || builtinParser(oid, format),
};

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** As Prisma sends a Date: UTC, no zone (timestamp columns hold UTC). */
function utcTimestampText(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ""}`
  );
}

function argument(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return utcTimestampText(value);
  if (typeof value === "bigint" || value instanceof Prisma.Decimal) return value.toString();
  if (Array.isArray(value)) return value.map(argument);
  return value;
}

function sqlOf(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql {
  return query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
}

const COMMITTED = "this transaction already committed with its last statement";

/** One transaction on one pooled connection; made by withPgTransaction. */
class PgTransaction implements SqlTx {
  /** BEGIN, sent with the first statement; null until then. */
  private begun: Promise<unknown> | null = null;
  /** Committed by a COMMIT_IN_STATEMENT statement, or closed by a timeout. */
  private ended: string | null = null;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly prepared: boolean,
  ) {}

  async $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T> {
    return (await this.run(sqlOf(query, values))).rows as T;
  }

  async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> {
    return (await this.run(sqlOf(query, values))).rowCount ?? 0;
  }

  private async run(sql: Prisma.Sql): Promise<pg.QueryResult> {
    if (this.ended) throw new Error(this.ended);
    const text = sql.text;
    if (this.begun === null) {
      this.begun = this.client.query("BEGIN");
      // Reported with the statement below, never as an unhandled rejection.
      this.begun.catch(() => {});
    }
    const statement = this.client.query({
      name: this.prepared ? preparedStatementName({ sql: text }) : undefined,
      text,
      values: sql.values.map(argument),
      types,
    });
    const commits = text.slice(0, 40).includes(COMMIT_IN_STATEMENT);
    // Queued on the connection right behind the statement, in this order, before any await.
    const commit = commits ? this.client.query("COMMIT") : null;
    if (commits) this.ended = COMMITTED;
    const [begun, result, committed] = await Promise.allSettled([this.begun, statement, commit]);
    // A failed statement aborted the transaction (and a COMMIT behind it rolled it back).
    if (begun.status === "rejected") throw begun.reason;
    if (result.status === "rejected") throw result.reason;
    if (committed.status === "rejected") throw committed.reason;
    return result.value;
  }

  /** COMMIT, unless nothing was sent or a statement already committed. */
  async commit(): Promise<void> {
    if (this.ended === COMMITTED || this.begun === null) return;
    if (this.ended) throw new Error(this.ended);
    this.ended = COMMITTED;
    await Promise.all([this.begun, this.client.query("COMMIT")]);
  }

  /** ROLLBACK of an open transaction; false when the connection could not say it did (then it is dropped). */
  async rollback(): Promise<boolean> {
    if (this.ended === COMMITTED || this.begun === null) return true;
    this.ended = "this transaction was rolled back";
    return this.client.query("ROLLBACK").then(
      () => true,
      () => false,
    );
  }

  /** The attempt ran past its timeout: nothing more is sent, and the connection is dropped. */
  expire(timeoutMs: number): void {
    this.ended ??= `transaction timed out after ${timeoutMs} ms`;
  }
}

/** A pooled connection within maxWaitMs, or an error (the connection, if it comes later, goes back). */
async function connect(pool: pg.Pool, maxWaitMs: number): Promise<pg.PoolClient> {
  const connecting = pool.connect();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      connecting.then((client) => client.release(), () => {});
      reject(new Error(`no database connection free within ${maxWaitMs} ms`));
    }, maxWaitMs);
  });
  try {
    return await Promise.race([connecting, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `fn` in one transaction on a connection of `db`'s pool (see the top of this file), retried whole on
 * deadlocks and serialization failures. Options as runTransaction's.
 */
export async function withPgTransaction<T>(
  db: PrismaClient,
  fn: (tx: SqlTx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const { pool, prepared } = sharedPoolOf(db);
  const timeoutMs = options.timeoutMs ?? 20_000;
  return retryTransaction(options.attempts, async () => {
    const client = await connect(pool, options.maxWaitMs ?? 15_000);
    // A connection lost mid-transaction fails its statements; the event itself must not crash the process.
    const ignore = () => {};
    client.on("error", ignore);
    const tx = new PgTransaction(client, prepared);
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      tx.expire(timeoutMs);
    }, timeoutMs);
    let healthy = true;
    try {
      const result = await fn(tx);
      await tx.commit();
      return result;
    } catch (error) {
      healthy = await tx.rollback();
      throw error;
    } finally {
      clearTimeout(timer);
      client.removeListener("error", ignore);
      // A connection whose transaction state is unknown is closed rather than handed to the next caller.
      client.release(healthy && !expired ? undefined : true);
    }
  });
}

/**
 * The Prisma transaction `tx` is, for a rare case that needs Prisma's model API. On the raw fast path
 * (withPgTransaction) it throws CommitInStatementUnavailable: the caller runs its ordinary transaction.
 */
export function prismaTx(tx: SqlTx, why: string): Tx {
  if (tx instanceof PgTransaction) throw new CommitInStatementUnavailable(why);
  // Every other SqlTx of the app is a Prisma transaction client (runTransaction's).
  return tx as Tx;
}
