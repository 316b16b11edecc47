// npm run bench:pages: requests per second and p50/p95 latency of the home, a category and a product
// page, the search page and the search JSON endpoint at 32 concurrent connections against `next start` with
// the demo catalog, beside a floor measured in the same run on the same server: /robots.txt, a route
// prerendered at build time that Next serves from its cache without running any of our code. Each page's
// req/s and p50 are also given as a ratio to that floor, with its body size (uncompressed: the load
// generator sends no Accept-Encoding). Figures, not a test.
//
// With BENCH_URL set it measures that server; otherwise it starts the store itself exactly as
// `npm start` does (embedded PostgreSQL in .data/bench on BENCH_PG_PORT, Meilisearch on BENCH_MEILI_PORT,
// demo catalog, production build, port BENCH_PORT) and stops it. BENCH_SECONDS per page (default 15).
import { spawn, type ChildProcess } from "node:child_process";
import { loadTest, printTable, type LoadResult } from "./lib";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function main() {
  let server: ChildProcess | undefined;
  let base = process.env.BENCH_URL;
  if (!base) {
    const port = Number(process.env.BENCH_PORT ?? 3200);
    base = `http://localhost:${port}`;
    console.error(`Starting the store on ${base} (data in .data/bench)...`);
    server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        DATA_DIR: ".data/bench",
        PORT: String(port),
        EMBEDDED_PG_PORT: process.env.BENCH_PG_PORT ?? "54332",
        MEILI_PORT: process.env.BENCH_MEILI_PORT ?? "7732",
        SITE_URL: base,
      },
    });
  }
  try {
    await waitFor(`${base}/`, 900_000);
    const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
    const locations = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
    const category = locations.find((path) => path.startsWith("/category/"));
    const product = locations.find((path) => path.startsWith("/products/"));
    if (!category || !product) throw new Error("The sitemap lists no category or product to measure");

    // Search end to end over HTTP too (issue 4): the page and the JSON endpoint, a typo'd query with a facet.
    const search = "q=jaket&sort=relevance";
    const pages: [string, string][] = [
      ["home", "/"],
      [`category ${category}`, category],
      [`product ${product}`, product],
      [`search page /search?${search}`, `/search?${search}`],
      [`search API /api/search?${search}`, `/api/search?${search}`],
    ];
    // The floor first, then the pages, then the floor again: its two runs bracket the pages, and their
    // spread says how much the shared machine moved during the run.
    const floorPath = "/robots.txt";
    const measure = async (name: string, path: string) => {
      await loadTest(name, base + path, 4, 2); // warm the caches and the JIT first
      return loadTest(name, base + path, connections, seconds);
    };
    const floorBefore = await measure(`floor ${floorPath} (static)`, floorPath);
    const results = [];
    for (const [name, path] of pages) results.push(await measure(name, path));
    const floorAfter = await measure(`floor ${floorPath} (static, again)`, floorPath);
    const rate = (result: LoadResult) => result.requests / result.seconds;
    const floorRate = (rate(floorBefore) + rate(floorAfter)) / 2;
    const floorP50 = (floorBefore.p50 + floorAfter.p50) / 2;
    console.log(
      `\nPages at ${connections} concurrent connections, ${seconds} s each (load generator on the same machine)\n`,
    );
    printTable(
      ["page", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "bytes", "req/s ÷ floor", "p50 × floor"],
      [floorBefore, ...results, floorAfter].map((r) => [
        r.name,
        r.requests,
        r.errors,
        rate(r).toFixed(0),
        r.p50.toFixed(1),
        r.p95.toFixed(1),
        r.p99.toFixed(1),
        r.bytes,
        (rate(r) / floorRate).toFixed(3),
        floorP50 > 0 ? (r.p50 / floorP50).toFixed(1) : "",
      ]),
    );
    console.log(
      `\nFloor: ${floorPath} at ${floorRate.toFixed(0)} req/s and ${floorP50.toFixed(1)} ms p50 (mean of the two runs; they differ by ${(
        (Math.abs(rate(floorBefore) - rate(floorAfter)) / floorRate) *
        100
      ).toFixed(0)} %).`,
    );
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGINT");
      await new Promise((resolve) => server!.once("exit", resolve));
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
