import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { withBeginInFirstStatement } from "./begin-with-first-statement";
import { sharePgPool } from "./pg-transaction";
import { preparedStatementName, preparedStatementsEnabled } from "./prepared-statements";

export type Db = PrismaClient;

export { PREPARED_STATEMENT_MARKER } from "./prepared-statements";

/** A client for one database URL. Scripts and tests that need their own database use this. */
export function createPrismaClient(url: string, options: { max?: number } = {}): PrismaClient {
  // Pipeline mode: BEGIN and a transaction's first statement, and its last statement and the COMMIT
  // queued behind it, leave together (./begin-with-first-statement.ts, ./pg-transaction.ts).
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, pipeline: true });
  // An idle connection the server closed (a restart) is dropped by the pool; the next caller gets a new one.
  pool.on("error", () => {});
  const prepared = preparedStatementsEnabled();
  const adapter = withBeginInFirstStatement(
    new PrismaPg(
      pool,
      // The adapter's type wants a name for every query; undefined is what node-postgres reads as "unnamed".
      prepared ? { statementNameGenerator: preparedStatementName as (query: { sql: string }) => string } : undefined,
    ),
  );
  // Secrets never leave lib/ by accident: password hashes are omitted unless asked for explicitly.
  const client: PrismaClient = new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
  // Checkout's and payment's fast transactions take their connections from the same pool.
  sharePgPool(client, pool, { prepared });
  // The pool is the client's: it closes with it, also when only withPgTransaction used it.
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await disconnect();
    if (!pool.ended) await pool.end();
  };
  return client;
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
