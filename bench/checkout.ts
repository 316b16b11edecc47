// npm run bench:checkout: N concurrent buyers (8, then 32) on one hot variant with ample stock place and
// confirm orders through lib/ (placeOrder + markOrderPaid, not HTTP) for BENCH_SECONDS (default 30).
// Beside it, in the same run and database, the raw floor: a minimal SQL transaction through pg
// (guarded stock update + insert order + insert line) at the same concurrency. The two alternate in
// BENCH_ROUNDS slices (default 10) so the shared machine's noise hits both. Prints orders/s and p50/p95 of
// both, their ratio (goal >= 0.3), then verifies that no unit was oversold. Figures, not a test.
//
// With DATABASE_URL set it uses that database (adding its own fixture rows); otherwise it starts its own
// embedded PostgreSQL in .data/bench-checkout-pg (port BENCH_PG_PORT, default 54340) and rebuilds the
// database bench_checkout from the migrations on every run.
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db";
import { placeOrder } from "@/lib/checkout/place-order";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/ops/embedded-postgres";
import { applyMigrations } from "@/lib/ops/migrate";
import { newId } from "@/lib/ids";
import { percentile, printTable } from "./lib";

// placeOrder refuses in production mode without a payment provider; the benchmark confirms its orders
// itself (markOrderPaid), as a demo store's test provider would.
process.env.STORE_MODE ??= "demo";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 10));
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "8,32").split(",").map(Number);
const WARMUP_ORDERS = 20;
const STOCK = 10_000_000;
const PRICE_CENTS = 1999;
// More carts than any run can use: a buyer takes the next one (carts are shopping, not checkout).
const CARTS_PER_RUN = Number(process.env.BENCH_CARTS ?? 40_000);

interface Fixture {
  hotVariantId: string;
  rawVariantId: string;
  rawLevelId: string;
}

interface RunResult {
  orders: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

async function setUpDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const server: EmbeddedPostgresHandle = await startEmbeddedPostgres({
    dataDir: path.join(process.cwd(), ".data", "bench-checkout-pg"),
    port: Number(process.env.BENCH_PG_PORT ?? 54340),
  });
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS "bench_checkout" WITH (FORCE)');
  await admin.query('CREATE DATABASE "bench_checkout"');
  await admin.end();
  const url = server.databaseUrl("bench_checkout");
  await applyMigrations(url);
  return { url, stop: () => server.stop() };
}

async function createFixture(prisma: Db): Promise<Fixture> {
  const suffix = randomUUID().slice(0, 8);
  const category = await prisma.category.create({ data: { slug: `bench-${suffix}`, name: "Bench" } });
  const location = await prisma.location.create({
    data: { code: `BENCH-${suffix}`, name: "Bench warehouse", priority: 0 },
  });
  const makeVariant = async (name: string) => {
    const product = await prisma.product.create({
      data: {
        slug: `${name}-${suffix}`,
        title: `Bench ${name}`,
        status: "ACTIVE",
        categoryId: category.id,
        variants: { create: { sku: `${name}-${suffix}`.toUpperCase(), title: "One size", priceCents: PRICE_CENTS } },
      },
      include: { variants: true },
    });
    const variant = product.variants[0]!;
    const level = await prisma.inventoryLevel.create({
      data: { variantId: variant.id, locationId: location.id, onHand: STOCK },
    });
    return { variantId: variant.id, levelId: level.id };
  };
  const hot = await makeVariant("hot");
  const raw = await makeVariant("raw");
  await prisma.shippingRate.createMany({
    data: [
      {
        zone: `bench-${suffix}`,
        countries: ["US"],
        method: "STANDARD",
        name: "Standard",
        priceCents: 500,
        minDays: 2,
        maxDays: 5,
      },
    ],
  });
  await prisma.taxRate.createMany({
    data: [{ country: "US", region: "CA", rateBps: 725, name: "California" }],
    skipDuplicates: true,
  });
  return { hotVariantId: hot.variantId, rawVariantId: raw.variantId, rawLevelId: raw.levelId };
}

/** One cart per future order, inserted in bulk so cart creation is not part of the measurement. */
async function createCarts(pool: pg.Pool, variantId: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId());
  for (let start = 0; start < ids.length; start += 10_000) {
    const batch = ids.slice(start, start + 10_000);
    await pool.query(
      `INSERT INTO "Cart" (id, currency, "expiresAt", "updatedAt")
       SELECT unnest($1::text[]), 'USD', now() + interval '30 days', now()`,
      [batch],
    );
    await pool.query(
      `INSERT INTO "CartLine" (id, "cartId", "variantId", quantity, "unitPriceCentsAtAdd", "updatedAt")
       SELECT 'l' || c, c, $2, 1, $3, now() FROM unnest($1::text[]) AS c`,
      [batch, variantId, PRICE_CENTS],
    );
  }
  return ids;
}

