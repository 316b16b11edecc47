// npm run bench:checkout: N concurrent buyers (8, then 32) on one hot variant with ample stock place and
// confirm orders through lib/ (placeOrder + markOrderPaid, not HTTP) for BENCH_SECONDS (default 30).
// Beside it, in the same run and database, two raw SQL floors through pg at the same concurrency, each on
// a hot variant of its own:
//   raw 1 txn   the cheapest possible order: guarded stock update + insert order + insert line, one
//               transaction, one lock of the hot row;
//   raw 2 txns  the same essential work as the lib path, which takes the hot row's lock twice: a guarded
//               reservation + insert order + insert line, COMMIT; then commit the stock (on hand and
//               reserved down) + mark the order paid, COMMIT.
// The three alternate in BENCH_ROUNDS slices (default 10) so the shared machine's noise hits all of them.
// Prints orders/s and p50/p95 of each and the lib path's ratio to both floors (goal >= 0.4 against the
// one-transaction floor), then verifies every path: no unit oversold, on hand = stock - units sold, nothing
// left reserved, every lib order paid, and for the lib path the committed reservations and the SALE
// adjustments both equal the units sold. Any mismatch fails the run (exit code 1). Figures, not a test.
//
// With DATABASE_URL set it uses that database (adding its own fixture rows); otherwise it starts its own
// embedded PostgreSQL in .data/bench-checkout-pg (port BENCH_PG_PORT, default 54340) and rebuilds the
// database bench_checkout from the migrations on every run. A short run: BENCH_SECONDS=6 BENCH_ROUNDS=3.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db";
import { placeOrder } from "@/lib/checkout/place-order";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { newId } from "@/lib/ids";
import { checkoutBenchDatabase, seedCheckoutCatalog } from "./checkout-database";
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
  raw2VariantId: string;
  raw2LevelId: string;
}

