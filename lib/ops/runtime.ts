// Where the local store keeps its state, and how a script gets a database: DATABASE_URL when set,
// otherwise the embedded PostgreSQL with its data in DATA_DIR (default .data/, git-ignored).
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./embedded-postgres";

export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? path.join(process.cwd(), ".data"));
}

export const EMBEDDED_DATABASE = "storefront";

export interface DatabaseConnection {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function connectDatabase(options: { verbose?: boolean } = {}): Promise<DatabaseConnection> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const server: EmbeddedPostgresHandle = await startEmbeddedPostgres({
    dataDir: path.join(dataDir(), "postgres"),
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    verbose: options.verbose ?? process.env.PG_VERBOSE === "1",
  });
  await server.ensureDatabase(EMBEDDED_DATABASE);
  const url = server.databaseUrl(EMBEDDED_DATABASE);
  return { url, embedded: true, stop: () => server.stop() };
}