async function drive(concurrency: number, seconds: number, once: () => Promise<boolean>): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const begin = performance.now();
        try {
          if (!(await once())) return;
          latencies.push(performance.now() - begin);
        } catch (error) {
          errors++;
          if (errors <= 3) console.error("  error:", error instanceof Error ? error.message : error);
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { orders: latencies.length, errors, seconds: (performance.now() - started) / 1000, latencies };
}

const address = {
  firstName: "Bench",
  lastName: "Buyer",
  line1: "1 Main St",
  city: "Los Angeles",
  region: "CA",
  postalCode: "90001",
  country: "US",
};

/** One path under test: `buy` places (and confirms) one order; false when it has nothing left to buy with. */
interface Runner {
  buy(): Promise<boolean>;
  close(): Promise<void>;
}

function libRunner(url: string, concurrency: number, carts: string[]): Runner {
  const prisma = createPrismaClient(url, { max: concurrency });
  let next = 0;
  return {
    async buy() {
      const cartId = carts[next++];
      if (!cartId) return false; // out of carts: stop this buyer
      const { order } = await placeOrder(prisma, {
        checkoutToken: `bench_${randomUUID().replaceAll("-", "")}`,
        cartId,
        // One shopper per order, as in a real rush: one email's unpaid orders are capped and serialised
        // (lib/checkout/holds.ts), which is not what this measures.
        email: `buyer-${cartId}@example.com`,
        shippingAddress: address,
        shippingMethod: "STANDARD",
      });
      const paid = await markOrderPaid(prisma, {
        orderId: order.id,
        provider: "TEST",
        providerRef: `bench_${order.id}`,
        amountCents: order.totalCents,
        currency: order.currency,
      });
      if (paid.outcome !== "paid") throw new Error(`order ${order.id} was not paid: ${paid.outcome}`);
      return true;
    },
    close: () => prisma.$disconnect(),
  };
}

function rawRunner(url: string, fixture: Fixture, concurrency: number): Runner {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  return {
    async buy() {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const updated = await client.query(
          `UPDATE "InventoryLevel" SET "onHand" = "onHand" - 1, "updatedAt" = now() WHERE id = $1 AND "onHand" - reserved >= 1`,
          [fixture.rawLevelId],
        );
        if (updated.rowCount !== 1) throw new Error("raw floor ran out of stock");
        const orderId = newId();
        await client.query(
          `INSERT INTO "Order" (id, "checkoutToken", email, currency, "subtotalCents", "totalCents", "shippingMethod", "shippingMethodName", "shippingAddress", "updatedAt")
           VALUES ($1, $2, 'buyer@example.com', 'USD', $3, $3, 'STANDARD', 'Standard', '{}', now())`,
          [orderId, `raw_${orderId}`, PRICE_CENTS],
        );
        await client.query(
          `INSERT INTO "OrderLine" (id, "orderId", "variantId", title, sku, quantity, "unitPriceCents", "totalCents")
           VALUES ($1, $2, $3, 'Bench raw', 'RAW', 1, $4, $4)`,
          [newId(), orderId, fixture.rawVariantId, PRICE_CENTS],
        );
        await client.query("COMMIT");
        return true;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** WARMUP_ORDERS orders that are not measured (connections, prepared statements, JIT). */
async function warmUp(concurrency: number, runner: Runner): Promise<void> {
  let left = WARMUP_ORDERS;
  await drive(concurrency, 60, () => (left-- > 0 ? runner.buy() : Promise.resolve(false)));
}

function merge(results: RunResult[]): RunResult {
  const latencies = results.flatMap((result) => result.latencies).sort((a, b) => a - b);
  return {
    orders: latencies.length,
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    seconds: results.reduce((sum, result) => sum + result.seconds, 0),
    latencies,
  };
}

/**
 * Both paths at one concurrency, in ROUNDS alternating slices (lib, raw, raw, lib, ...) of
 * SECONDS / ROUNDS each: the machine is shared and noisy, and interleaving makes a slow moment hit both
 * paths instead of skewing their ratio.
 */
async function runBoth(
  url: string,
  fixture: Fixture,
  concurrency: number,
  carts: string[],
): Promise<{ lib: RunResult; raw: RunResult }> {
  const lib = libRunner(url, concurrency, carts);
  const raw = rawRunner(url, fixture, concurrency);
  try {
    await warmUp(concurrency, lib);
    await warmUp(concurrency, raw);
    const libSlices: RunResult[] = [];
    const rawSlices: RunResult[] = [];
    const slice = SECONDS / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (["lib", "raw"] as const) : (["raw", "lib"] as const);
      for (const path of order) {
        if (path === "lib") libSlices.push(await drive(concurrency, slice, () => lib.buy()));
        else rawSlices.push(await drive(concurrency, slice, () => raw.buy()));
      }
    }
    return { lib: merge(libSlices), raw: merge(rawSlices) };
  } finally {
    await lib.close();
    await raw.close();
  }
}

async function verify(pool: pg.Pool, fixture: Fixture): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, variantId] of [
    ["lib", fixture.hotVariantId],
    ["raw", fixture.rawVariantId],
  ] as const) {
    const {
      rows: [level],
    } = await pool.query<{ onHand: number; reserved: number }>(
      `SELECT sum("onHand")::int AS "onHand", sum(reserved)::int AS reserved FROM "InventoryLevel" WHERE "variantId" = $1`,
      [variantId],
    );
    const {
      rows: [sold],
    } = await pool.query<{ units: number; orders: number }>(
      `SELECT coalesce(sum(l.quantity), 0)::int AS units, count(DISTINCT o.id)::int AS orders
       FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
       WHERE l."variantId" = $1 AND o.status <> 'CANCELLED'`,
      [variantId],
    );
    if (!level || !sold) throw new Error("verification queries returned nothing");
    console.log(
      `  ${name}: ${sold.orders} orders, ${sold.units} units sold, on hand ${level.onHand}, reserved ${level.reserved}`,
    );
    if (level.onHand !== STOCK - sold.units)
      problems.push(`${name}: on hand ${level.onHand} but ${STOCK} - ${sold.units} sold`);
    if (level.onHand < 0 || level.reserved < 0) problems.push(`${name}: negative stock`);
    if (level.reserved !== 0)
      problems.push(`${name}: ${level.reserved} units still reserved after every order was confirmed`);
  }
  const {
    rows: [paid],
  } = await pool.query<{ unpaid: number; commits: number; units: number }>(
    `SELECT (SELECT count(*) FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o.id WHERE l."variantId" = $1 AND o.status <> 'PAID')::int AS unpaid,
            (SELECT count(*) FROM "Reservation" WHERE "variantId" = $1 AND status = 'COMMITTED')::int AS commits,
            (SELECT coalesce(-sum(delta), 0) FROM "InventoryAdjustment" WHERE "variantId" = $1 AND reason = 'SALE')::int AS units`,
    [fixture.hotVariantId],
  );
  if (paid && paid.unpaid !== 0) problems.push(`lib: ${paid.unpaid} orders not paid`);
  console.log(`  lib: ${paid?.commits} committed reservations, ${paid?.units} units in SALE adjustments`);
  return problems;
}

