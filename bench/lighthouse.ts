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

interface LighthouseAudit {
  score: number | null;
  title: string;
  scoreDisplayMode: string;
  numericValue?: number;
  details?: { items?: Record<string, unknown>[] };
}

interface LighthouseReport {
  categories: Record<(typeof CATEGORIES)[number], { score: number | null }>;
  audits: Record<string, LighthouseAudit>;
  environment: { benchmarkIndex: number };
}

/**
 * What the performance score is made of, and the two figures that move less with the machine's load: the
 * bytes of JavaScript the page loads (transfer size) and the main thread's script evaluation (Lighthouse's
 * simulated CPU multiplies it, as it does the blocking time).
 */
function timings(report: LighthouseReport): number[] {
  const value = (id: string) => Math.round(report.audits[id]?.numericValue ?? 0);
  const items = (id: string) => report.audits[id]?.details?.items ?? [];
  const scriptBytes = items("network-requests")
    .filter((item) => item.resourceType === "Script")
    .reduce((sum, item) => sum + Number(item.transferSize ?? 0), 0);
  const evaluation = items("mainthread-work-breakdown").find((item) => item.group === "scriptEvaluation");
  const observed = (report.audits.metrics?.details?.items?.[0] ?? {}) as Record<string, number>;
  return [
    value("total-blocking-time"),
    value("largest-contentful-paint"),
    value("first-contentful-paint"),
    Math.round(observed.observedFirstContentfulPaint ?? 0),
    value("interactive"),
    Math.round(scriptBytes / 1024),
    Math.round(Number(evaluation?.duration ?? 0)),
    Math.round(report.environment.benchmarkIndex),
  ];
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
    // --hide-scrollbars, as Puppeteer and Playwright launch headless Chromium: otherwise the overlay
    // scrollbar of the about:blank page Lighthouse starts from may still be fading when the page commits,
    // and Chromium then draws the tab once a second until the page's first frame lands (observed first
    // paint at 1.25 s or 2.25 s with the main thread idle), which Lighthouse counts as the page's own
    // slowness. docs/benchmarks.md, "The late first paint" and "Scrollbars hidden".
    "--chrome-flags=--headless=new --no-sandbox --hide-scrollbars --disable-background-networking --disable-component-update --disable-sync --no-first-run",
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
    const timingRows: (string | number)[][] = [];
    const failing: string[] = [];
    for (const [name, pagePath] of pages) {
      await fetch(base + pagePath); // the first visit of a page that was not prerendered renders it
      const report = await lighthouse(base + pagePath);
      rows.push([name, ...CATEGORIES.map((key) => Math.round((report.categories[key].score ?? 0) * 100))]);
      timingRows.push([name, ...timings(report)]);
      for (const audit of Object.values(report.audits)) {
        const scored = audit.scoreDisplayMode === "binary" || audit.scoreDisplayMode === "numeric";
        if (scored && audit.score !== null && audit.score < 0.9) failing.push(`${name}: ${audit.title}`);
      }
    }
    console.log("\nLighthouse 12.2.3, mobile preset (scores out of 100)\n");
    printTable(["page", ...CATEGORIES], rows);
    console.log(
      "\nSimulated mobile timings (ms), the first paint as observed (unthrottled, ms), script loaded at start (KB transferred), script evaluation (ms)\n",
    );
    printTable(
      ["page", "TBT", "LCP", "FCP", "observed FCP", "TTI", "JS KB", "script eval", "benchmarkIndex"],
      timingRows,
    );
    if (failing.length > 0) console.log(`\nAudits below 90:\n${failing.map((line) => `- ${line}`).join("\n")}`);
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
