// npm run bench:search — figures, not a test. For synthetic catalogs of 10,000 and 100,000 products
// (override: --sizes=10000,100000 --rounds=15): indexing throughput of a full reindex (documents/s),
// then for 26 fixed, realistic queries with facets and filters the p50/p95 latency of
//   app      searchProducts(): parameter validation, vocabulary check, query understanding, the
//            disjunctive multi-search through the app's Meilisearch client, recovery from zero results,
//            and shaping of hits and facets (what /search and /api/search run per request, minus
//            HTML/JSON rendering)
//   engine   the identical multi-search request sent straight to Meilisearch (see below)
//   single   the page query alone (no disjunctive count queries), for the cost of exact facet counts
//   http     GET /api/search over HTTP from `next start` (the production build in .next, built first if
//            missing) pointed at the same database and index: the app's search endpoint end to end
// measured interleaved in one run, so machine noise hits all four alike. --http=off leaves out the http
// column (no production build, no `next start`: useful when a build cannot be made, e.g. a loaded machine). Own embedded PostgreSQL and
// Meilisearch (BENCH_PG_PORT, BENCH_MEILI_PORT; data under .data/bench-search).
// The app column includes query understanding (six of the queries are typed the way shoppers type them:
// "mens size 10 boots"), and the engine is sent the request the app sends after understanding. The
// engine client is plain node:http (kept-alive socket, Nagle off, request in one piece, no
// Accept-Encoding), independent of the app's client, so a stall in the app's client shows as a gap.
// The app remembers recent misses (lib/search/recovery-memory.ts): after the warm-up rounds a search that
// found nothing is recovered in the page query's round trip. The engine column stays the page query's
// request alone. A "first misses" line measures the app with each search's memory emptied just before it.
// A second table splits the app's time into phases: understanding (validation, reading the query,
// planning the engine request: CPU only), the same multi-search through the app's client, and the
// number of engine round trips per search (more than one when a query found nothing and was recovered).
// Each app search is also split as it runs: the time with an engine call in flight (the client included)
// and the rest, the app's own work (vocabulary, understanding, planning, the memory of misses, reading
// the answer, facet groups and chips, awaits and garbage collection), with the queries it sent against
// the engine column's (a remembered miss sends its recovery's queries with the page query).
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { existsSync, rmSync } from "node:fs";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db";
import { startEmbeddedMeilisearch } from "@/lib/ops/embedded-meilisearch";
import { startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { applyMigrations } from "@/lib/ops/migrate";
import { dataDir } from "@/lib/ops/runtime";
import { createSearchEngine, fetchDefaultSearchKey, meilisearchClient, type SearchEngine } from "@/lib/search/client";
import { planEngineQuery } from "@/lib/search/engine-query";
import { parseSearchParams, SEARCH_PAGE_SIZE, type SearchRequest } from "@/lib/search/params";
import { prepareSearch, searchProducts } from "@/lib/search/query";
import { reindexAll } from "@/lib/search/reindex";
import { forgetRecovery, recoveryKey } from "@/lib/search/recovery-memory";
import { cachedSearchVocabulary, type SearchVocabulary } from "@/lib/search/vocabulary";
import { createProgressBar, seedSyntheticCatalog } from "@/lib/seed";

function argument(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
}

const SIZES = (argument("sizes") ?? "10000,100000").split(",").map(Number);
const ROUNDS = Number(argument("rounds") ?? 15);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54336);
const MEILI_PORT = Number(process.env.BENCH_MEILI_PORT ?? 7736);
const HTTP_PORT = Number(process.env.BENCH_HTTP_PORT ?? 3236);
const WITH_HTTP = argument("http") !== "off";
const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

function queryString(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    for (const one of Array.isArray(value) ? value : [value]) search.append(key, one);
  return search.toString();
}

/** `next start` on the bench database and index (a production build is made first when there is none). */
async function startAppServer(env: Record<string, string>): Promise<ChildProcess> {
  const fullEnv = { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(HTTP_PORT) };
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    console.error("No production build: running next build first");
    const build = spawn(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", env: fullEnv });
    const code = await new Promise<number>((resolve) => build.once("exit", (exit) => resolve(exit ?? 1)));
    if (code !== 0) throw new Error(`next build failed (${code})`);
  }
  const server = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(HTTP_PORT)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: fullEnv,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://localhost:${HTTP_PORT}/api/search?q=warmup`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill("SIGKILL");
  throw new Error("next start did not answer /api/search within 60 s");
}

async function stopAppServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

type Params = Record<string, string | string[]>;

