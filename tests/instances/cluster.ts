// The multi-instance store of tests/instances: one PostgreSQL (embedded, its own data directory), one
// Meilisearch, one Redis behind the Upstash REST bridge, one S3 API server (s3rver), an SMTP sink, the
// local stand-in for Stripe's API (payments go through Stripe Checkout, confirmed by webhooks), the
// production build for that database, then two web servers (scripts/start-web.ts, what
// `npm run start:web` runs) and two workers (scripts/start-worker.ts, `npm run start:worker`), each its
// own process with its own port, on the shared services, as a deployment behind a load balancer runs them.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureAdminAccount } from "@/lib/auth/accounts";
import { createPrismaClient, type Db } from "@/lib/db";
import { ensureBuild } from "@/lib/ops/build";
import { startEmbeddedMeilisearch, type EmbeddedMeilisearchHandle } from "@/lib/ops/embedded-meilisearch";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/ops/embedded-postgres";
import { applyMigrations } from "@/lib/ops/migrate";
import { createAdminEngine, ensureSearchIndex, readSearchConfig, resolveSearchKey } from "@/lib/search";
import { seedDemoCatalog } from "@/lib/seed";
import { freePort } from "../helpers/ports";
import { startTestRedis, type TestRedis } from "../helpers/redis";
import { startTestS3, type TestS3 } from "../helpers/s3";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { startStripeStandIn, type StripeStandIn } from "../helpers/stripe-stand-in";

export const ADMIN_EMAIL = "admin@instances.test";
export const ADMIN_PASSWORD = "instances-admin-password-1";
const DATABASE = "storefront";

/** How long a web server of the cluster drains on SIGTERM before it stops listening (check 5). */
export const WEB_DRAIN_SECONDS = 5;

