// npx tsx bench/checkout-cpu.ts: what one checkout costs the app, without the floors' noise. Places and
// confirms BENCH_ORDERS orders (default 2000) through lib/ (placeOrder + markOrderPaid) at BENCH_CONCURRENCY
// buyers (default 8) on one hot variant, and prints per order: the Node.js CPU time (user + system of this
// process), the embedded PostgreSQL server's CPU time (Linux /proc), the statements sent and the round trips they took (a statement sent while another is still in
// flight on its connection rides in that round trip: node-postgres' pipeline mode), and the statements by
// their first words. With BENCH_CPU_PROFILE=<file> it also writes a V8 CPU profile of the measured orders
// (summarise it with bench/cpu-profile.ts); with BENCH_EXPLAIN=1 it then places and confirms three more
// orders with auto_explain on (EXPLAIN ANALYZE of every statement, triggers and nested statements
// included) and prints the plans of the last one. Its database: as bench:checkout's (BENCH_PG_PORT, default 54340,
// or DATABASE_URL), rebuilt on every run.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db";
import { placeOrder } from "@/lib/checkout/place-order";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { newId } from "@/lib/ids";
import { recordStatements } from "../tests/helpers/statement-recorder";
import { checkoutBenchDatabase, seedCheckoutCatalog } from "./checkout-database";

process.env.STORE_MODE ??= "demo";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = 100;
const PRICE_CENTS = 1999;

// Every statement the process sends, and whether it left while another was in flight on its connection.
const counts = { statements: 0, roundTrips: 0, byKind: new Map<string, number>() };
recordStatements((text, pipelined) => {
  const kind = text
    .replace(/\/\*[^*]*\*\//g, " ")
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .join(" ")
    .slice(0, 30);
  counts.statements++;
  if (!pipelined) counts.roundTrips++;
  counts.byKind.set(kind, (counts.byKind.get(kind) ?? 0) + 1);
});

/**
 * CPU time (ms) of the PostgreSQL server listening on `port` so far, on Linux: the postmaster's own and
 * reaped children's, plus every live backend's. null where /proc cannot tell (another OS, a remote server).
 */
function postgresCpuMs(port: number): number | null {
  const ticks = 100; // USER_HZ on Linux
  const procs = (() => {
    try {
      return readdirSync("/proc").filter((name) => /^\d+$/.test(name));
    } catch {
      return [];
    }
  })();
  const stat = (pid: string) => {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, "utf8");
      return text.slice(text.lastIndexOf(")") + 2).split(" ");
    } catch {
      return null;
    }
  };
  const postmaster = procs.find((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return args[0]?.endsWith("/postgres") && args.includes(String(port));
    } catch {
      return false;
    }
  });
  if (!postmaster) return null;
  // Fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
  const own = stat(postmaster);
  if (!own) return null;
  let total = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of procs) {
    const fields = stat(pid);
    if (fields?.[1] === postmaster) total += Number(fields[11]) + Number(fields[12]);
  }
  return (total * 1000) / ticks;
}

