// npx tsx bench/cpu-profile.ts <file.cpuprofile> [top]: where a V8 CPU profile's time went. Prints the
// share of idle, garbage collection and program time, then the functions with the most self time (time
// spent in the function itself, not in what it calls), with their file, and the same grouped by package
// (node_modules/<name>, Node internals, the app's own code). bench/pages.ts writes such a profile of the
// web server with BENCH_CPU_PROFILE_DIR.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: npx tsx bench/cpu-profile.ts <file.cpuprofile> [top]");
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
});
const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);

function packageOf(url: string): string {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return "node internals";
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  if (url.includes("/.next/")) return "app (.next build)";
  return "app";
}

function shortUrl(url: string): string {
  const index = url.lastIndexOf("node_modules/");
  if (index >= 0) return url.slice(index + "node_modules/".length);
  return url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
}

const functions = new Map<string, number>();
const packages = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id)!;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || "(anonymous)"}  ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ""}`;
  functions.set(key, (functions.get(key) ?? 0) + ms);
  const group = ["(idle)", "(garbage collector)", "(program)"].includes(functionName) ? functionName : packageOf(url);
  packages.set(group, (packages.get(group) ?? 0) + ms);
}

const percent = (ms: number) => `${((ms / total) * 100).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(total / 1000).toFixed(1)} s sampled\n`);
console.log("By package (self time):");
for (const [name, ms] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`${percent(ms)}  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
}
console.log(`\nTop ${top} functions (self time):`);
for (const [name, ms] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${percent(ms)}  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
}
