// Each integration suite gets its own database, cloned from the migrated template (fast), and drops it
// afterwards. Names always start with test_ and anything else is refused, so a misconfigured URL can
// never point these helpers at a real store's database.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { createPrismaClient, type Db } from "@/lib/db";
import { sharePgPool } from "@/lib/db/pg-transaction";
import { PrismaClient } from "@/lib/generated/prisma/client";

export interface TestDatabase {
  name: string;
  url: string;
  prisma: Db;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function testDatabaseName(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 30);
  return `test_${slug}_${randomBytes(4).toString("hex")}`;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("pgServerUrl") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function create(label: string, template: string | null): Promise<TestDatabase> {
  const name = testDatabaseName(label);
  if (!/^test_[a-z0-9_]+$/.test(name)) throw new Error(`Refusing to create non-test database ${name}`);
  await withAdmin((client) =>
    client.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`),
  );
  const url = withDatabase(inject("pgServerUrl"), name);
  const prisma = createPrismaClient(url, { max: 20 });
  return {
    name,
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** A fresh database with every migration applied. */
export function createTestDatabase(label = "suite"): Promise<TestDatabase> {
  return create(label, inject("pgTemplateDatabase"));
}

/** A fresh, empty database (no migrations), for tests of the migrator itself. */
export function createEmptyTestDatabase(label = "empty"): Promise<TestDatabase> {
  return create(label, null);
}

/**
 * Another client of a test database that records the SQL of every statement it sends, so a test can prove
 * how many queries a path costs (`statements.length = 0` before the path, then read them). Recorded on its
 * pool's connections, so checkout's and payment's node-postgres transactions (lib/db/pg-transaction.ts)
 * count as well as Prisma's queries.
 */
export function createRecordingClient(url: string): { prisma: Db; statements: string[] } {
  const statements: string[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("connect", (connection) => {
    const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
    connection.query = ((config: unknown, ...rest: unknown[]) => {
      statements.push(typeof config === "string" ? config : ((config as { text?: string } | null)?.text ?? ""));
      return query(config, ...rest);
    }) as typeof connection.query;
  });
  const client: Db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  sharePgPool(client, pool, { prepared: false });
  return { prisma: client, statements };
}
