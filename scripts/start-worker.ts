// npm run start:worker: the background worker alone (lib/worker: outbox, reservation sweep, unpaid-order
// cancellation, cart purge), for deployments that scale the web servers and the workers apart. Run as many
// as needed: every job claims its work with SKIP LOCKED, so two workers never do the same thing twice.
//
// Needs DATABASE_URL; MEILI_HOST + MEILI_MASTER_KEY for search updates (without them search events wait
// in the outbox for a worker that has them). SIGTERM or SIGINT: stop claiming, let the batch in hand finish
// (at most WORKER_SHUTDOWN_GRACE_SECONDS, default 20), exit 0.
import "dotenv/config";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createPrismaClient } from "@/lib/db";
import { decideStoreMode } from "@/lib/ops/store-mode";
import { dataDir } from "@/lib/ops/runtime";
import { readOrCreateSecretFile } from "@/lib/ops/secret-file";
import { createAdminEngine, ensureSearchIndex, readSearchConfig, searchOutboxHandlers } from "@/lib/search";
import { startWorker } from "@/lib/worker";
import { onStopSignal } from "@/lib/ops/stop-signals";

function log(message: string) {
  console.log(`[worker ${process.pid}] ${message}`);
}

function seconds(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw?.trim() && Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      "npm run start:worker needs DATABASE_URL (the store's PostgreSQL). `npm start` runs the web server and the worker together on the embedded database.",
    );
    process.exit(1);
  }
  let decision;
  try {
    decision = decideStoreMode();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  process.env.STORE_MODE = decision.mode;
  // Back-in-stock emails carry unsubscribe links signed with NEXTAUTH_SECRET, which the web servers check:
  // in demo mode the same generated secret as theirs (start-web.ts); production deployments set it.
  if (!process.env.NEXTAUTH_SECRET && decision.mode === "demo") {
    process.env.NEXTAUTH_SECRET = readOrCreateSecretFile(path.join(dataDir(), "auth-secret"), () =>
      randomBytes(32).toString("base64url"),
    );
  }

  const db = createPrismaClient(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 4) });
  let handlers = {};
  const search = readSearchConfig();
  if (search?.adminKey) {
    try {
      const engine = createAdminEngine(search);
      const { rebuilt } = await ensureSearchIndex(db, engine);
      if (rebuilt) log("built the search index");
      handlers = searchOutboxHandlers(db, engine);
    } catch (error) {
      // The search events wait in the outbox; they are not lost.
      log(
        `search is unavailable, its updates wait in the outbox: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  } else {
    log("MEILI_HOST / MEILI_MASTER_KEY not set: search updates wait in the outbox for a worker that has them");
  }

  const worker = startWorker(db, {
    handlers,
    outboxLeaseMs: seconds(process.env.OUTBOX_LEASE_SECONDS, 60) * 1000,
    log,
  });
  log(`running (${decision.mode} mode)`);

  onStopSignal(async (signal) => {
    const graceMs = seconds(process.env.WORKER_SHUTDOWN_GRACE_SECONDS, 20) * 1000;
    log(`${signal}: finishing the batch in hand (at most ${graceMs / 1000} s)`);
    const finished = await worker.stop(graceMs);
    if (!finished) log("stopped before the batch finished: its events are taken again when their lease ends");
    await db.$disconnect().catch(() => {});
    log("stopped");
    process.exit(0);
  });
}

void main();
