// A transaction's last statement and its COMMIT in one round trip. Checkout and payment confirmation lock
// a hot inventory row in their last statement and keep it until COMMIT; with the COMMIT sent only after the
// app has read the statement's result, every other buyer of that variant also waits for this process to be
// scheduled and to work through its queue. A statement whose text carries COMMIT_IN_STATEMENT (after the
// prepared marker) has its COMMIT queued on the same connection right behind it: node-postgres sends it the
// moment the statement's result arrives, before any of the app's code runs.
//
// What that asks of the statement: everything the transaction must check is checked inside it, with
// statement_guard(ok, what) (the migration 20261210150000_statement_guard), which raises SQLSTATE NW001 and
// so aborts the transaction (the COMMIT behind it then rolls back). Code after such a statement can no
// longer roll anything back; the transaction accepts no statement after it. A caller that cannot prove its
// checks in SQL (a case its statement does not cover) throws CommitInStatementUnavailable before writing,
// and runs its ordinary transaction instead: see isCommitInStatementRefusal.
import type { PrismaPg } from "@prisma/adapter-pg";
import { Prisma } from "@/lib/generated/prisma/client";

export const COMMIT_IN_STATEMENT = "/* commits */";

const GUARD_FAILED = "NW001";

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;
type SqlQuery = Parameters<PgTransaction["queryRaw"]>[0];

/** The fast path does not cover this case (thrown before any write): run the ordinary transaction. */
export class CommitInStatementUnavailable extends Error {
  constructor(reason: string) {
    super(`commit in statement unavailable: ${reason}`);
  }
}

/** A statement_guard failed (nothing was written), or the fast path did not apply. */
export function isCommitInStatementRefusal(error: unknown): boolean {
  if (error instanceof CommitInStatementUnavailable) return true;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const meta = error.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined;
  return meta?.driverAdapterError?.cause?.originalCode === GUARD_FAILED;
}

/** `statement_guard(ok, what)` as a select-list column: raises unless `ok` is true. */
export function statementGuard(ok: Prisma.Sql, what: string): Prisma.Sql {
  return Prisma.sql`statement_guard(${ok}, ${what}::text) AS "statementGuard"`;
}

const marks = (query: SqlQuery) => query.sql.slice(0, 40).includes(COMMIT_IN_STATEMENT);
const endsTransaction = (query: SqlQuery) => /^\s*(COMMIT|ROLLBACK)\s*$/i.test(query.sql);

function commitInStatement(transaction: PgTransaction): PgTransaction {
  const queryRaw = transaction.queryRaw.bind(transaction);
  const executeRaw = transaction.executeRaw.bind(transaction);
  let ended = false;
  transaction.queryRaw = async (query) => {
    if (ended) throw new Error("this transaction already committed with its last statement");
    if (!marks(query)) return queryRaw(query);
    ended = true;
    // Both calls hand their query to the connection synchronously, in this order.
    const statement = queryRaw(query);
    const commit = executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
    const [result, committed] = await Promise.allSettled([statement, commit]);
    // A failed statement aborted the transaction, and the COMMIT behind it rolled it back.
    if (result.status === "rejected") throw result.reason;
    if (committed.status === "rejected") throw committed.reason;
    return result.value;
  };
  transaction.executeRaw = async (query) => {
    if (!ended) return executeRaw(query);
    // Prisma's own COMMIT (or ROLLBACK, after an error) of a transaction that has already ended.
    if (endsTransaction(query)) return 0;
    throw new Error("this transaction already committed with its last statement");
  };
  return transaction;
}

/** The adapter factory, with every transaction honouring COMMIT_IN_STATEMENT. */
export function withCommitInStatement(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => commitInStatement(await startTransaction(isolationLevel));
    return adapter;
  };
  return factory;
}
