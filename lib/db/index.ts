import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { withBeginInFirstStatement } from "./begin-with-first-statement";
import { withCommitInStatement } from "./commit-in-statement";

export type Db = PrismaClient;

/**
 * Put first in a raw statement's text (tx.$queryRaw`/* prepared *\/ SELECT ...`) to run it as a named
 * prepared statement: each connection parses and plans it once, instead of on every call. Only the hot
 * checkout and payment statements use it; planning their CTEs cost more CPU than running them. Their
 * text must not depend on the data (no IN lists of varying length: use = ANY(array)), or every variant
 * becomes another statement kept on every connection.
 */
export const PREPARED_STATEMENT_MARKER = "/* prepared */";

const statementNames = new Map<string, string>();

function preparedStatementName(query: { sql: string }): string | undefined {
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
function preparedStatementsEnabled(): boolean {
  return !/^(off|false|0|no)$/i.test(process.env.DATABASE_PREPARED_STATEMENTS ?? "");
}

/** A client for one database URL. Scripts and tests that need their own database use this. */
export function createPrismaClient(url: string, options: { max?: number } = {}): PrismaClient {
  const adapter = withBeginInFirstStatement(
    withCommitInStatement(
      new PrismaPg(
        // Pipeline mode: BEGIN and a transaction's first statement, and its last statement and the COMMIT
        // queued behind it, leave together (./begin-with-first-statement.ts, ./commit-in-statement.ts).
        { connectionString: url, max: options.max ?? 10, pipeline: true },
        // The adapter's type wants a name for every query; undefined is what node-postgres reads as "unnamed".
        preparedStatementsEnabled()
          ? { statementNameGenerator: preparedStatementName as (query: { sql: string }) => string }
          : undefined,
      ),
    ),
  );
  // Secrets never leave lib/ by accident: password hashes are omitted unless asked for explicitly.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the store with `npm start` (which starts the embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return url;
}

/** The app's shared client, created on first use (so importing this module never needs a database). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    globalForPrisma.__prisma ??= createPrismaClient(databaseUrl(), {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    });
    const client = globalForPrisma.__prisma;
    const value: unknown = Reflect.get(client, property);
    return typeof value === "function" ? (value.bind(client) as unknown) : value;
  },
});