async function main() {
  const database = await setUpDatabase();
  const admin = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    const setupClient = createPrismaClient(database.url, { max: 2 });
    const fixture = await createFixture(setupClient);
    await setupClient.$disconnect();
    console.log(
      `Checkout benchmark: ${SECONDS} s per path and concurrency (${ROUNDS} alternating slices), concurrency ${CONCURRENCY.join(" and ")}, one hot variant.`,
    );

    const rows: (string | number)[][] = [];
    for (const concurrency of CONCURRENCY) {
      const carts = await createCarts(admin, fixture.hotVariantId, CARTS_PER_RUN);
      const { lib, raw } = await runBoth(database.url, fixture, concurrency, carts);
      const libRate = lib.orders / lib.seconds;
      const rawRate = raw.orders / raw.seconds;
      const ms = (value: number) => value.toFixed(1);
      rows.push([
        concurrency,
        "lib: placeOrder + markOrderPaid",
        lib.orders,
        libRate.toFixed(0),
        ms(percentile(lib.latencies, 50)),
        ms(percentile(lib.latencies, 95)),
        lib.errors,
        "",
      ]);
      rows.push([
        concurrency,
        "raw floor (3-statement SQL txn)",
        raw.orders,
        rawRate.toFixed(0),
        ms(percentile(raw.latencies, 50)),
        ms(percentile(raw.latencies, 95)),
        raw.errors,
        (libRate / rawRate).toFixed(2),
      ]);
      if (lib.orders + WARMUP_ORDERS >= carts.length)
        console.error(`  note: the run used every prepared cart; raise BENCH_CARTS`);
    }
    console.log("");
    printTable(["buyers", "path", "orders", "orders/s", "p50 ms", "p95 ms", "errors", "lib/raw"], rows);
    console.log("");
    console.log("Verification:");
    const problems = await verify(admin, fixture);
    if (problems.length > 0) {
      for (const problem of problems) console.error(`  OVERSOLD OR INCONSISTENT: ${problem}`);
      process.exitCode = 1;
    } else {
      console.log("  OK: no unit oversold, every reserved unit committed, on hand = stock - units sold.");
    }
  } finally {
    await admin.end();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
