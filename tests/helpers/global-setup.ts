// Starts one real PostgreSQL for the integration run (embedded by default; TEST_DATABASE_URL points at
// another server whose user may create databases) and builds a migrated template database that each
// suite clones into its own database (tests/helpers/db.ts).
import path from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/ops/embedded-postgres";
import { applyMigrations } from "@/lib/ops/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplateDatabase: string;
  }
}

// Per run, so two runs sharing a server (a developer running one suite while another runs) never collide.
export const TEMPLATE_DATABASE = `test_template_${process.pid}`;

let server: EmbeddedPostgresHandle | undefined;

export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let ownServer = false;
  if (!serverUrl) {
    try {
      server = await startEmbeddedPostgres({
        dataDir: path.join(process.cwd(), ".data", "test-postgres"),
        port: Number(process.env.TEST_PG_PORT ?? 54330),
      });
    } catch (error) {
      // Never skip silently: the integration suite is meaningless without a real database.
      throw new Error(`Integration tests need PostgreSQL and the embedded one did not start: ${String(error)}`);
    }
    serverUrl = server.serverUrl;
    ownServer = server.started;
  }

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // Leftovers of an interrupted run (only ever databases named test_*), when no other run can be using
    // them: this run started the server itself.
    const { rows } = ownServer
      ? await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%'")
      : { rows: [] };
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  await applyMigrations(withDatabase(serverUrl, TEMPLATE_DATABASE));

  project.provide("pgServerUrl", serverUrl);
  project.provide("pgTemplateDatabase", TEMPLATE_DATABASE);

  return async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`).catch(() => {});
    await cleanup.end();
    await server?.stop();
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
