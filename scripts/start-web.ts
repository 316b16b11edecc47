// npm run start:web: one web server alone (scripts/web-server.ts), for deployments that run several behind
// a load balancer and the worker apart (npm run start:worker). It starts nothing else: the database
// (DATABASE_URL), Meilisearch (MEILI_HOST), Redis (UPSTASH_REDIS_REST_*) and the bucket (S3_BUCKET) are
// shared services, migrations run once per release (npm run db:migrate) and the app is built once
// (npm run build) and the same build is served by every instance.
//
// Like npm start it decides the store's mode and refuses an unsafe configuration (production needs
// NEXTAUTH_SECRET, the same on every instance); it hands the web server a search-only Meilisearch key and
// never the master key. SIGTERM: drain for WEB_SHUTDOWN_DRAIN_SECONDS (readiness 503, requests still
// served; 0 by default), stop accepting, finish the requests in flight (at most
// WEB_SHUTDOWN_GRACE_SECONDS, 8 s by default), exit 0.
import "dotenv/config";
import path from "node:path";
import { hasBuild } from "@/lib/ops/build";
import { dataDir } from "@/lib/ops/runtime";
import { startupErrors } from "@/lib/readiness/checks";
import { readOrCreateSecretFile } from "@/lib/ops/secret-file";
import { decideStoreMode } from "@/lib/ops/store-mode";
import { readSearchConfig, resolveSearchKey } from "@/lib/search";
import { randomBytes } from "node:crypto";

function refuse(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!process.env.DATABASE_URL) {
  refuse(
    "npm run start:web needs DATABASE_URL (the store's PostgreSQL). `npm start` runs everything on the embedded database.",
  );
}

let decision;
try {
  decision = decideStoreMode();
} catch (error) {
  refuse(error instanceof Error ? error.message : String(error));
}
const refusals = startupErrors(decision.mode);
if (refusals.length > 0) {
  refuse(
    `Refusing to start in ${decision.mode} mode (${decision.reason}):\n${refusals.map((line) => `  - ${line}`).join("\n")}`,
  );
}
// After the configuration's refusals, so a misconfigured instance says what to fix whether it has a build or not.
if (!hasBuild()) refuse("There is no production build to serve: run `npm run build` first (once per release).");
process.env.STORE_MODE = decision.mode;
// Demo mode only: a generated secret, shared by the instances of one machine through the data directory.
if (!process.env.NEXTAUTH_SECRET) {
  process.env.NEXTAUTH_SECRET = readOrCreateSecretFile(path.join(dataDir(), "auth-secret"), () =>
    randomBytes(32).toString("base64url"),
  );
}
process.env.NEXTAUTH_URL ??= process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

// Searches use a search-only key; the master key is for the worker and scripts.
const search = readSearchConfig();
if (search && !search.searchKey) {
  try {
    process.env.MEILI_SEARCH_KEY = await resolveSearchKey(search);
  } catch (error) {
    console.error(
      `Search is unavailable, searches answer from PostgreSQL: ${error instanceof Error ? error.message : String(error)}`,
    );
    delete process.env.MEILI_HOST;
  }
}
delete process.env.MEILI_MASTER_KEY;
delete process.env.MEILI_API_KEY;

await import("./web-server");
