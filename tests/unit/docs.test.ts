// The documentation agrees with the code: every environment variable the code reads is in
// docs/configuration.md (and every variable documented there or in .env.example is one the code reads);
// every link and every repository path in README.md and docs/*.md points at something that exists; the
// README stays an entrance (12 KB at most).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();
const readText = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** Where the code that runs the store, its tests and its benchmarks reads its settings. */
const SOURCE_ROOTS = [
  "lib",
  "app",
  "components",
  "scripts",
  "bench",
  "tests/helpers",
  "tests/instances",
  "e2e/support",
];
const SOURCE_FILES = ["proxy.ts", "next.config.ts", "playwright.config.ts", "vitest.config.ts"];
const SKIP_DIRS = new Set(["node_modules", "generated"]);

/**
 * Read by the code but not settings of the store, so not in docs/configuration.md:
 * - NODE_ENV: set by scripts/web-server.ts for Next.js (production, or development with --dev), as
 *   `next start` / `next dev` set it; lib/cart/cookies.ts reads it to mark the cart cookie secure;
 * - NEXT_TELEMETRY_DISABLED: Next.js's own switch, set to 1 by scripts/start.ts and scripts/web-server.ts;
 * - PATH, HOME: handed on to child processes (e2e/support/own-server.ts);
 * - NEXT_PHASE: set by Next.js itself (lib/cache/from-env.ts keeps Redis out of `next build`).
 */
const NOT_SETTINGS = new Set(["NODE_ENV", "NEXT_TELEMETRY_DISABLED", "PATH", "HOME", "NEXT_PHASE"]);

function sourceFiles(): string[] {
  const files: string[] = [];
  const visit = (relative: string) => {
    const absolute = path.join(ROOT, relative);
    if (!existsSync(absolute)) return;
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute)) if (!SKIP_DIRS.has(entry)) visit(path.join(relative, entry));
    } else if (/\.(ts|tsx|mjs|js)$/.test(relative)) {
      files.push(relative);
    }
  };
  SOURCE_ROOTS.forEach(visit);
  for (const entry of readdirSync(ROOT)) if (/^instrumentation.*\.ts$/.test(entry)) visit(entry);
  SOURCE_FILES.forEach(visit);
  return files;
}

const NAME = "([A-Z][A-Z0-9_]*)";
/**
 * The ways the code reads a variable: `process.env.X` / `process.env["X"]`; `env.X` where a function takes
 * the environment as `env` (defaulting to process.env); `wholeNumberSetting(env, "X", ...)`; a zod schema
 * of the environment (`X: z....`).
 */
const READS = [
  new RegExp(String.raw`\bprocess\.env(?:\?)?\.${NAME}\b`, "g"),
  new RegExp(String.raw`\bprocess\.env\[\s*["']${NAME}["']\s*\]`, "g"),
  new RegExp(String.raw`\benv(?:\?)?\.${NAME}\b`, "g"),
  new RegExp(String.raw`\benv\[\s*["']${NAME}["']\s*\]`, "g"),
  new RegExp(String.raw`\(\s*env\s*,\s*["']${NAME}["']`, "g"),
  new RegExp(String.raw`^\s*${NAME}\s*:\s*z\.`, "gm"),
];

function variablesReadByCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles()) {
    const text = readText(file);
    for (const pattern of READS)
      for (const match of text.matchAll(pattern)) if (!found.has(match[1]!)) found.set(match[1]!, file);
  }
  return found;
}

/** Variables named in the first column of docs/configuration.md's tables. */
function variablesInConfigurationTables(): Set<string> {
  const names = new Set<string>();
  for (const line of readText("docs/configuration.md").split("\n")) {
    const firstCell = /^\|([^|]*)\|/.exec(line)?.[1];
    if (!firstCell) continue;
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(match[1]!);
  }
  return names;
}

/** Variables .env.example sets or shows commented out (`# NAME=...`). */
function variablesInEnvExample(): Set<string> {
  const names = new Set<string>();
  for (const match of readText(".env.example").matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)) names.add(match[1]!);
  return names;
}

