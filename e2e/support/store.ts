// Where the end-to-end store lives: its port (E2E_PORT), data directory and database. One data directory per
// port, so two runs on different ports never share or delete each other's state (playwright.config.ts starts
// the main store there). E2E_DATA_DIR points the tests at another running store's directory (with
// reuseExistingServer), E2E_DATABASE_URL at another database.
import { readFileSync } from "node:fs";
import path from "node:path";
import { embeddedDatabaseUrl, passwordFileFor } from "../../lib/ops/embedded-postgres-paths";

export const e2ePort = Number(process.env.E2E_PORT ?? 3100);
export const e2ePgPort = Number(process.env.E2E_PG_PORT ?? 54331);

export function e2eDataDir(port: number = e2ePort): string {
  return process.env.E2E_DATA_DIR ?? (port === 3100 ? ".data/e2e" : `.data/e2e-${port}`);
}

/** The embedded database's generated password (the file exists once the store has started). */
function embeddedPassword(dataDir: string): string {
  return readFileSync(passwordFileFor(path.join(dataDir, "postgres")), "utf8").trim();
}

/** A store's embedded database over TCP, for the tests' own queries. */
export function tcpDatabaseUrl(dataDir: string, pgPort: number): string {
  return `postgresql://postgres:${encodeURIComponent(embeddedPassword(dataDir))}@127.0.0.1:${pgPort}/storefront`;
}

/** Exactly the DATABASE_URL `npm start` gives a store on this embedded database (through its socket). */
export function storeDatabaseUrl(dataDir: string, pgPort: number): string {
  return embeddedDatabaseUrl(path.resolve(dataDir, "postgres"), pgPort, "storefront", embeddedPassword(dataDir));
}

/** The main e2e store's database over TCP. Read when first needed: the password file exists once it started. */
export function e2eDatabaseUrl(): string {
  return process.env.E2E_DATABASE_URL ?? tcpDatabaseUrl(e2eDataDir(), e2ePgPort);
}
