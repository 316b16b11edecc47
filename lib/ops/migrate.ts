// Applies prisma/migrations to a database.
//
// Where Prisma's schema engine is available (a normal machine with internet at install time) this is
// `prisma migrate deploy`. Where it is not (this workplace: the engine cannot be downloaded), the same
// migration files are applied here with the same bookkeeping in `_prisma_migrations`: the row layout,
// the checksum (SHA-256 hex of the migration.sql bytes) and the finished/rolled-back semantics that
// `prisma migrate deploy` reads, so either path leaves the same database and the other accepts it.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import pg from "pg";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// Prisma's own definition of the table (schema-engine, postgres flavour).
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

// Any constant works: it only serialises concurrent migrators of the same database.
const ADVISORY_LOCK_KEY = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
  via: "prisma" | "builtin";
}

export class MigrationError extends Error {}

export function checksumOf(sql: string | Buffer): string {
  return createHash("sha256").update(sql).digest("hex");
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: checksumOf(bytes) };
    });
}

/** The Prisma CLI can migrate only when a real schema engine binary is present. */
export function prismaSchemaEngineAvailable(): boolean {
  const configured = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (configured) return existsSync(configured) && !configured.endsWith(".mjs");
  const enginesDir = path.join(process.cwd(), "node_modules", "@prisma", "engines");
  return existsSync(enginesDir) && readdirSync(enginesDir).some((file) => file.startsWith("schema-engine-"));
}

export async function applyMigrations(
  databaseUrl: string,
  options: { log?: (line: string) => void; dir?: string; via?: "prisma" | "builtin" | "auto" } = {},
): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const via = options.via ?? (process.env.MIGRATE_WITH as "prisma" | "builtin" | undefined) ?? "auto";
  if (via === "prisma" || (via === "auto" && prismaSchemaEngineAvailable())) {
    return migrateWithPrisma(databaseUrl, log);
  }
  return migrateBuiltin(databaseUrl, listMigrations(options.dir), log);
}

function migrateWithPrisma(databaseUrl: string, log: (line: string) => void): MigrateResult {
  log("Applying migrations with prisma migrate deploy");
  const result = spawnSync("npx", ["--no-install", "prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new MigrationError(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
  return { applied: [], alreadyApplied: [], via: "prisma" };
}

interface MigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function migrateBuiltin(
  databaseUrl: string,
  migrations: Migration[],
  log: (line: string) => void,
): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<MigrationRow>(
      `SELECT id, migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const live = rows.filter((row) => row.rolled_back_at === null);

    // Same refusal as Prisma's P3009: a failed migration must be resolved by a person first.
    const failed = live.find((row) => row.finished_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} started but did not finish. Fix the database, then mark it ` +
          `rolled back (prisma migrate resolve --rolled-back ${failed.migration_name}) and run again.`,
      );
    }

    const known = new Set(migrations.map((migration) => migration.name));
    const missingLocally = live.filter((row) => !known.has(row.migration_name));
    if (missingLocally.length > 0) {
      throw new MigrationError(
        `The database has migrations that are not in prisma/migrations: ${missingLocally
          .map((row) => row.migration_name)
          .join(", ")}. Is this checkout older than the database?`,
      );
    }

    const result: MigrateResult = { applied: [], alreadyApplied: [], via: "builtin" };
    for (const migration of migrations) {
      const done = live.find((row) => row.migration_name === migration.name);
      if (done) {
        if (done.checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was modified after it was applied (checksum ${done.checksum} in the ` +
              `database, ${migration.checksum} on disk). Applied migrations must never be edited: add a new one.`,
          );
        }
        result.alreadyApplied.push(migration.name);
        continue;
      }
      log(`Applying migration ${migration.name}`);
      const id = randomUUID();
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 0)`,
        [id, migration.checksum, migration.name],
      );
      try {
        // One transaction per migration: a failure leaves nothing half-applied (PostgreSQL DDL is transactional).
        await client.query("BEGIN");
        await client.query(migration.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        const message = error instanceof Error ? error.message : String(error);
        // Record the failure like Prisma does, so the next run refuses until someone resolves it.
        await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
        throw new MigrationError(`Migration ${migration.name} failed: ${message}`);
      }
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
