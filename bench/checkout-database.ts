// The database of the checkout benchmarks (bench/checkout.ts, bench/checkout-cpu.ts): DATABASE_URL when set,
// else their embedded PostgreSQL in .data/bench-checkout-pg (port BENCH_PG_PORT, default 54340), with the
// named database dropped and rebuilt from the migrations on every run.
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { applyMigrations } from "@/lib/ops/migrate";

export async function checkoutBenchDatabase(name: string): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(process.cwd(), ".data", "bench-checkout-pg"),
    port: Number(process.env.BENCH_PG_PORT ?? 54340),
  });
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = server.databaseUrl(name);
  await applyMigrations(url);
  return { url, stop: () => server.stop() };
}
