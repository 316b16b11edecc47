// The built-in migrator (lib/ops/migrate.ts, used where Prisma's schema engine cannot be downloaded) must
// leave exactly the bookkeeping `prisma migrate deploy` leaves and reads: the same `_prisma_migrations`
// table, one row per migration with the SHA-256 of its migration.sql, and the same refusals (an edited
// applied migration, an unresolved failed one). Each test starts from its own empty database.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { applyMigrations, MigrationError } from "@/lib/ops/migrate";
import { createEmptyTestDatabase, type TestDatabase } from "@/tests/helpers/db";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** Prisma Migrate's advisory lock key (prisma-engines, sql-schema-connector postgres flavour). */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** The migrations on disk and their checksums, computed here independently of lib/ops/migrate.ts. */
const onDisk = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(MIGRATIONS_DIR, entry.name, "migration.sql")))
  .map((entry) => entry.name)
  .sort()
  .map((name) => ({
    name,
    checksum: createHash("sha256")
      .update(readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql")))
      .digest("hex"),
  }));
const names = onDisk.map((migration) => migration.name);

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emptyDatabase(label: string): Promise<TestDatabase> {
  const db = await createEmptyTestDatabase(label);
  cleanups.push(() => db.drop());
  return db;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

/** A writable copy of prisma/migrations, for migrations that must fail or change. */
function migrationsCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function addMigration(dir: string, name: string, sql: string) {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

async function migrationRows(client: pg.Client): Promise<MigrationRow[]> {
  const { rows } = await client.query<MigrationRow>(
    `SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return rows;
}

/** Everything a migration could change in the schema, as one comparable value. */
async function schemaFingerprint(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ item: string }>(`
    SELECT c.relkind::text || ' ' || c.relname::text
           || coalesce(' ' || a.attname::text || ' ' || format_type(a.atttypid, a.atttypmod), '') AS item
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = current_schema()
    UNION ALL
    SELECT 'constraint ' || conname::text || ' ' || pg_get_constraintdef(con.oid)
    FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
    WHERE n.nspname = current_schema()
    UNION ALL
    SELECT 'type ' || t.typname::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = current_schema()
    ORDER BY 1`);
  return rows.map((row) => row.item).join("\n");
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error("expected the migration run to fail, but it succeeded");
  return outcome;
}

async function tableExists(client: pg.Client, table: string): Promise<boolean> {
  const { rows } = await client.query<{ found: string | null }>(`SELECT to_regclass($1)::text AS found`, [
    `"${table}"`,
  ]);
  return rows[0]?.found != null;
}

describe("applyMigrations (built-in)", () => {
  it("applies every migration and records it exactly as prisma migrate deploy does", async () => {
    expect(names.length).toBeGreaterThan(0);
    const db = await emptyDatabase("migrate_fresh");

    const result = await applyMigrations(db.url, { via: "builtin" });

    expect(result).toEqual({ via: "builtin", applied: names, alreadyApplied: [] });
    const client = await connect(db.url);
    const rows = await migrationRows(client);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const [index, row] of rows.entries()) {
      expect(row).toMatchObject({
        checksum: onDisk[index]?.checksum,
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
    expect(await tableExists(client, "Product")).toBe(true);
  });

  it("creates Prisma's own _prisma_migrations table, column for column", async () => {
    const db = await emptyDatabase("migrate_table");
    await applyMigrations(db.url, { via: "builtin" });
    const client = await connect(db.url);

    const { rows: columns } = await client.query(`
      SELECT column_name, udt_name, character_maximum_length AS length, is_nullable, column_default
      FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'
      ORDER BY ordinal_position`);
    // prisma-engines creates it with: id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL,
    // finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,
    // started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0.
    expect(columns).toEqual([
      { column_name: "id", udt_name: "varchar", length: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", udt_name: "varchar", length: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", udt_name: "timestamptz", length: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", udt_name: "varchar", length: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", udt_name: "text", length: null, is_nullable: "YES", column_default: null },
      {
        column_name: "rolled_back_at",
        udt_name: "timestamptz",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      { column_name: "started_at", udt_name: "timestamptz", length: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", udt_name: "int4", length: null, is_nullable: "NO", column_default: "0" },
    ]);
    const { rows: constraints } = await client.query(`
      SELECT conname AS name, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE conrelid = '"_prisma_migrations"'::regclass AND contype <> 'n'`);
    expect(constraints).toEqual([{ name: "_prisma_migrations_pkey", definition: "PRIMARY KEY (id)" }]);
  });

  it("applies nothing and changes nothing when run again", async () => {
    const db = await emptyDatabase("migrate_rerun");
    await applyMigrations(db.url, { via: "builtin" });
    const client = await connect(db.url);
    const rowsBefore = await migrationRows(client);
    const schemaBefore = await schemaFingerprint(client);

    const result = await applyMigrations(db.url, { via: "builtin" });

    expect(result).toEqual({ via: "builtin", applied: [], alreadyApplied: names });
    expect(await migrationRows(client)).toEqual(rowsBefore);
    expect(await schemaFingerprint(client)).toBe(schemaBefore);
  });

  it("refuses to run when an applied migration's checksum no longer matches", async () => {
    const db = await emptyDatabase("migrate_checksum");
    await applyMigrations(db.url, { via: "builtin" });
    const client = await connect(db.url);
    const first = names[0]!;
    await client.query(`UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = $1`, [first]);
    const rowsBefore = await migrationRows(client);

    const error = await failureOf(applyMigrations(db.url, { via: "builtin" }));

    expect(error).toBeInstanceOf(MigrationError);
    expect(error.message).toMatch(/modified/);
    expect(error.message).toContain(first);
    expect(await migrationRows(client)).toEqual(rowsBefore);
  });

  it("refuses to run when a migration file was edited after it was applied", async () => {
    const db = await emptyDatabase("migrate_edited");
    await applyMigrations(db.url, { via: "builtin" });
    const dir = migrationsCopy();
    const first = names[0]!;
    writeFileSync(
      path.join(dir, first, "migration.sql"),
      readFileSync(path.join(dir, first, "migration.sql"), "utf8") + "\n-- edited\n",
    );

    const error = await failureOf(applyMigrations(db.url, { via: "builtin", dir }));

    expect(error).toBeInstanceOf(MigrationError);
    expect(error.message).toMatch(/modified/);
  });

  it("refuses to run while a migration is recorded as started but not finished", async () => {
    const db = await emptyDatabase("migrate_unfinished");
    await applyMigrations(db.url, { via: "builtin" });
    const client = await connect(db.url);
    const first = names[0]!;
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1`, [first]);
    const schemaBefore = await schemaFingerprint(client);

    const error = await failureOf(applyMigrations(db.url, { via: "builtin" }));

    expect(error).toBeInstanceOf(MigrationError);
    expect(error.message).toContain(first);
    expect(error.message).toMatch(/did not finish/);
    expect(await schemaFingerprint(client)).toBe(schemaBefore);
  });

  it("records a failing migration with its error, leaves no part of it behind, and refuses until resolved", async () => {
    const db = await emptyDatabase("migrate_failing");
    const dir = migrationsCopy();
    const broken = "29991231000000_broken";
    // Two statements that succeed, then one that fails: none of the three may remain.
    const brokenSql = `CREATE TABLE "HalfDone" ("id" TEXT PRIMARY KEY);
ALTER TABLE "Product" ADD COLUMN "halfDone" TEXT;
INSERT INTO "NoSuchTable" VALUES (1);
`;
    addMigration(dir, broken, brokenSql);

    const error = await failureOf(applyMigrations(db.url, { via: "builtin", dir }));

    expect(error).toBeInstanceOf(MigrationError);
    expect(error.message).toContain(broken);
    expect(error.message).toContain(`relation "NoSuchTable" does not exist`);
    const client = await connect(db.url);
    const rows = await migrationRows(client);
    expect(rows.map((row) => [row.migration_name, row.finished_at !== null])).toEqual([
      ...names.map((name) => [name, true]),
      [broken, false],
    ]);
    expect(rows.at(-1)).toMatchObject({
      checksum: createHash("sha256").update(brokenSql).digest("hex"),
      rolled_back_at: null,
      applied_steps_count: 0,
      logs: expect.stringContaining(`relation "NoSuchTable" does not exist`),
    });
    expect(await tableExists(client, "HalfDone")).toBe(false);
    const { rowCount } = await client.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'Product' AND column_name = 'halfDone'`,
    );
    expect(rowCount).toBe(0);

    // The next run refuses, like Prisma's P3009, until a person resolves the failure.
    const refusal = await failureOf(applyMigrations(db.url, { via: "builtin", dir }));
    expect(refusal).toBeInstanceOf(MigrationError);
    expect(refusal.message).toMatch(/did not finish/);

    // Resolved as `prisma migrate resolve --rolled-back` does, with the migration fixed: it applies.
    await client.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [broken]);
    addMigration(dir, broken, brokenSql.replace(`INSERT INTO "NoSuchTable" VALUES (1);`, ""));
    const result = await applyMigrations(db.url, { via: "builtin", dir });
    expect(result).toEqual({ via: "builtin", applied: [broken], alreadyApplied: names });
    expect(await tableExists(client, "HalfDone")).toBe(true);
    const brokenRows = (await migrationRows(client)).filter((row) => row.migration_name === broken);
    expect(brokenRows.map((row) => [row.rolled_back_at !== null, row.finished_at !== null])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it("applies once when two migrators start together, serialised by Prisma Migrate's advisory lock", async () => {
    const db = await emptyDatabase("migrate_concurrent");
    const lockHolder = await connect(db.url);
    // Hold the lock so both migrators are certainly waiting for it at the same moment, then let them race.
    await lockHolder.query(`SELECT pg_advisory_lock($1)`, [PRISMA_MIGRATE_LOCK_KEY]);
    const runs = [applyMigrations(db.url, { via: "builtin" }), applyMigrations(db.url, { via: "builtin" })];
    // Keep a rejection from going unhandled while we wait; the assertions below still see it.
    for (const run of runs) run.catch(() => {});

    const waiting = async () => {
      const { rows } = await lockHolder.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM pg_locks
         WHERE locktype = 'advisory' AND NOT granted AND objid = $1 AND objsubid = 1
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [PRISMA_MIGRATE_LOCK_KEY],
      );
      return rows[0]?.count ?? 0;
    };
    const deadline = Date.now() + 10_000;
    while ((await waiting()) < 2) {
      if (Date.now() > deadline)
        throw new Error(`the migrators never waited for advisory lock ${PRISMA_MIGRATE_LOCK_KEY}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await lockHolder.query(`SELECT pg_advisory_unlock($1)`, [PRISMA_MIGRATE_LOCK_KEY]);

    const results = await Promise.all(runs);

    expect(results.map((result) => result.applied).sort((a, b) => b.length - a.length)).toEqual([names, []]);
    expect(results.map((result) => result.alreadyApplied).sort((a, b) => a.length - b.length)).toEqual([[], names]);
    const rows = await migrationRows(lockHolder);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    expect(rows.every((row) => row.finished_at !== null && row.applied_steps_count === 1)).toBe(true);
  });
});

