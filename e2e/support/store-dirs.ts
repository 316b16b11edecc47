// Where an end-to-end store keeps its state: one data directory per port, so two runs on different ports
// never share or delete each other's state (playwright.config.ts starts the main store there).
import { readFileSync } from "node:fs";
import path from "node:path";

export function e2eDataDir(port: number): string {
  return port === 3100 ? ".data/e2e" : `.data/e2e-${port}`;
}

/** The URL of a store's embedded database: its superuser password is generated into DATA_DIR at start. */
export function embeddedDatabaseUrl(dataDir: string, pgPort: number): string {
  const password = readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/storefront`;
}
