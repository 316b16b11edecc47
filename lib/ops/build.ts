// The production build and when it can be reused: `next build` runs when anything it depends on changed
// since the last one (sources, configuration inlined at build time, and the database: prerendered pages
// hold catalog data, so a build for another database is stale). Used by `npm start` and the multi-instance
// test harness; `npm run build` is the plain `next build` for deployments.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient } from "@/lib/db";

// next.config.ts keeps Next's default build directory; the build stamp lives beside its BUILD_ID.
export const DIST_DIR = ".next";

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Hash of everything a production build depends on, so an unchanged checkout skips `next build`. */
export function sourceHash(databaseUrl: string, databaseIdentity: string, env: NodeJS.ProcessEnv): string {
  const hash = createHash("sha256");
  const roots = [
    "app",
    "components",
    "lib",
    "public",
    "prisma/schema.prisma",
    "next.config.ts",
    "proxy.ts",
    "package-lock.json",
    "postcss.config.mjs",
    "tsconfig.json",
  ];
  const skip = new Set(["generated", "node_modules"]);
  const visit = (target: string) => {
    if (!existsSync(target)) return;
    const stats = statSync(target);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(target).sort()) if (!skip.has(entry)) visit(path.join(target, entry));
    } else {
      hash.update(target).update(readFileSync(target));
    }
  };
  roots.forEach(visit);
  // Prerendered pages hold catalog data read at build time: a build for another database is stale.
  // Which database, not its password: the embedded one's is generated per data directory, and a new
  // password alone must not force a rebuild.
  hash.update(`DATABASE_URL=${withoutPassword(databaseUrl)}`);
  // A database recreated at the same URL (a new data directory, a reseed: new ids) is another database.
  hash.update(`DATABASE=${databaseIdentity}`);
  // Values inlined at build time, and whether the cache is shared (next.config.ts's cacheHandlers).
  for (const [key, value] of Object.entries(env).sort()) {
    if (key.startsWith("NEXT_PUBLIC_") || key === "SITE_URL" || key === "STORE_NAME") hash.update(`${key}=${value}`);
  }
  hash.update(`SHARED_CACHE=${Boolean(env.UPSTASH_REDIS_REST_URL?.trim() && env.UPSTASH_REDIS_REST_TOKEN?.trim())}`);
  return hash.digest("hex");
}

/**
 * Which database this is, beyond its URL: the cluster's system identifier (new at every initdb) and the
 * database's oid (new when it is dropped and created again). Empty where the server does not say.
 */
export async function databaseIdentity(url: string): Promise<string> {
  const db = createPrismaClient(url, { max: 1 });
  try {
    const [row] = await db.$queryRaw<{ cluster: string | null; database: string | null }[]>`
      SELECT (SELECT system_identifier::text FROM pg_control_system()) AS cluster,
             (SELECT oid::text FROM pg_database WHERE datname = current_database()) AS database`;
    return `${row?.cluster ?? ""}/${row?.database ?? ""}`;
  } catch {
    return "";
  } finally {
    await db.$disconnect();
  }
}

const nextBin = () => path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/** Runs `next build` unless the last build was made from the same sources for the same database. */
export async function ensureBuild(
  databaseUrl: string,
  env: NodeJS.ProcessEnv,
  options: { log?: (line: string) => void; stdio?: "inherit" | "ignore" } = {},
): Promise<"reused" | "built"> {
  const log = options.log ?? (() => {});
  const stampFile = path.join(DIST_DIR, "SOURCE_HASH");
  const hash = sourceHash(databaseUrl, await databaseIdentity(databaseUrl), env);
  const built =
    existsSync(path.join(DIST_DIR, "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash;
  if (built) {
    log("Production build is up to date");
    return "reused";
  }
  log("Building the store (next build; first run takes a minute or two)");
  const child = spawn(process.execPath, [nextBin(), "build"], { stdio: options.stdio ?? "inherit", env });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000)));
  child.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000)));
  const code = await new Promise<number>((resolve) =>
    child.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))),
  );
  if (code !== 0) throw new Error(`next build failed with exit code ${code}${output ? `:\n${output}` : ""}`);
  writeFileSync(stampFile, hash);
  return "built";
}

/** Whether a production build is there to serve (npm run start:web does not build). */
export function hasBuild(): boolean {
  return existsSync(path.join(DIST_DIR, "BUILD_ID"));
}
