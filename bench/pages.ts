// npm run bench:pages: requests per second and p50/p95 latency of the home, a category and a product
// page, the search page and the search JSON endpoint at 32 concurrent connections against the store as
// `npm start` serves it (scripts/web-server.ts) with the demo catalog. Figures, not a test.
//
// With BENCH_URL set it measures that server; otherwise it starts the store itself exactly as
// `npm start` does (embedded PostgreSQL in .data/bench, demo catalog, production build) and stops it.
import { spawn, type ChildProcess } from "node:child_process";
import { loadTest, printTable } from "./lib";

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
        EMBEDDED_PG_PORT: "54332",
        MEILI_PORT: "7732",
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
    const results = [];
    for (const [name, path] of pages) {
      await loadTest(name, base + path, 4, 2); // warm the caches and the JIT first
      results.push(await loadTest(name, base + path, connections, seconds));
    }
    console.log(
      `\nPages at ${connections} concurrent connections, ${seconds} s each (load generator on the same machine)\n`,
    );
    printTable(
      ["page", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms"],
      results.map((r) => [
        r.name,
        r.requests,
        r.errors,
        (r.requests / r.seconds).toFixed(0),
        r.p50.toFixed(1),
        r.p95.toFixed(1),
        r.p99.toFixed(1),
      ]),
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
