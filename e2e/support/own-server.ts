// A second web server (scripts/web-server.ts) on the e2e store's production build and database, with
// settings of its own and its output captured: for the checks the shared store cannot show, such as
// TRUSTED_PROXY_HOPS=0 (the default) while the shared store trusts the tests as its proxy, or which
// requests make the server log an error. console.error calls are tagged (e2e/support/tag-console-errors.ts)
// so they can be told apart from warnings, which share stderr.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { e2eDataDir, e2eDatabaseUrl } from "./store";

export const ERROR_TAG = "[console.error]";

export interface OwnServer {
  baseURL: string;
  /** Everything the server printed so far. */
  output(): string;
  /** The console.error calls so far, each with what it printed. */
  errors(): string[];
  /** Sends a signal (the server keeps running until it exits by itself). */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Resolves with the exit code once the process has exited. */
  exitCode(): Promise<number | null>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * The e2e store's Meilisearch and the search-only key its web server uses (npm start hands the web server
 * that key, never the master key), so this server searches like the store's own.
 */
async function searchSettings(dataDir: string): Promise<Record<string, string>> {
  const host = `http://127.0.0.1:${process.env.E2E_MEILI_PORT ?? 7731}`;
  const masterKey = readFileSync(path.join(dataDir, "meili-master-key"), "utf8").trim();
  const response = await fetch(`${host}/keys`, { headers: { Authorization: `Bearer ${masterKey}` } });
  const { results } = (await response.json()) as { results: { name: string | null; key: string }[] };
  const searchKey = results.find((key) => key.name === "Default Search API Key")?.key;
  if (!searchKey) throw new Error("The e2e store's Meilisearch has no default search key");
  return { MEILI_HOST: host, MEILI_SEARCH_KEY: searchKey };
}

export async function startOwnServer(env: Record<string, string> = {}): Promise<OwnServer> {
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const dataDir = e2eDataDir();
  const search = await searchSettings(dataDir);
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./e2e/support/tag-console-errors.ts", "scripts/web-server.ts"],
    {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        PORT: String(port),
        SITE_URL: baseURL,
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim(),
        DATABASE_URL: e2eDatabaseUrl(),
        DATA_DIR: dataDir,
        NEXT_TELEMETRY_DISABLED: "1",
        // The same mode as the store it shares a database with (playwright.config.ts: a demo store).
        STORE_MODE: "demo",
        ...search,
        ...env,
      },
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The web server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`The web server did not start within 2 minutes:\n${output}`);
    try {
      if ((await fetch(`${baseURL}/robots.txt`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseURL,
    output: () => output,
    errors: () => output.split(ERROR_TAG).slice(1),
    async kill(signal) {
      child.kill(signal);
    },
    exitCode: () => exited,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