const DOCS = ["README.md", ...readdirSync(path.join(ROOT, "docs")).map((file) => `docs/${file}`)].filter((file) =>
  file.endsWith(".md"),
);

/** Markdown without its fenced code blocks (a layout sketch or a code sample is not a claim about files). */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
}

/** GitHub's anchor for a heading (github-slugger): lower case, punctuation dropped, each space a hyphen. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
    .replace(/ /g, "-");
}

function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of prose(readText(file)).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(match[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Relative link targets, as written: `[text](target)` and `[text](<target with (parentheses)>)`. */
function linksOf(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of prose(markdown).matchAll(/\]\(\s*(?:<([^>]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)) {
    const target = match[1] ?? match[2]!;
    if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) targets.push(target);
  }
  return targets;
}

const REPO_DIRS = ["app", "lib", "components", "tests", "e2e", "bench", "scripts", "prisma", "docs", "public", ".ci"];
const ROOT_FILE =
  /^(\.env\.example|proxy\.ts|instrumentation[\w-]*\.ts|[\w-]+\.config\.(ts|mjs)|package(-lock)?\.json|tsconfig\.json)$/;

/** Inline code that names a file or folder of the repository (placeholders and globs are not paths). */
function repoPathsOf(markdown: string): string[] {
  const paths: string[] = [];
  for (const match of prose(markdown).matchAll(/`([^`\n]+)`/g)) {
    const text = match[1]!.trim().replace(/\/$/, "");
    if (/[\s<>*{}$]/.test(text)) continue;
    const top = text.split("/")[0]!;
    if ((text.includes("/") && REPO_DIRS.includes(top)) || ROOT_FILE.test(text)) paths.push(text);
  }
  return paths;
}

describe("docs/configuration.md and .env.example", () => {
  const readByCode = variablesReadByCode();
  const documented = variablesInConfigurationTables();

  it("list every variable the code reads", () => {
    const missing = [...readByCode]
      .filter(([name]) => !NOT_SETTINGS.has(name) && !documented.has(name))
      .map(([name, file]) => `${name} (read in ${file})`);
    expect(missing).toEqual([]);
  });

  it("document only variables the code reads", () => {
    const phantom = [...documented, ...variablesInEnvExample()].filter((name) => !readByCode.has(name));
    expect([...new Set(phantom)]).toEqual([]);
  });

  it("every variable in .env.example is explained in README.md or docs/configuration.md", () => {
    const readme = readText("README.md");
    const missing = [...variablesInEnvExample()].filter((name) => !documented.has(name) && !readme.includes(name));
    expect(missing).toEqual([]);
  });
});

describe("README.md and docs/*.md", () => {
  it.each(DOCS)("%s: every relative link points at a file, and at a heading of it when it names one", (file) => {
    const broken: string[] = [];
    for (const target of linksOf(readText(file))) {
      const [pathPart, anchor] = target.split("#") as [string, string | undefined];
      const resolved = pathPart ? path.join(path.dirname(file), decodeURI(pathPart)) : file;
      if (!existsSync(path.join(ROOT, resolved))) {
        broken.push(`${target}: no ${resolved}`);
      } else if (anchor && resolved.endsWith(".md") && !anchorsOf(resolved).has(anchor)) {
        broken.push(`${target}: no heading #${anchor} in ${resolved}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(DOCS)("%s: every repository path in inline code exists", (file) => {
    const missing = repoPathsOf(readText(file)).filter((repoPath) => !existsSync(path.join(ROOT, repoPath)));
    expect(missing).toEqual([]);
  });

  it("README.md stays an entrance: at most 12 KB", () => {
    expect(Buffer.byteLength(readText("README.md"))).toBeLessThanOrEqual(12 * 1024);
  });

  it("docs/README.md lists every page of docs/", () => {
    const index = readText("docs/README.md");
    const pages = readdirSync(path.join(ROOT, "docs")).filter((page) => page.endsWith(".md") && page !== "README.md");
    expect(pages.filter((page) => !index.includes(`](${page})`))).toEqual([]);
  });
});