export class Proc {
  child!: ChildProcess;
  output = "";
  exit!: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly name: string,
    readonly script: string,
    readonly env: () => Record<string, string>,
    readonly port?: number,
    /** Every start's whole output is appended here (the `output` field keeps only the last start's tail). */
    readonly logFile?: string,
  ) {}

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    this.output = ""; // waitHealthy reads this start's output, not the last one's
    this.child = spawn(process.execPath, ["--import", "tsx", this.script], {
      cwd: process.cwd(),
      env: { ...this.env(), ...(this.port ? { PORT: String(this.port) } : {}) } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const append = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-40_000);
      if (this.logFile) appendFileSync(this.logFile, chunk);
    };
    this.child.stdout!.on("data", append);
    this.child.stderr!.on("data", append);
    this.exit = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  async waitHealthy(timeoutMs = 300_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited (${this.child.exitCode}):\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not answer within ${timeoutMs} ms:\n${this.output}`);
      try {
        if (this.port && (await fetch(`${this.baseURL}/api/health`, { signal: AbortSignal.timeout(2_000) })).ok) return;
        if (!this.port && this.output.includes("running (")) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 30_000);
    await this.exit;
    clearTimeout(timer);
  }
}

export interface Cluster {
  db: Db;
  /** PostgreSQL's own log output (the statement log while it is on). */
  pgLog: { text: string };
  redis: TestRedis;
  s3: TestS3;
  smtp: SmtpSink;
  /** Stripe's API for every instance; the tests play Stripe's webhook sender with `webhookSecret`. */
  stripe: StripeStandIn;
  webhookSecret: string;
  webA: Proc;
  webB: Proc;
  worker1: Proc;
  worker2: Proc;
  dataDir: string;
  stopDatabase(): Promise<void>;
  startDatabase(): Promise<void>;
  /** log_statement = all (or none), applied without a restart. */
  statementLog(on: boolean): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The harness's ports: free ones, or with INSTANCES_PORT_BASE=<n> the nine from n on (PostgreSQL n,
 * Meilisearch n+1, Redis n+2 and its REST bridge n+3, the S3 server n+4, the SMTP sink n+5, web A n+6,
 * web B n+7, the Stripe stand-in n+8), so runs beside other fixed-port servers on one machine never take their ports.
 */
async function clusterPorts() {
  const names = ["pg", "meili", "redis", "redisRest", "s3", "smtp", "webA", "webB", "stripe"] as const;
  const base = Number(process.env.INSTANCES_PORT_BASE);
  const ports = {} as Record<(typeof names)[number], number>;
  for (const [index, name] of names.entries()) ports[name] = base > 0 ? base + index : await freePort();
  return { ports, label: base > 0 ? String(base) : "run" };
}

export async function startCluster(log: (line: string) => void): Promise<Cluster> {
  const { ports, label } = await clusterPorts();
  const dataDir = path.resolve(".data", `instances-${label}`);
  rmSync(dataDir, { recursive: true, force: true });
  const pgPort = ports.pg;
  const pgLog = { text: "" };
  const onLog = (text: string) => (pgLog.text = (pgLog.text + text).slice(-2_000_000));
  const startPg = () =>
    startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      port: pgPort,
      onLog,
      // Check 1 times the price change from the commit of its write (pg_xact_commit_timestamp).
      settings: { track_commit_timestamp: "on" },
    });
  let pg: EmbeddedPostgresHandle = await startPg();
  await pg.ensureDatabase(DATABASE);
  const url = pg.databaseUrl(DATABASE);
  const withApp = (name: string) => `${url}${url.includes("?") ? "&" : "?"}application_name=${name}`;
  log("PostgreSQL up; migrating and seeding");

  const [redis, s3, smtp, stripe] = await Promise.all([
    startTestRedis({ redis: ports.redis, rest: ports.redisRest }),
    startTestS3(undefined, ports.s3),
    startSmtpSink(ports.smtp),
    startStripeStandIn({ port: ports.stripe }),
  ]);
  // The seed writes the demo catalog's images to the bucket, as `npm start` does with S3_BUCKET set.
  Object.assign(process.env, s3.env);
  await applyMigrations(url);
  const db = createPrismaClient(withApp("tests"), { max: 6 });
  await seedDemoCatalog(db);
  await ensureAdminAccount(db, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });

  const meili: EmbeddedMeilisearchHandle = await startEmbeddedMeilisearch({
    dataDir: path.join(dataDir, "meili"),
    port: ports.meili,
  });
  const searchConfig = readSearchConfig({
    MEILI_HOST: meili.host,
    MEILI_MASTER_KEY: meili.masterKey,
  } as unknown as NodeJS.ProcessEnv)!;
  await ensureSearchIndex(db, createAdminEngine(searchConfig));
  const searchKey = await resolveSearchKey(searchConfig);

  const prefix = `inst:${randomBytes(3).toString("hex")}:`;
  const secret = randomBytes(32).toString("base64url");
  const webhookSecret = `whsec_${randomBytes(24).toString("hex")}`;
  const common: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NEXT_TELEMETRY_DISABLED: "1",
    STORE_MODE: "demo",
    DATA_DIR: dataDir,
    MEILI_HOST: meili.host,
    UPSTASH_REDIS_REST_URL: redis.restUrl,
    UPSTASH_REDIS_REST_TOKEN: redis.token,
    RATE_LIMIT_PREFIX: `${prefix}rl:`,
    CACHE_PREFIX: `${prefix}cache:`,
    // On a machine this loaded, Redis answers past the 500 ms default and each instance would fall back to
    // its own memory for 5 s at a time (seen in the web servers' logs); the checks are about sharing.
    CACHE_REDIS_TIMEOUT_MS: "5000",
    ...s3.env,
    // Stripe is the payment provider (as in production): checkout creates a Checkout Session at the
    // stand-in, and a signed checkout.session.completed webhook to any instance confirms the payment.
    STRIPE_SECRET_KEY: "sk_test_instances",
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    ...stripe.env,
  };
  const [portA, portB] = [ports.webA, ports.webB];
  const siteUrl = `http://127.0.0.1:${portA}`;

  log("Building the store for this database (next build)");
  await ensureBuild(
    url,
    { ...common, DATABASE_URL: url, MEILI_SEARCH_KEY: searchKey, SITE_URL: siteUrl, NODE_ENV: "production" },
    {
      log,
      stdio: "ignore",
    },
  );

  const webEnv = (name: string, port: number) => () => ({
    ...common,
    DATABASE_URL: withApp(name),
    MEILI_SEARCH_KEY: searchKey,
    // The same secret on every instance: a session signed by one is valid on the other.
    NEXTAUTH_SECRET: secret,
    SITE_URL: siteUrl,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    // The tests play the load balancer: each visitor's X-Forwarded-For is its address.
    TRUSTED_PROXY_HOPS: "1",
    // On a loaded machine a page can take longer than the default 8 s: SIGTERM (check 5) must let it finish.
    WEB_SHUTDOWN_GRACE_SECONDS: "60",
    // Readiness answers 503 for 5 s before the server stops listening: check 5's load balancer polls it
    // every 200 ms, so it has taken the instance out long before (docs/deploying.md). At load average
    // 27-30 the balancer saw the 503 1.1-1.5 s after the signal (A's event loop was busy): 5 s leaves room.
    WEB_SHUTDOWN_DRAIN_SECONDS: String(WEB_DRAIN_SECONDS),
  });
  const workerEnv = (name: string) => () => ({
    ...common,
    DATABASE_URL: withApp(name),
    MEILI_MASTER_KEY: meili.masterKey,
    SMTP_URL: smtp.url,
    SITE_URL: siteUrl,
    // A killed worker's claimed events are taken over after 20 s instead of a minute (check 7). Not much
    // less: a lease that runs out while a loaded worker is still sending its batch lets the other worker
    // send those emails again, which check 4 would rightly count.
    OUTBOX_LEASE_SECONDS: "20",
  });
  const logs = path.join(dataDir, "logs");
  mkdirSync(logs, { recursive: true });
  const logFile = (name: string) => path.join(logs, `${name}.full.log`);
  const webA = new Proc("web A", "scripts/start-web.ts", webEnv("web-a", portA), portA, logFile("web-a"));
  const webB = new Proc("web B", "scripts/start-web.ts", webEnv("web-b", portB), portB, logFile("web-b"));
  const worker1 = new Proc(
    "worker 1",
    "scripts/start-worker.ts",
    workerEnv("worker-1"),
    undefined,
    logFile("worker-1"),
  );
  const worker2 = new Proc(
    "worker 2",
    "scripts/start-worker.ts",
    workerEnv("worker-2"),
    undefined,
    logFile("worker-2"),
  );
  for (const proc of [webA, webB, worker1, worker2]) proc.start();
  await Promise.all([webA, webB, worker1, worker2].map((proc) => proc.waitHealthy()));
  log("Two web servers and two workers are up");

  return {
    db,
    pgLog,
    redis,
    s3,
    smtp,
    stripe,
    webhookSecret,
    webA,
    webB,
    worker1,
    worker2,
    dataDir,
    async stopDatabase() {
      await pg.stop();
    },
    async startDatabase() {
      pg = await startPg();
    },
    async statementLog(on) {
      await db.$executeRawUnsafe(`ALTER SYSTEM SET log_statement = '${on ? "all" : "none"}'`);
      await db.$executeRawUnsafe(`ALTER SYSTEM SET log_line_prefix = '[%a] '`);
      await db.$queryRawUnsafe(`SELECT pg_reload_conf()`);
    },
    async stop() {
      await Promise.allSettled([webA, webB, worker1, worker2].map((proc) => proc.stop()));
      // Each process's last output, to read after a failed run.
      mkdirSync(path.join(dataDir, "logs"), { recursive: true });
      for (const proc of [webA, webB, worker1, worker2])
        writeFileSync(path.join(dataDir, "logs", `${proc.name.replace(" ", "-")}.log`), proc.output);
      log(`process output in ${path.join(dataDir, "logs")}`);
      await db.$disconnect().catch(() => {});
      await Promise.allSettled([meili.stop(), redis.stop(), s3.stop(), smtp.stop(), stripe.close()]);
      await pg.stop().catch(() => {});
      for (const key of Object.keys(s3.env)) delete process.env[key];
    },
  };
}