/** 26 queries shoppers type and click, facet values taken from the seeded catalog's own vocabulary. */
function benchmarkQueries(vocabulary: SearchVocabulary): Params[] {
  const sorted = (set: ReadonlySet<string>) => [...set].sort();
  const brands = sorted(vocabulary.brands);
  const colours = sorted(vocabulary.colours);
  const sizes = sorted(vocabulary.sizes);
  const top = vocabulary.categories.filter((c) => c.depth === 0).map((c) => c.slug);
  const leaves = vocabulary.categories.filter((c) => c.depth > 0).map((c) => c.slug);
  const pick = <T>(list: T[], i: number): T => list[i % list.length]!;
  return [
    { q: "jacket" },
    { q: "runing shoes" },
    { q: "waterproof jacket", inStock: "1" },
    { q: "wool", brand: [pick(brands, 0), pick(brands, 1)] },
    { q: "boot", price: ["50-100", "100-200"] },
    { q: "cotton tee", colour: pick(colours, 0), sort: "price-asc" },
    { q: "backpack", rating: "4" },
    { category: pick(top, 0) },
    { category: pick(leaves, 0), sort: "newest" },
    { category: pick(top, 1), brand: pick(brands, 2), inStock: "1" },
    { q: "sneakers", size: [pick(sizes, 0), pick(sizes, 1)], inStock: "1" },
    { q: "hoodie", price: "25-50", sort: "rating" },
    { q: "leather", category: pick(top, 0), price: "100-200", page: "2" },
    { q: "bottle" },
    { q: "organic", colour: [pick(colours, 1), pick(colours, 2)], rating: "3" },
    { brand: pick(brands, 3), sort: "price-desc" },
    { q: "trail runner", brand: [pick(brands, 0), pick(brands, 4)], price: ["50-100"], inStock: "1" },
    { q: "beanie", category: pick(leaves, 1) },
    { q: "sweater", size: pick(sizes, 2), colour: pick(colours, 0), sort: "price-asc" },
    { sort: "newest", page: "3" },
    // Typed as shoppers type them: understood into filters before the engine.
    { q: "blue hoodie" },
    { q: "mens size 10 boots" },
    { q: "cheap beanie" },
    { q: "boots under 150" },
    { q: "womens waterproof jacket" },
    { q: "grey sweater xl" },
  ];
}

interface Row {
  size: number;
  seedSeconds: number;
  documents: number;
  indexSeconds: number;
  docsPerSecond: number;
  app: number[];
  /** The app with its memory of recent recoveries emptied first: every miss recovered for the first time. */
  cold: number[];
  engine: number[];
  single: number[];
  http: number[];
  understand: number[];
  client: number[];
  /** The app's time waiting on the engine (any call in flight), and the rest: its own work. */
  appWait: number[];
  appOwn: number[];
  /** Engine round trips per app search, per query (the same every round). */
  calls: number[];
  /** Queries the app sent per search, per query, and the engine column's. */
  appQueries: number[];
  engineQueries: number[];
  labels: string[];
  /** Per query: the app's and the engine's samples, for the slowest queries. */
  perQuery: { app: number[]; wait: number[]; engine: number[] }[];
}

/** What one app search asked of the engine (reset before each search). */
interface EngineUse {
  /** Round trips: a call sent while another is still in flight rides in the same round trip. */
  calls: number;
  /** Queries sent, in every call (the engine column sends the page query's request alone). */
  queries: number;
  /** Time with at least one engine call in flight (the union of the calls' spans), ms. */
  waitMs: number;
}

/**
 * The engine with its use measured (multi-searches and single-index searches): round trips, queries
 * sent and the time spent waiting on it, so the app's time splits into the engine's and its own.
 */
function measuredEngine(engine: SearchEngine) {
  const client = engine.client;
  let inFlight = 0;
  let since = 0;
  // Calls left in flight by an earlier search (help it did not wait for) are not this search's.
  let search = 0;
  let use: EngineUse = { calls: 0, queries: 0, waitMs: 0 };
  const track = <T>(queries: number, send: () => Promise<T>): Promise<T> => {
    const mine = search;
    if (inFlight === 0) {
      use.calls += 1;
      since = performance.now();
    }
    inFlight += 1;
    use.queries += queries;
    return send().finally(() => {
      if (mine !== search) return;
      inFlight -= 1;
      if (inFlight === 0) use.waitMs += performance.now() - since;
    });
  };
  const counted = Object.create(client) as typeof client;
  counted.multiSearch = ((...args: Parameters<typeof client.multiSearch>) =>
    track(args[0]?.queries?.length ?? 1, () => client.multiSearch(...args))) as typeof client.multiSearch;
  counted.index = (...args: Parameters<typeof client.index>) => {
    const index = client.index(...args);
    const countedIndex = Object.create(index) as typeof index;
    countedIndex.search = ((...searchArgs: Parameters<typeof index.search>) =>
      track(1, () => index.search(...searchArgs))) as typeof index.search;
    return countedIndex;
  };
  return {
    engine: { client: counted, indexName: engine.indexName } satisfies SearchEngine,
    /** Starts counting a new search. */
    reset() {
      search += 1;
      inFlight = 0;
      use = { calls: 0, queries: 0, waitMs: 0 };
    },
    /** The search's use so far (a call still in flight counts up to now). */
    read(): EngineUse {
      return { ...use, waitMs: use.waitMs + (inFlight > 0 ? performance.now() - since : 0) };
    },
  };
}

