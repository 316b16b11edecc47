// Named prepared statements for the hot checkout and payment statements, shared by Prisma's adapter
// (./index.ts) and the raw transactions (./pg-transaction.ts), so both name a text the same way.
import { createHash } from "node:crypto";

/**
 * Put first in a raw statement's text (tx.$queryRaw`/* prepared *\/ SELECT ...`) to run it as a named
 * prepared statement: each connection parses and plans it once, instead of on every call. Only the hot
 * checkout and payment statements use it; planning their CTEs cost more CPU than running them. Their
 * text must not depend on the data (no IN lists of varying length: use = ANY(array)), or every variant
 * becomes another statement kept on every connection.
 */
export const PREPARED_STATEMENT_MARKER = "/* prepared */";

const statementNames = new Map<string, string>();

/** The statement's name when its text asks to be prepared, else undefined (node-postgres: unnamed). */
export function preparedStatementName(query: { sql: string }): string | undefined {
  if (!query.sql.trimStart().startsWith(PREPARED_STATEMENT_MARKER)) return undefined;
  let name = statementNames.get(query.sql);
  if (!name) {
    // The name is the text's hash: node-postgres refuses one name for two texts.
    name = `p_${createHash("sha1").update(query.sql).digest("hex").slice(0, 24)}`;
    statementNames.set(query.sql, name);
  }
  return name;
}

/** PgBouncer before 1.21 in transaction mode cannot keep named statements: DATABASE_PREPARED_STATEMENTS=off. */
export function preparedStatementsEnabled(): boolean {
  return !/^(off|false|0|no)$/i.test(process.env.DATABASE_PREPARED_STATEMENTS ?? "");
}