async function main() {
  const db = await checkoutBenchDatabase("bench_checkout_cpu");
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const prisma = createPrismaClient(db.url, { max: CONCURRENCY });
  try {
    const { hot } = await seedCheckoutCatalog(prisma, ["hot"], { priceCents: PRICE_CENTS, stock: 10_000_000 });
    const variantId = hot.variantId;
    const carts = Array.from({ length: ORDERS + WARMUP + 3 }, () => newId());
    await pool.query(
      `INSERT INTO "Cart" (id, currency, "expiresAt", "updatedAt") SELECT unnest($1::text[]), 'USD', now() + interval '30 days', now()`,
      [carts],
    );
    await pool.query(
      `INSERT INTO "CartLine" (id, "cartId", "variantId", quantity, "unitPriceCentsAtAdd", "updatedAt")
       SELECT 'l' || c, c, $2, 1, $3, now() FROM unnest($1::text[]) AS c`,
      [carts, variantId, PRICE_CENTS],
    );

    let next = 0;
    const buy = async (client: Db, cartId: string) => {
      const { order } = await placeOrder(client, {
        checkoutToken: `bench_${randomUUID().replaceAll("-", "")}`,
        cartId,
        email: `buyer-${cartId}@example.com`,
        shippingAddress: {
          firstName: "Bench",
          lastName: "Buyer",
          line1: "1 Main St",
          city: "Los Angeles",
          region: "CA",
          postalCode: "90001",
          country: "US",
        },
        shippingMethod: "STANDARD",
      });
      const paid = await markOrderPaid(client, {
        orderId: order.id,
        provider: "TEST",
        providerRef: `bench_${order.id}`,
        amountCents: order.totalCents,
        currency: order.currency,
      });
      if (paid.outcome !== "paid") throw new Error(`order ${order.id}: ${paid.outcome}`);
    };
    const run = async (count: number) => {
      const end = next + count;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < end) await buy(prisma, carts[next++]!);
        }),
      );
    };

    await run(WARMUP);
    counts.statements = 0;
    counts.roundTrips = 0;
    counts.byKind.clear();
    const profile = process.env.BENCH_CPU_PROFILE;
    const session = profile ? new Session() : null;
    if (session) {
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
    }
    const port = Number(process.env.BENCH_PG_PORT ?? 54340);
    const pgCpu = process.env.DATABASE_URL ? null : postgresCpuMs(port);
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run(ORDERS);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const pgCpuAfter = pgCpu === null ? null : postgresCpuMs(port);
    if (session) {
      const { profile: data } = await session.post("Profiler.stop");
      writeFileSync(profile!, JSON.stringify(data));
      session.disconnect();
    }
    if (process.env.BENCH_EXPLAIN === "1") await explain(db.url, (client) => buy(client, carts[next++]!));
    const per = (value: number) => (value / ORDERS).toFixed(2);
    console.log(
      `${ORDERS} orders at ${CONCURRENCY} buyers in ${seconds.toFixed(1)} s (${(ORDERS / seconds).toFixed(0)} orders/s)`,
    );
    console.log(
      `per order: Node CPU ${per((used.user + used.system) / 1000)} ms (user ${per(used.user / 1000)}, system ${per(used.system / 1000)}), ${per(counts.statements)} statements in ${per(counts.roundTrips)} round trips`,
    );
    if (pgCpu !== null && pgCpuAfter !== null)
      console.log(
        `PostgreSQL CPU per order: ${per(pgCpuAfter - pgCpu)} ms (every backend and the server's own processes)`,
      );
    for (const [kind, count] of [...counts.byKind].sort((a, b) => b[1] - a[1]))
      console.log(`  ${per(count).padStart(6)}  ${kind}`);
  } finally {
    await prisma.$disconnect();
    await pool.end();
    await db.stop();
  }
}

/** Runs `buy` three times on connections with auto_explain on, and prints the last order's plans. */
async function explain(url: string, buy: (client: Db) => Promise<void>) {
  const options = [
    "session_preload_libraries=auto_explain",
    "auto_explain.log_min_duration=0",
    "auto_explain.log_analyze=on",
    "auto_explain.log_buffers=on",
    "auto_explain.log_triggers=on",
    "auto_explain.log_nested_statements=on",
    "auto_explain.log_level=notice",
  ]
    .map((option) => `-c ${option}`)
    .join(" ");
  const explained = new URL(url);
  explained.searchParams.set("options", options);
  const notices: string[] = [];
  const connect = Object.getOwnPropertyDescriptor(pg.Client.prototype, "connect")!.value as (
    this: pg.Client,
    ...args: unknown[]
  ) => unknown;
  pg.Client.prototype.connect = function (this: pg.Client, ...args: unknown[]) {
    this.on("notice", (notice) => notices.push(notice.message ?? ""));
    return connect.apply(this, args);
  } as typeof pg.Client.prototype.connect;
  const explaining = createPrismaClient(explained.toString(), { max: 1 });
  try {
    for (let i = 0; i < 3; i++) {
      notices.length = 0;
      await buy(explaining);
    }
  } finally {
    await explaining.$disconnect();
  }
  console.log(`EXPLAIN ANALYZE of one order's statements (auto_explain):\n${notices.join("\n\n")}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
