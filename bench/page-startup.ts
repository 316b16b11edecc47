// npx tsx bench/page-startup.ts [loads]: what the browser's main thread spends starting the home page, a
// category and a product page, figures less noisy than Lighthouse's score. Each load is a fresh browser
// context (empty cache) in Chromium at 4x CPU throttling, Lighthouse's mobile factor, and the pages take
// turns load by load. Per page, the median and range over the loads of Chromium's own counters
// (Performance.getMetrics in thread time: the main thread's CPU, its tasks, script execution and
// compilation), the blocking time of its long tasks (each one's part over 50 ms, until 3 s after load),
// and the scripts it loads: how many, KB transferred and KB uncompressed. BENCH_PROFILE=1 also takes a
// CPU profile of each load and prints the self time per script file and the top functions. Against
// BENCH_URL, or the store bench/store.ts starts. Figures, not a test: docs/benchmarks.md.
import { chromium, type Browser, type CDPSession } from "@playwright/test";
import { printTable } from "./lib";
import { benchStore, samplePages } from "./store";

const THROTTLING = 4;

interface Load {
  threadMs: number;
  taskMs: number;
  scriptMs: number;
  compileMs: number;
  blockingMs: number;
  scripts: number;
  transferKb: number;
  decodedKb: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per script file and the functions with the most, in ms per load (BENCH_PROFILE=1). */
function printProfiles(name: string, profiles: CpuProfile[], top = 8) {
  const files = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    profile.samples.forEach((id, index) => {
      const frame = byId.get(id)!;
      const ms = (profile.timeDeltas[index] ?? 0) / 1000 / profiles.length;
      const file = frame.url ? frame.url.replace(/^.*\/_next\/static\//, "") : frame.functionName;
      if (file === "(idle)") return;
      files.set(file, (files.get(file) ?? 0) + ms);
      const fn = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
      functions.set(fn, (functions.get(fn) ?? 0) + ms);
    });
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => [Math.round(ms), key]);
  console.log(`\n${name}: CPU profile self time, ms per load (${profiles.length} loads), by file`);
  printTable(["ms", "file"], rows(files));
  console.log("by function");
  printTable(["ms", "function"], rows(functions));
}

async function metrics(session: CDPSession): Promise<Map<string, number>> {
  const { metrics: list } = await session.send("Performance.getMetrics");
  return new Map(list.map((metric) => [metric.name, metric.value]));
}

async function loadOnce(browser: Browser, url: string, profiles?: CpuProfile[]): Promise<Load> {
  // A phone-sized viewport, as Lighthouse's mobile preset; an empty cache in every new context.
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __blocking: number };
      w.__blocking = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__blocking += Math.max(0, entry.duration - 50);
      }).observe({ type: "longtask", buffered: true });
    });
    const session = await context.newCDPSession(page);
    await session.send("Performance.enable", { timeDomain: "threadTicks" });
    await session.send("Emulation.setCPUThrottlingRate", { rate: THROTTLING });
    if (profiles) {
      await session.send("Profiler.enable");
      await session.send("Profiler.start");
    }
    const before = await metrics(session);
    await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    await page.waitForTimeout(3_000);
    const after = await metrics(session);
    if (profiles) {
      const { profile } = (await session.send("Profiler.stop")) as { profile: CpuProfile };
      profiles.push(profile);
    }
    const delta = (name: string) => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000;
    const resources = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((entry) => entry as PerformanceResourceTiming)
        .filter((entry) => entry.initiatorType === "script" || /\.js(\?|$)/.test(entry.name))
        .map((entry) => [entry.transferSize, entry.decodedBodySize]),
    );
    const blockingMs = await page.evaluate(() => (window as unknown as { __blocking: number }).__blocking);
    await session.detach();
    return {
      threadMs: delta("ThreadTime"),
      taskMs: delta("TaskDuration"),
      scriptMs: delta("ScriptDuration"),
      compileMs: delta("V8CompileDuration"),
      blockingMs,
      scripts: resources.length,
      transferKb: resources.reduce((sum, [transfer]) => sum + transfer!, 0) / 1024,
      decodedKb: resources.reduce((sum, [, decoded]) => sum + decoded!, 0) / 1024,
    };
  } finally {
    await context.close();
  }
}

function summary(values: number[], digits = 0): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const fixed = (value: number) => value.toFixed(digits);
  return sorted.length === 1 ? fixed(median) : `${fixed(median)} (${fixed(sorted[0]!)}–${fixed(sorted.at(-1)!)})`;
}

async function main() {
  const loads = Number(process.argv[2] ?? 5);
  const { base, stop } = await benchStore();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const { category, product } = await samplePages(base);
    const pages = [
      ["home", "/"],
      [category, category],
      [product, product],
    ] as const;
    const rows: (string | number)[][] = [];
    for (const [, pagePath] of pages) await fetch(base + pagePath); // render what was not prerendered
    const results = new Map<string, Load[]>(pages.map(([name]) => [name, []]));
    const profiled = process.env.BENCH_PROFILE === "1";
    const profiles = new Map<string, CpuProfile[]>(pages.map(([name]) => [name, []]));
    // Pages alternate load by load, so a burst of load elsewhere on the machine touches every page alike.
    for (let round = 0; round < loads; round++) {
      for (const [name, pagePath] of pages)
        results.get(name)!.push(await loadOnce(browser, base + pagePath, profiled ? profiles.get(name) : undefined));
    }
    for (const [name] of pages) {
      const list = results.get(name)!;
      const column = (key: keyof Load, digits = 0) =>
        summary(
          list.map((load) => load[key]),
          digits,
        );
      rows.push([
        name,
        column("threadMs"),
        column("taskMs"),
        column("scriptMs"),
        column("compileMs"),
        column("blockingMs"),
        column("scripts"),
        column("transferKb", 1),
        column("decodedKb", 1),
      ]);
    }
    console.log(`\nMain thread per page load at ${THROTTLING}x CPU, ${loads} loads: median (range)\n`);
    printTable(
      ["page", "CPU ms", "tasks ms", "script ms", "compile ms", "blocking ms", "scripts", "JS KB sent", "JS KB"],
      rows,
    );
    if (profiled) for (const [name] of pages) printProfiles(name, profiles.get(name)!);
  } finally {
    await browser.close();
    await stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
