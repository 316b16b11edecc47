// A transaction's last statement and its COMMIT in one round trip. Checkout and payment confirmation lock
// a hot inventory row in their last statement and keep it until COMMIT; with the COMMIT sent only after the
// app has read the statement's result, every other buyer of that variant also waits for this process to be
// scheduled and to work through its queue. A statement whose text carries COMMIT_IN_STATEMENT (after the
// prepared marker) has its COMMIT queued on the same connection right behind it: node-postgres sends it the
// moment the statement's result arrives, before any of the app's code runs. The transactions that do this
// run on node-postgres directly (./pg-transaction.ts, which honours the marker): checkout's and payment's.
//
// What that asks of the statement: everything the transaction must check is checked inside it, with
// statement_guard(ok, what) (the migration 20261210150000_statement_guard), which raises SQLSTATE NW001 and
// so aborts the transaction (the COMMIT behind it then rolls back). Code after such a statement can no
// longer roll anything back; the transaction accepts no statement after it. A caller that cannot prove its
// checks in SQL (a case its statement does not cover) throws CommitInStatementUnavailable before writing,
// and runs its ordinary transaction instead: see isCommitInStatementRefusal.
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlStateOf } from "./sql-state";

export const COMMIT_IN_STATEMENT = "/* commits */";

const GUARD_FAILED = "NW001";

/** The fast path does not cover this case (thrown before any write): run the ordinary transaction. */
export class CommitInStatementUnavailable extends Error {
  constructor(reason: string) {
    super(`commit in statement unavailable: ${reason}`);
  }
}

/** A statement_guard failed (nothing was written), or the fast path did not apply. */
export function isCommitInStatementRefusal(error: unknown): boolean {
  return error instanceof CommitInStatementUnavailable || sqlStateOf(error) === GUARD_FAILED;
}

/** `statement_guard(ok, what)` as a select-list column: raises unless `ok` is true. */
export function statementGuard(ok: Prisma.Sql, what: string): Prisma.Sql {
  return Prisma.sql`statement_guard(${ok}, ${what}::text) AS "statementGuard"`;
}
