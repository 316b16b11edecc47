// npm run bench:web-server: requests/s of the store's web server (scripts/web-server.ts) against plain
// `next start`, on the same production build and database, so the edge's per-request cost shows. Both
// servers run side by side and are measured in alternating slices (a noisy moment on a shared machine hits
// both), on /robots.txt (the cheapest route: any fixed cost shows) and a product page. Figures, not a test.
//
// Needs a production build (.next) and the store's environment: run it with the variables `npm start`
// gives its web server (at least DATABASE_URL; MEILI_HOST / MEILI_SEARCH_KEY for search, NEXTAUTH_SECRET).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../tests/helpers/ports";
import { loadTest, printTable, type LoadResult } from "./lib";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function start(args: string[], port: number): ChildProcess {
  return spawn(process.execPath, args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
  });
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL (and the rest of the store's environment).");
  const [nextPort, ourPort] = [await freePort(), await freePort()];
  const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
  const servers = [
    {
      name: "next start",
      base: `http://localhost:${nextPort}`,
      process: start([nextBin, "start", "-p", String(nextPort)], nextPort),
    },
    {
      name: "web server",
      base: `http://localhost:${ourPort}`,
      process: start(["--import", "tsx", "scripts/web-server.ts"], ourPort),
    },
  ];
  try {
    for (const server of servers) await waitFor(`${server.base}/robots.txt`, 120_000);
    const sitemap = await (await fetch(`${servers[0]!.base}/sitemap.xml`)).text();
    const product = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)]
      .map((match) => new URL(match[1]!).pathname)
      .find((pathname) => pathname.startsWith("/products/"));
    if (!product) throw new Error("The sitemap lists no product to measure");
    const paths = ["/robots.txt", product];
    // Warm both (compiled routes, caches) before measuring.
    for (const server of servers) for (const route of paths) await loadTest("warm-up", `${server.base}${route}`, 4, 2);

    const totals = new Map<string, { requests: number; seconds: number; results: LoadResult[] }>();
    for (let round = 0; round < rounds; round++) {
      for (const route of paths) {
        // Alternate which server goes first each round.
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const server of order) {
          const result = await loadTest(`${server.name} ${route}`, `${server.base}${route}`, connections, seconds);
          const total = totals.get(result.name) ?? { requests: 0, seconds: 0, results: [] };
          total.requests += result.requests;
          total.seconds += result.seconds;
          total.results.push(result);
          totals.set(result.name, total);
        }
      }
    }
    console.log(
      `${connections} connections, ${rounds} alternating slices of ${seconds} s per server and path (percentiles: worst slice)`,
    );
    printTable(
      ["server and path", "req/s", "errors", "p50 ms", "p95 ms", "p99 ms"],
      [...totals.entries()].map(([name, total]) => {
        const worst = (key: "p50" | "p95" | "p99") => Math.max(...total.results.map((result) => result[key]));
        return [
          name,
          (total.requests / total.seconds).toFixed(0),
          total.results.reduce((sum, result) => sum + result.errors, 0),
          worst("p50").toFixed(1),
          worst("p95").toFixed(1),
          worst("p99").toFixed(1),
        ];
      }),
    );
    for (const route of paths) {
      const rate = (name: string) => {
        const total = totals.get(`${name} ${route}`)!;
        return total.requests / total.seconds;
      };
      console.log(`${route}: web server / next start = ${(rate("web server") / rate("next start")).toFixed(3)}`);
    }
  } finally {
    for (const server of servers) server.process.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
