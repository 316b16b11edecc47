// Where an end-to-end store keeps its state: one data directory per port, so two runs on different ports
// never share or delete each other's state (playwright.config.ts starts the main store there).
// E2E_DATA_DIR points the tests at another running store's directory (with reuseExistingServer).
import { readFileSync } from "node:fs";
import path from "node:path";
import { embeddedDatabaseUrl, passwordFileFor } from "../../lib/ops/embedded-postgres-paths";

export function e2eDataDir(port: number): string {
  return process.env.E2E_DATA_DIR ?? (port === 3100 ? ".data/e2e" : `.data/e2e-${port}`);
}

function embeddedPassword(dataDir: string): string {
  return readFileSync(passwordFileFor(path.join(dataDir, "postgres")), "utf8").trim();
}

/** A store's embedded database over TCP, for the tests' own queries (its password is generated at start). */
export function tcpDatabaseUrl(dataDir: string, pgPort: number): string {
  return `postgresql://postgres:${encodeURIComponent(embeddedPassword(dataDir))}@127.0.0.1:${pgPort}/storefront`;
}

/** Exactly the DATABASE_URL `npm start` gives a store on this embedded database (through its socket). */
export function storeDatabaseUrl(dataDir: string, pgPort: number): string {
  return embeddedDatabaseUrl(path.resolve(dataDir, "postgres"), pgPort, "storefront", embeddedPassword(dataDir));
}
