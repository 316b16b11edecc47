// npm run bench:lighthouse: Lighthouse's four scores (performance, accessibility, best practices, SEO)
// for the home page, a category page and a product page, mobile preset, against the production build as
// `npm start` serves it (bench/store.ts: BENCH_URL, or the store started here on the benchmark's own
// data). Lighthouse is pinned at 12.2.3 (later versions want Node 22); it drives the system Chromium
// (CHROMIUM_PATH, default /usr/bin/chromium, as for Playwright). Figures, not a test: docs/benchmarks.md.
import { spawn } from "node:child_process";
import path from "node:path";
import { printTable } from "./lib";
import { benchStore, samplePages } from "./store";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

interface LighthouseReport {
  categories: Record<(typeof CATEGORIES)[number], { score: number | null }>;
  audits: Record<string, { score: number | null; title: string; scoreDisplayMode: string }>;
}

function lighthouse(url: string): Promise<LighthouseReport> {
  const bin = path.join(process.cwd(), "node_modules", "lighthouse", "cli", "index.js");
  const args = [
    bin,
    url,
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    `--only-categories=${CATEGORIES.join(",")}`,
    // Headless as root, and without the background traffic Chromium starts on a closed network.
    "--chrome-flags=--headless=new --no-sandbox --disable-background-networking --disable-component-update --disable-sync --no-first-run",
  ];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`lighthouse ${url} exited with ${code}`));
      try {
        resolve(JSON.parse(out) as LighthouseReport);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

async function main() {
  const { base, stop } = await benchStore();
  try {
    const { category, product } = await samplePages(base);
    const pages = [
      ["home", "/"],
      [`category ${category}`, category],
      [`product ${product}`, product],
    ] as const;
    const rows: (string | number)[][] = [];
    const failing: string[] = [];
    for (const [name, pagePath] of pages) {
      await fetch(base + pagePath); // the first visit of a page that was not prerendered renders it
      const report = await lighthouse(base + pagePath);
      rows.push([name, ...CATEGORIES.map((key) => Math.round((report.categories[key].score ?? 0) * 100))]);
      for (const audit of Object.values(report.audits)) {
        const scored = audit.scoreDisplayMode === "binary" || audit.scoreDisplayMode === "numeric";
        if (scored && audit.score !== null && audit.score < 0.9) failing.push(`${name}: ${audit.title}`);
      }
    }
    console.log("\nLighthouse 12.2.3, mobile preset (scores out of 100)\n");
    printTable(["page", ...CATEGORIES], rows);
    if (failing.length > 0) console.log(`\nAudits below 90:\n${failing.map((line) => `- ${line}`).join("\n")}`);
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