async function measure(
  db: Db,
  searcher: SearchEngine,
  host: string,
  searchKey: string,
  requests: SearchRequest[],
  vocabulary: SearchVocabulary,
  urls: string[],
) {
  const measured = measuredEngine(searcher);
  const deps = {
    db,
    engine: async () => measured.engine,
    onEngineError: (error: unknown) => {
      throw error;
    },
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(`${host}/multi-search`);
  const direct = (body: unknown) =>
    new Promise<void>((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body));
      const request = http.request(
        {
          agent,
          hostname: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: {
            Authorization: `Bearer ${searchKey}`,
            "Content-Type": "application/json",
            "Content-Length": payload.length,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            if (response.statusCode !== 200) reject(new Error(`multi-search ${response.statusCode}: ${text}`));
            else {
              JSON.parse(text);
              resolve();
            }
          });
          response.on("error", reject);
        },
      );
      request.on("socket", (socket) => socket.setNoDelay(true));
      request.on("error", reject);
      request.end(payload);
    });
  const samples = {
    app: [] as number[],
    cold: [] as number[],
    engine: [] as number[],
    single: [] as number[],
    http: [] as number[],
    understand: [] as number[],
    client: [] as number[],
    /** The app's time waiting on the engine, and the rest (its own work: CPU, allocation, awaits). */
    appWait: [] as number[],
    appOwn: [] as number[],
    calls: requests.map(() => 0),
    /** Queries the app sent per search (the last round's), and the engine column's. */
    appQueries: requests.map(() => 0),
    engineQueries: requests.map(() => 0),
    perQuery: requests.map(() => ({ app: [] as number[], wait: [] as number[], engine: [] as number[] })),
  };
  const viaHttp = async (url: string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    const body = (await response.json()) as { degraded?: boolean };
    if (body.degraded) throw new Error("benchmark HTTP search fell back to PostgreSQL");
  };
  const time = async (into: number[], fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    into.push(performance.now() - started);
  };
  // The engine gets what the app sends it: the request after validation and understanding.
  const plans = requests.map((request) =>
    planEngineQuery(searcher.indexName, prepareSearch(request, vocabulary).request, SEARCH_PAGE_SIZE),
  );
  // Each search's key in the app's memory of recent recoveries (the cold column forgets its own first).
  const keys = requests.map((request) =>
    recoveryKey(searcher.indexName, prepareSearch(request, vocabulary).request, {}, SEARCH_PAGE_SIZE),
  );
  const bar = createProgressBar({ total: ROUNDS + 2, label: "Querying" });
  for (let round = -2; round < ROUNDS; round += 1) {
    const app: number[] = [];
    const cold: number[] = [];
    const engine: number[] = [];
    const single: number[] = [];
    const http: number[] = [];
    const understand: number[] = [];
    const client: number[] = [];
    const appWait: number[] = [];
    const appOwn: number[] = [];
    for (const [i, request] of requests.entries()) {
      const plan = plans[i]!;
      // Rotate the order so none of them always runs on a warmer cache.
      const steps = [
        () =>
          time(app, async () => {
            const started = performance.now();
            measured.reset();
            const result = await searchProducts(request, deps);
            const use = measured.read();
            const took = performance.now() - started;
            if (result.degraded) throw new Error("benchmark search fell back to PostgreSQL");
            appWait.push(use.waitMs);
            appOwn.push(took - use.waitMs);
            samples.calls[i] = use.calls;
            samples.appQueries[i] = use.queries;
            samples.engineQueries[i] = plan.queries.length;
          }),
        () =>
          time(cold, async () => {
            forgetRecovery(keys[i]!);
            measured.reset();
            const result = await searchProducts(request, deps);
            if (result.degraded) throw new Error("benchmark search fell back to PostgreSQL");
          }),
        () => time(engine, () => direct({ queries: plan.queries })),
        () => time(single, () => direct({ queries: plan.queries.slice(0, 1) })),
        ...(WITH_HTTP ? [() => time(http, () => viaHttp(urls[i]!))] : []),
        () =>
          time(understand, async () =>
            planEngineQuery(searcher.indexName, prepareSearch(request, vocabulary).request, SEARCH_PAGE_SIZE),
          ),
        () => time(client, () => searcher.client.multiSearch({ queries: plan.queries })),
      ];
      for (let k = 0; k < steps.length; k += 1) await steps[(k + i + round + 3) % steps.length]!();
    }
    // Two warm-up rounds are not counted.
    if (round >= 0) {
      samples.app.push(...app);
      samples.cold.push(...cold);
      samples.engine.push(...engine);
      samples.single.push(...single);
      samples.http.push(...http);
      samples.understand.push(...understand);
      samples.client.push(...client);
      samples.appWait.push(...appWait);
      samples.appOwn.push(...appOwn);
      for (const [i, one] of samples.perQuery.entries()) {
        one.app.push(app[i]!);
        one.wait.push(appWait[i]!);
        one.engine.push(engine[i]!);
      }
    }
    bar.update(round + 3);
  }
  bar.finish();
  agent.destroy();
  return samples;
}