describe("data migrations", () => {
  it("20261207100000_payment_refund_state moves markOrderPaid's refund reasons from the outbox onto the payments", async () => {
    const migration = "20261207100000_payment_refund_state";
    expect(names).toContain(migration);
    const before = migrationsCopy();
    for (const name of names.filter((candidate) => candidate >= migration))
      rmSync(path.join(before, name), { recursive: true, force: true });
    const db = await emptyDatabase("migrate_refund_state");
    await applyMigrations(db.url, { via: "builtin", dir: before });
    const client = await connect(db.url);

    await client.query(`
      INSERT INTO "Order" (id, "checkoutToken", email, currency, "subtotalCents", "totalCents", "shippingMethod",
                           "shippingMethodName", "shippingAddress", "updatedAt")
      VALUES ('o1', 't1', 'ada@example.com', 'USD', 1000, 1000, 'STANDARD', 'Standard', '{}', now())`);
    const payments = ["duplicate", "stock", "seller", "kept", "cancelled"];
    for (const id of payments)
      await client.query(
        `INSERT INTO "Payment" (id, "orderId", provider, "providerRef", "amountCents", currency, status, "updatedAt")
         VALUES ($1, 'o1', 'TEST', $1, 1000, 'USD', 'SUCCEEDED', now())`,
        [id],
      );
    const flag = (payment: string, reason: string) =>
      client.query(
        `INSERT INTO "OutboxEvent" (id, topic, "aggregateId", payload, "dedupeKey", "availableAt")
         VALUES ($1, 'payment.refund_required', 'o1', $2, $3, now())`,
        [`evt-${payment}`, JSON.stringify({ orderId: "o1", paymentId: payment, reason }), `refund-required:${payment}`],
      );
    await flag("duplicate", "duplicate_payment");
    await flag("stock", "out_of_stock");
    await flag("cancelled", "order_cancelled");
    // A seller's cancellation queues its refund under the same key; that payment was the order's own.
    await flag("seller", "order_cancelled: customer asked");

    await applyMigrations(db.url, { via: "builtin" });

    const { rows } = await client.query<{ id: string; autoRefundReason: string | null }>(
      `SELECT id, "autoRefundReason" FROM "Payment" ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: "cancelled", autoRefundReason: "order_cancelled" },
      { id: "duplicate", autoRefundReason: "duplicate_payment" },
      { id: "kept", autoRefundReason: null },
      { id: "seller", autoRefundReason: null },
      { id: "stock", autoRefundReason: "out_of_stock" },
    ]);
    const refused = await client.query(`UPDATE "Payment" SET "autoRefundReason" = 'whatever' WHERE id = 'kept'`).then(
      () => null,
      (error: { constraint?: string }) => error.constraint,
    );
    expect(refused).toBe("Payment_autoRefundReason_check");
  });
});
