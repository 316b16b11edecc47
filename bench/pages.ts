// npm run bench:pages: requests per second and p50/p95 latency of the home page, a category page (its
// default view, and a filtered view), a product page, the search page and the search JSON endpoint at 32
// concurrent connections against the store as `npm start` serves it (scripts/web-server.ts) with the demo
// catalog, beside a floor measured in the same run on the same server: /robots.txt, a route prerendered at
// build time that Next serves from its cache without running any of our code, measured before each page
// and after the last. Each page's req/s and p50 are given as a ratio to the floor runs around it, with its
// body size (uncompressed: the load generator sends no Accept-Encoding) and the goal it is held to
// (docs/benchmarks.md). Figures, not a test.
//
// With BENCH_URL set it measures that server; otherwise it starts the store itself exactly as
// `npm start` does (embedded PostgreSQL in .data/bench on BENCH_PG_PORT, Meilisearch on BENCH_MEILI_PORT,
// demo catalog, production build, port BENCH_PORT) and stops it. BENCH_SECONDS per page (default 15).
// BENCH_CPU_PROFILE_DIR=<dir> (store started here only) writes a V8 CPU profile of the web server into
// <dir> when it stops: `npx tsx bench/cpu-profile.ts <file>` summarises it.
import { loadTest, printTable, type LoadResult } from "./lib";
import { benchStore, samplePages } from "./store";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
// BENCH_ONLY=home,product measures only the rows whose name starts with one of these (a quicker look).
const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);

async function main() {
  const { base, stop } = await benchStore();
  try {
    const { category, product } = await samplePages(base);

    // Search end to end over HTTP too (issue 4): the page and the JSON endpoint, a typo'd query. The goals
    // (issue 11): the pages shoppers land on serve at half the static floor or better; a filtered listing
    // and search (one cached page per normalised query for a document, docs/storefront.md) at a quarter.
    const search = "q=jaket&sort=relevance";
    const filtered = "price=25-50&sort=price-asc";
    const allPages: [string, string, number | null][] = [
      ["home", "/", 0.5],
      [`category ${category}`, category, 0.5],
      [`category filtered ${category}?${filtered}`, `${category}?${filtered}`, 0.25],
      [`product ${product}`, product, 0.5],
      [`search page /search?${search}`, `/search?${search}`, 0.25],
      [`search API /api/search?${search}`, `/api/search?${search}`, null],
    ];
    const pages = allPages.filter(([name]) => !only || only.some((prefix) => name.startsWith(prefix)));
    // The floor before every page and once more after the last: each page is compared with the mean of
    // the two floor runs around it, so a shared machine that slows down or speeds up during the run moves
    // a page and its floor together instead of skewing the ratio.
    const floorPath = "/robots.txt";
    // The search API says when an answer came from the PostgreSQL fallback instead of Meilisearch: such a
    // run measures the fallback, and the table says how many answers it was.
    const degraded = (body: string) => body.includes('"degraded":true');
    const measure = async (name: string, path: string) => {
      const flag = path.startsWith("/api/search") ? degraded : undefined;
      await loadTest(name, base + path, 4, 2); // warm the caches and the JIT first
      return loadTest(name, base + path, connections, seconds, { flag });
    };
    const rate = (result: LoadResult) => result.requests / result.seconds;
    const floors: LoadResult[] = [await measure(`floor ${floorPath}`, floorPath)];
    const results: LoadResult[] = [];
    for (const [name, path] of pages) {
      results.push(await measure(name, path));
      floors.push(await measure(`floor ${floorPath}`, floorPath));
    }
    console.log(
      `\nPages at ${connections} concurrent connections, ${seconds} s each (load generator on the same machine)\n`,
    );
    const rows: (string | number)[][] = [];
    const row = (r: LoadResult, goal: number | null, floorRate: number, floorP50: number) => [
      r.name,
      r.requests,
      r.errors,
      rate(r).toFixed(0),
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      r.p99.toFixed(1),
      r.bytes,
      (rate(r) / floorRate).toFixed(3),
      goal === null ? "" : `>= ${goal}`,
      (r.p50 / floorP50).toFixed(1),
    ];
    results.forEach((result, index) => {
      const before = floors[index]!;
      const after = floors[index + 1]!;
      const floorRate = (rate(before) + rate(after)) / 2;
      const floorP50 = (before.p50 + after.p50) / 2;
      rows.push(row(result, pages[index]![2], floorRate, floorP50));
    });
    printTable(
      [
        "page",
        "requests",
        "errors",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "bytes",
        "req/s ÷ floor",
        "goal",
        "p50 ÷ floor",
      ],
      rows,
    );
    const floorRates = floors.map(rate);
    console.log(
      `\nFloor ${floorPath} (prerendered, ${floors[0]!.bytes} bytes), ${floors.length} runs around the pages: ` +
        `${Math.min(...floorRates).toFixed(0)} to ${Math.max(...floorRates).toFixed(0)} req/s, ` +
        `p50 ${Math.min(...floors.map((f) => f.p50)).toFixed(1)} to ${Math.max(...floors.map((f) => f.p50)).toFixed(1)} ms. ` +
        `Each page is compared with the mean of the runs just before and after it.`,
    );
    for (const result of results.filter((entry) => entry.flagged > 0)) {
      console.error(
        `${result.name}: ${result.flagged} of ${result.requests} answers came from the PostgreSQL fallback (Meilisearch did not answer in time).`,
      );
    }
    if (results.some((result) => result.errors > 0) || floors.some((floor) => floor.errors > 0))
      console.error("Some requests failed (errors column): those figures are not comparable.");
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
