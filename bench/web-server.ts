// npm run bench:web-server: requests/s of the store's web server (scripts/web-server.ts) against plain
// `next start`, on the same production build and database, so the edge's per-request cost shows. Both
// servers run side by side and are measured in alternating slices (a noisy moment on a shared machine hits
// both), on /robots.txt (the cheapest route: any fixed cost shows) and a product page. Besides requests/s
// it prints the server process's CPU time per request (from /proc), which other work on a shared machine
// disturbs much less than throughput. Figures, not a test.
//
// Needs a production build (.next) and the store's environment: run it with the variables `npm start`
// gives its web server (at least DATABASE_URL; MEILI_HOST / MEILI_SEARCH_KEY for search, NEXTAUTH_SECRET).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
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

/** CPU time (user + system) a process has used so far, in ms; undefined where /proc is not available. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    // Fields after the ")" that ends the command name: state is the 1st, utime the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
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

    const totals = new Map<string, { requests: number; seconds: number; cpuMs: number; results: LoadResult[] }>();
    for (let round = 0; round < rounds; round++) {
      for (const route of paths) {
        // Alternate which server goes first each round.
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const server of order) {
          const cpuBefore = cpuMs(server.process.pid);
          const result = await loadTest(`${server.name} ${route}`, `${server.base}${route}`, connections, seconds);
          const cpuAfter = cpuMs(server.process.pid);
          const total = totals.get(result.name) ?? { requests: 0, seconds: 0, cpuMs: 0, results: [] };
          total.requests += result.requests;
          total.seconds += result.seconds;
          total.cpuMs += cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : Number.NaN;
          total.results.push(result);
          totals.set(result.name, total);
        }
      }
    }
    console.log(
      `${connections} connections, ${rounds} alternating slices of ${seconds} s per server and path (percentiles: worst slice)`,
    );
    printTable(
      ["server and path", "req/s", "CPU ms/req", "errors", "p50 ms", "p95 ms", "p99 ms"],
      [...totals.entries()].map(([name, total]) => {
        const worst = (key: "p50" | "p95" | "p99") => Math.max(...total.results.map((result) => result[key]));
        return [
          name,
          (total.requests / total.seconds).toFixed(0),
          (total.cpuMs / total.requests).toFixed(3),
          total.results.reduce((sum, result) => sum + result.errors, 0),
          worst("p50").toFixed(1),
          worst("p95").toFixed(1),
          worst("p99").toFixed(1),
        ];
      }),
    );
    for (const route of paths) {
      const total = (name: string) => totals.get(`${name} ${route}`)!;
      const rate = (name: string) => total(name).requests / total(name).seconds;
      const cpu = (name: string) => total(name).cpuMs / total(name).requests;
      console.log(
        `${route}: web server / next start: req/s ${(rate("web server") / rate("next start")).toFixed(3)}, ` +
          `CPU per request ${(cpu("web server") / cpu("next start")).toFixed(3)}`,
      );
    }
  } finally {
    for (const server of servers) server.process.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