interface RunResult {
  orders: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

async function createFixture(prisma: Db): Promise<Fixture> {
  const { hot, raw, raw2 } = await seedCheckoutCatalog(prisma, ["hot", "raw", "raw2"], {
    priceCents: PRICE_CENTS,
    stock: STOCK,
  });
  return {
    hotVariantId: hot.variantId,
    rawVariantId: raw.variantId,
    rawLevelId: raw.levelId,
    raw2VariantId: raw2.variantId,
    raw2LevelId: raw2.levelId,
  };
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

/** One transaction on a pooled connection: BEGIN, `work`, COMMIT (ROLLBACK on any error). */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function insertOrder(client: pg.PoolClient, variantId: string): Promise<string> {
  const orderId = newId();
  await client.query(
    `INSERT INTO "Order" (id, "checkoutToken", email, currency, "subtotalCents", "totalCents", "shippingMethod", "shippingMethodName", "shippingAddress", "updatedAt")
     VALUES ($1, $2, 'buyer@example.com', 'USD', $3, $3, 'STANDARD', 'Standard', '{}', now())`,
    [orderId, `raw_${orderId}`, PRICE_CENTS],
  );
  await client.query(
    `INSERT INTO "OrderLine" (id, "orderId", "variantId", title, sku, quantity, "unitPriceCents", "totalCents")
     VALUES ($1, $2, $3, 'Bench raw', 'RAW', 1, $4, $4)`,
    [newId(), orderId, variantId, PRICE_CENTS],
  );
  return orderId;
}

/** The one-transaction floor: guarded stock update + order + line. */
function rawRunner(url: string, fixture: Fixture, concurrency: number): Runner {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  return {
    async buy() {
      await inTransaction(pool, async (client) => {
        const updated = await client.query(
          `UPDATE "InventoryLevel" SET "onHand" = "onHand" - 1, "updatedAt" = now() WHERE id = $1 AND "onHand" - reserved >= 1`,
          [fixture.rawLevelId],
        );
        if (updated.rowCount !== 1) throw new Error("raw floor ran out of stock");
        await insertOrder(client, fixture.rawVariantId);
      });
      return true;
    },
    close: () => pool.end(),
  };
}

/**
 * The two-transaction floor: what the lib path must do at least, in as few statements. Placing: guarded
 * reservation + order + line. Paying: on hand and reserved down (guarded on the reservation) + order paid.
 */
function raw2Runner(url: string, fixture: Fixture, concurrency: number): Runner {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  return {
    async buy() {
      const orderId = await inTransaction(pool, async (client) => {
        const reserved = await client.query(
          `UPDATE "InventoryLevel" SET reserved = reserved + 1, "updatedAt" = now() WHERE id = $1 AND "onHand" - reserved >= 1`,
          [fixture.raw2LevelId],
        );
        if (reserved.rowCount !== 1) throw new Error("raw 2-transaction floor ran out of stock");
        return insertOrder(client, fixture.raw2VariantId);
      });
      await inTransaction(pool, async (client) => {
        const committed = await client.query(
          `UPDATE "InventoryLevel" SET "onHand" = "onHand" - 1, reserved = reserved - 1, "updatedAt" = now() WHERE id = $1 AND reserved >= 1`,
          [fixture.raw2LevelId],
        );
        if (committed.rowCount !== 1) throw new Error("raw 2-transaction floor: nothing reserved to commit");
        await client.query(
          `UPDATE "Order" SET status = 'PAID', "paymentStatus" = 'PAID', "paidAt" = now(), "updatedAt" = now() WHERE id = $1`,
          [orderId],
        );
      });
      return true;
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

const PATHS = ["lib", "raw", "raw2"] as const;
type PathName = (typeof PATHS)[number];

/**
 * The three paths at one concurrency, in ROUNDS slices of SECONDS / ROUNDS each, the order rotating every
 * round: the machine is shared and noisy, and interleaving makes a slow moment hit every path instead of
 * skewing their ratios.
 */
async function runAll(
  url: string,
  fixture: Fixture,
  concurrency: number,
  carts: string[],
): Promise<Record<PathName, RunResult>> {
  const runners: Record<PathName, Runner> = {
    lib: libRunner(url, concurrency, carts),
    raw: rawRunner(url, fixture, concurrency),
    raw2: raw2Runner(url, fixture, concurrency),
  };
  try {
    for (const name of PATHS) await warmUp(concurrency, runners[name]);
    const slices: Record<PathName, RunResult[]> = { lib: [], raw: [], raw2: [] };
    const slice = SECONDS / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      const order = [...PATHS.slice(round % PATHS.length), ...PATHS.slice(0, round % PATHS.length)];
      for (const name of order) slices[name].push(await drive(concurrency, slice, () => runners[name].buy()));
    }
    return { lib: merge(slices.lib), raw: merge(slices.raw), raw2: merge(slices.raw2) };
  } finally {
    for (const name of PATHS) await runners[name].close();
  }
}

interface Sold {
  orders: number;
  units: number;
  unpaid: number;
}

async function unitsSold(pool: pg.Pool, variantId: string): Promise<Sold> {
  const {
    rows: [sold],
  } = await pool.query<Sold>(
    `SELECT count(DISTINCT o.id)::int AS orders, coalesce(sum(l.quantity), 0)::int AS units,
            count(DISTINCT o.id) FILTER (WHERE o.status <> 'PAID')::int AS unpaid
       FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
      WHERE l."variantId" = $1 AND o.status <> 'CANCELLED'`,
    [variantId],
  );
  if (!sold) throw new Error("verification query returned nothing");
  return sold;
}

/** Every path's stock against what it sold; the lib path's reservations and ledger too. */
async function verify(pool: pg.Pool, fixture: Fixture): Promise<string[]> {
  const problems: string[] = [];
  const variants: Record<PathName, string> = {
    lib: fixture.hotVariantId,
    raw: fixture.rawVariantId,
    raw2: fixture.raw2VariantId,
  };
  for (const name of PATHS) {
    const variantId = variants[name];
    const {
      rows: [level],
    } = await pool.query<{ onHand: number; reserved: number }>(
      `SELECT sum("onHand")::int AS "onHand", sum(reserved)::int AS reserved FROM "InventoryLevel" WHERE "variantId" = $1`,
      [variantId],
    );
    const sold = await unitsSold(pool, variantId);
    if (!level) throw new Error("verification query returned nothing");
    console.log(
      `  ${name}: ${sold.orders} orders, ${sold.units} units sold, on hand ${level.onHand}, reserved ${level.reserved}`,
    );
    if (level.onHand !== STOCK - sold.units)
      problems.push(`${name}: on hand ${level.onHand} but ${STOCK} - ${sold.units} sold`);
    if (level.onHand < 0 || level.reserved < 0) problems.push(`${name}: negative stock`);
    if (level.reserved !== 0)
      problems.push(`${name}: ${level.reserved} units still reserved after every order was confirmed`);
    if (name !== "raw" && sold.unpaid !== 0) problems.push(`${name}: ${sold.unpaid} orders not paid`);
  }

  // The lib path commits each order's reservation and writes a SALE adjustment per unit taken out of stock.
  const sold = await unitsSold(pool, fixture.hotVariantId);
  const {
    rows: [ledger],
  } = await pool.query<{ committed: number; committedUnits: number; active: number; saleUnits: number }>(
    `SELECT (SELECT count(*) FROM "Reservation" WHERE "variantId" = $1 AND status = 'COMMITTED')::int AS committed,
            (SELECT coalesce(sum(quantity), 0) FROM "Reservation" WHERE "variantId" = $1 AND status = 'COMMITTED')::int AS "committedUnits",
            (SELECT count(*) FROM "Reservation" WHERE "variantId" = $1 AND status IN ('ACTIVE', 'PAID'))::int AS active,
            (SELECT coalesce(-sum(delta), 0) FROM "InventoryAdjustment" WHERE "variantId" = $1 AND reason = 'SALE')::int AS "saleUnits"`,
    [fixture.hotVariantId],
  );
  if (!ledger) throw new Error("verification query returned nothing");
  console.log(
    `  lib: ${ledger.committed} committed reservations of ${ledger.committedUnits} units, ${ledger.saleUnits} units in SALE adjustments, ${sold.units} units sold`,
  );
  if (ledger.committedUnits !== sold.units)
    problems.push(`lib: committed reservations hold ${ledger.committedUnits} units but ${sold.units} were sold`);
  if (ledger.committed !== sold.orders)
    problems.push(`lib: ${ledger.committed} committed reservations for ${sold.orders} one-line orders`);
  if (ledger.saleUnits !== sold.units)
    problems.push(`lib: SALE adjustments take out ${ledger.saleUnits} units but ${sold.units} were sold`);
  if (ledger.active !== 0) problems.push(`lib: ${ledger.active} reservations still active or paid but not applied`);
  return problems;
}

async function main() {
  const database = await checkoutBenchDatabase("bench_checkout");
  const admin = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    const setupClient = createPrismaClient(database.url, { max: 2 });
    const fixture = await createFixture(setupClient);
    await setupClient.$disconnect();
    console.log(
      `Checkout benchmark: ${SECONDS} s per path and concurrency (${ROUNDS} rotating slices), concurrency ${CONCURRENCY.join(" and ")}, one hot variant per path.`,
    );

    const rows: (string | number)[][] = [];
    let errors = 0;
    for (const concurrency of CONCURRENCY) {
      const carts = await createCarts(admin, fixture.hotVariantId, CARTS_PER_RUN);
      const results = await runAll(database.url, fixture, concurrency, carts);
      const rate = (result: RunResult) => result.orders / result.seconds;
      const ms = (value: number) => value.toFixed(1);
      const labels: Record<PathName, string> = {
        lib: "lib: placeOrder + markOrderPaid",
        raw: "raw floor, 1 txn (3 statements)",
        raw2: "raw floor, 2 txns (3 + 2 statements)",
      };
      for (const name of PATHS) {
        const result = results[name];
        errors += result.errors;
        rows.push([
          concurrency,
          labels[name],
          result.orders,
          rate(result).toFixed(0),
          ms(percentile(result.latencies, 50)),
          ms(percentile(result.latencies, 95)),
          result.errors,
          name === "lib" ? "" : (rate(results.lib) / rate(result)).toFixed(2),
        ]);
      }
      if (results.lib.orders + WARMUP_ORDERS >= carts.length)
        console.error(`  note: the run used every prepared cart; raise BENCH_CARTS`);
    }
    console.log("");
    printTable(["buyers", "path", "orders", "orders/s", "p50 ms", "p95 ms", "errors", "lib / this"], rows);
    console.log("");
    console.log("Verification:");
    const problems = await verify(admin, fixture);
    if (errors > 0) problems.push(`${errors} orders failed with an error (the first ones are printed above)`);
    if (problems.length > 0) {
      for (const problem of problems) console.error(`  OVERSOLD OR INCONSISTENT: ${problem}`);
      process.exitCode = 1;
    } else {
      console.log(
        "  OK: no unit oversold, on hand = stock - units sold on every path, nothing left reserved, every lib order paid with its reservation committed and its SALE adjustment written.",
      );
    }
  } finally {
    await endPoolFully(admin);
    await database.stop();
  }
}

/**
 * Ends a pool and waits until every one of its connections has closed. pg-pool's end() resolves once its
 * clients are told to close, before they have: stopping the server right after then terminates an idle one
 * (FATAL 57P01), which the pool reports as an unhandled 'error' event, crashing a run that had passed.
 */
async function endPoolFully(pool: pg.Pool): Promise<void> {
  const open = pool.totalCount;
  let closed = 0;
  const allClosed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on("remove", () => {
      closed += 1;
      if (closed >= open) resolve();
    });
  });
  await pool.end();
  await allClosed;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
