// The store a page benchmark measures: BENCH_URL when set, otherwise the store started here exactly as
// `npm start` does (embedded PostgreSQL in .data/bench on BENCH_PG_PORT, Meilisearch on BENCH_MEILI_PORT,
// demo catalog, production build, port BENCH_PORT), stopped again by stop(). Shared by bench/pages.ts and
// bench/lighthouse.ts, which therefore measure the same build on the same data.
import { spawn, type ChildProcess } from "node:child_process";

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

export async function benchStore(): Promise<{ base: string; stop: () => Promise<void> }> {
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
        ...(process.env.BENCH_CPU_PROFILE_DIR ? { WEB_SERVER_CPU_PROFILE_DIR: process.env.BENCH_CPU_PROFILE_DIR } : {}),
      },
    });
  }
  const stop = async () => {
    if (server && server.exitCode === null) {
      server.kill("SIGINT");
      await new Promise((resolve) => server.once("exit", resolve));
    }
  };
  try {
    await waitFor(`${base}/`, 900_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, stop };
}

/** A category and a product page of the store, the first ones its sitemap lists. */
export async function samplePages(base: string): Promise<{ category: string; product: string }> {
  const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
  const locations = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
  const category = locations.find((path) => path.startsWith("/category/"));
  const product = locations.find((path) => path.startsWith("/products/"));
  if (!category || !product) throw new Error("The sitemap lists no category or product to measure");
  return { category, product };
}