async function benchSize(
  size: number,
  server: { serverUrl: string; databaseUrl(name: string): string },
  meili: { host: string; masterKey: string },
): Promise<Row> {
  const database = `bench_search_${size}`;
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const url = server.databaseUrl(database);
  await applyMigrations(url);
  const db = createPrismaClient(url, { max: 8 });
  try {
    const seedBar = createProgressBar({ total: size, label: `Seeding ${size} products` });
    const seeded = await seedSyntheticCatalog(db, { products: size, onProgress: ({ done }) => seedBar.update(done) });
    seedBar.finish();

    const indexName = `bench_products_${size}`;
    const adminEngine: SearchEngine = { client: meilisearchClient(meili.host, meili.masterKey, 120_000), indexName };
    let indexBar: ReturnType<typeof createProgressBar> | undefined;
    const indexed = await reindexAll(db, adminEngine, {
      onProgress: ({ indexed: done, total }) => {
        indexBar ??= createProgressBar({ total, label: `Indexing ${size} products` });
        indexBar.update(done);
      },
    });
    indexBar?.finish();

    const searchKey = await fetchDefaultSearchKey(meilisearchClient(meili.host, meili.masterKey));
    const searcher = createSearchEngine(meili.host, searchKey, indexName);
    const vocabulary = await cachedSearchVocabulary(db);
    const queries = benchmarkQueries(vocabulary);
    const requests = queries.map((params) => parseSearchParams(params));
    const urls = queries.map((params) => `http://localhost:${HTTP_PORT}/api/search?${queryString(params)}`);
    const app = WITH_HTTP
      ? await startAppServer({
          DATABASE_URL: url,
          MEILI_HOST: meili.host,
          MEILI_SEARCH_KEY: searchKey,
          MEILI_INDEX: indexName,
          MEILI_MASTER_KEY: "",
        })
      : null;
    let samples: Awaited<ReturnType<typeof measure>>;
    try {
      samples = await measure(db, searcher, meili.host, searchKey, requests, vocabulary, urls);
    } finally {
      if (app) await stopAppServer(app);
    }
    await adminEngine.client.deleteIndexIfExists(indexName);
    return {
      size,
      seedSeconds: seeded.durationMs / 1000,
      documents: indexed.documents,
      indexSeconds: indexed.durationMs / 1000,
      docsPerSecond: indexed.documents / (indexed.durationMs / 1000),
      labels: queries.map((params) => queryString(params)),
      ...samples,
    };
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const root = path.join(dataDir(), "bench-search");
  console.error(`Starting PostgreSQL (:${PG_PORT}) and Meilisearch (:${MEILI_PORT}) under ${root}`);
  const server = await startEmbeddedPostgres({ dataDir: path.join(root, "postgres"), port: PG_PORT });
  // A fresh engine per run: figures do not depend on what earlier runs left behind.
  rmSync(path.join(root, "meili"), { recursive: true, force: true });
  const meili = await startEmbeddedMeilisearch({ dataDir: path.join(root, "meili"), port: MEILI_PORT });
  const rows: Row[] = [];
  try {
    for (const size of SIZES) rows.push(await benchSize(size, server, meili));
  } finally {
    await meili.stop();
    await server.stop();
  }

  const ms = (value: number) => value.toFixed(1).padStart(7);
  console.log(`\nSearch benchmark (${ROUNDS} rounds x 26 queries per size; times in ms)\n`);
  console.log(
    "products  seed s  index s   docs/s | app p50  p95 | engine p50  p95 | single p50  p95 | http p50  p95 | app/engine p95  p50 | http/engine p95  p50",
  );
  for (const row of rows) {
    const [ap50, ap95, ep50, ep95, sp50, sp95, hp50, hp95] = [
      percentile(row.app, 50),
      percentile(row.app, 95),
      percentile(row.engine, 50),
      percentile(row.engine, 95),
      percentile(row.single, 50),
      percentile(row.single, 95),
      percentile(row.http, 50),
      percentile(row.http, 95),
    ];
    console.log(
      `${String(row.size).padStart(8)} ${row.seedSeconds.toFixed(1).padStart(7)} ${row.indexSeconds.toFixed(1).padStart(8)} ${Math.round(row.docsPerSecond).toString().padStart(8)} |` +
        `${ms(ap50)}${ms(ap95)} |   ${ms(ep50)}${ms(ep95)} |   ${ms(sp50)}${ms(sp95)} | ${row.http.length ? `${ms(hp50)}${ms(hp95)}` : "      -      -"} |       ${(ap95 / ep95).toFixed(2).padStart(5)}x ${(ap50 / ep50).toFixed(2).padStart(5)}x |        ${row.http.length ? `${(hp95 / ep95).toFixed(2).padStart(5)}x ${(hp50 / ep50).toFixed(2).padStart(5)}x` : "     -      -"}`,
    );
  }
  console.log(
    "\napp = searchProducts() in-process; engine = the same multi-search sent with node:http; single = the page query alone;",
  );
  console.log("http = GET /api/search from next start (validation, search, JSON over HTTP).");
  for (const row of rows)
    console.log(
      `${row.size} products, first misses (the app with its memory of recent recoveries emptied before each search): p50 ${percentile(row.cold, 50).toFixed(1)} p95 ${percentile(row.cold, 95).toFixed(1)} ms, ${(percentile(row.cold, 95) / percentile(row.engine, 95)).toFixed(2)}x the engine's p95`,
    );

  console.log("\nWhere the app's time goes (ms): understand = validation, reading the query and planning (CPU);");
  console.log(
    "client = the same multi-search through the app's Meilisearch client; calls = engine round trips per search.",
  );
  console.log(
    "products | understand p50  p95 | client p50  p95 | engine p50  p95 | client/engine p95 | searches with 1/2/3+ calls",
  );
  for (const row of rows) {
    const histogram = [1, 2, 3].map((n) => row.calls.filter((c) => (n < 3 ? c === n : c >= n)).length).join("/");
    console.log(
      `${String(row.size).padStart(8)} |     ${ms(percentile(row.understand, 50))}${ms(percentile(row.understand, 95))} | ${ms(percentile(row.client, 50))}${ms(percentile(row.client, 95))} | ${ms(percentile(row.engine, 50))}${ms(percentile(row.engine, 95))} |             ${(percentile(row.client, 95) / percentile(row.engine, 95)).toFixed(2).padStart(5)}x | ${histogram}`,
    );
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    console.log(
      `  the app's time split: waiting on the engine p50 ${percentile(row.appWait, 50).toFixed(1)} p95 ${percentile(row.appWait, 95).toFixed(1)} | its own work p50 ${percentile(row.appOwn, 50).toFixed(2)} p95 ${percentile(row.appOwn, 95).toFixed(2)} ms | queries sent per round of 26: app ${sum(row.appQueries)}, engine ${sum(row.engineQueries)}`,
    );
    const slowest = row.perQuery
      .map((one, i) => ({
        i,
        app: percentile(one.app, 50),
        wait: percentile(one.wait, 50),
        engine: percentile(one.engine, 50),
      }))
      .sort((a, b) => b.app - b.engine - (a.app - a.engine))
      .slice(0, 5);
    console.log(
      `  largest app - engine gaps (p50 ms: app, of which waiting on the engine; engine), ${row.size} products:`,
    );
    for (const one of slowest)
      console.log(
        `  ${ms(one.app)} app ${ms(one.wait)} wait ${ms(one.engine)} engine  ${row.calls[one.i]} call(s), ${row.appQueries[one.i]}/${row.engineQueries[one.i]} queries  ${row.labels[one.i]}`,
      );
  }
  for (const row of rows) {
    const ratio = percentile(row.app, 95) / percentile(row.engine, 95);
    console.log(
      `${row.size} products: app p95 is ${ratio.toFixed(2)}x the engine's (goal at most 1.2x): ${ratio <= 1.2 ? "met" : "NOT met"}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
