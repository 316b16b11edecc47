// A real Redis for one test file, behind the Upstash REST API: redis-server (apt package, Redis 7) on a
// free port with no persistence and its own temp dir, and @humanwhocodes/upstash-redis-server (the REST
// bridge, run from its bin with node) on another free port with a random token. @upstash/redis then talks
// to it exactly as to Upstash.
//
// Without redis-server the suites are skipped with a message saying so, except under CI (any CI value but
// "", "0" or "false": tests/helpers/ci.ts), where that is a failure (.ci/run installs it). A server that is present but fails to start always fails the suite.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { missingPart } from "./ci";
import { freePort } from "./ports";

export interface TestRedis {
  /** UPSTASH_REDIS_REST_URL of the bridge. */
  restUrl: string;
  /** UPSTASH_REDIS_REST_TOKEN of the bridge. */
  token: string;
  /** redis://127.0.0.1:<port> of redis-server itself. */
  redisUrl: string;
  /** Stops redis-server only (the bridge stays up and its calls fail): the outage tests. */
  stopRedis(): Promise<void>;
  /** Starts redis-server again on the same port (empty: nothing is persisted). */
  startRedis(): Promise<void>;
  /** Stops both and removes the temp dir (afterAll). */
  stop(): Promise<void>;
}

export function redisServerBinary(): string | undefined {
  const fromEnv = process.env.REDIS_SERVER_BIN;
  if (fromEnv) return fromEnv;
  if (existsSync("/usr/bin/redis-server")) return "/usr/bin/redis-server";
  const which = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  const found = which.stdout.trim();
  return which.status === 0 && found ? found : undefined;
}

/** Whether Redis suites can run here; throws under CI when they cannot. */
export function redisAvailable(): boolean {
  if (redisServerBinary()) return true;
  return missingPart("Redis tests need redis-server (apt-get install redis-server, or REDIS_SERVER_BIN)");
}

/** The bridge's bin. Its package exports only an "import" condition, so require.resolve cannot find it. */
function bridgeBin(): string {
  const lookup = createRequire(import.meta.url).resolve.paths("@humanwhocodes/upstash-redis-server") ?? [];
  for (const dir of lookup) {
    const packageDir = path.join(dir, "@humanwhocodes", "upstash-redis-server");
    const manifest = path.join(packageDir, "package.json");
    if (!existsSync(manifest)) continue;
    const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin?: Record<string, string> };
    const relative = bin?.["upstash-redis-server"];
    if (relative) return path.join(packageDir, relative);
  }
  throw new Error("@humanwhocodes/upstash-redis-server is not installed (a devDependency: run npm install)");
}

/** Keeps the last lines a child printed (and a spawn error), for the error when it fails to start. */
function captureOutput(child: ChildProcess): () => string {
  let output = "";
  const append = (chunk: Buffer | string) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  // Without a listener, a failed spawn (ENOENT, EACCES) would be an uncaught exception.
  child.on("error", (error) => append(`\n[spawn error] ${error.message}`));
  return () => output;
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  child: ChildProcess,
  output: () => string,
  // Only stops a hang: checks run every 50 ms, and a process starting on a loaded 2-core machine has taken
  // several seconds.
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || output().includes("[spawn error]")) {
      throw new Error(`${what} did not start (exit code ${child.exitCode}):\n${output()}`);
    }
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms:\n${output()}`);
}

/** PING over RESP, without a client library. */
function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let reply = "";
    socket.setTimeout(1_000, () => socket.destroy());
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) {
        socket.end();
        resolve(reply.startsWith("+PONG"));
      }
    });
    socket.on("error", () => resolve(false));
    socket.on("close", () => resolve(reply.startsWith("+PONG")));
  });
}

// Children still running when this process exits (a crashed worker, a script that threw) are killed,
// so no redis-server outlives its test run.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Ports are free ones unless given (a harness that must stay inside a port range). */
export async function startTestRedis(ports: { redis?: number; rest?: number } = {}): Promise<TestRedis> {
  const binary = redisServerBinary();
  if (!binary) throw new Error("redis-server not found (see redisAvailable())");
  const dir = mkdtempSync(path.join(os.tmpdir(), "storefront-redis-"));
  const redisPort = ports.redis ?? (await freePort());
  const restPort = ports.rest ?? (await freePort());
  const token = randomBytes(24).toString("base64url");
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const restUrl = `http://127.0.0.1:${restPort}`;

  let redis: ChildProcess | undefined;
  let bridge: ChildProcess | undefined;

  async function startRedis() {
    const child = track(
      spawn(
        binary!,
        [
          "--port",
          String(redisPort),
          "--bind",
          "127.0.0.1",
          "--save",
          "",
          "--appendonly",
          "no",
          "--dir",
          dir,
          "--daemonize",
          "no",
          "--loglevel",
          "warning",
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      ),
    );
    redis = child;
    const output = captureOutput(child);
    await waitFor("redis-server", () => redisPing(redisPort), child, output);
  }

  async function startBridge() {
    const child = track(
      spawn(process.execPath, [bridgeBin()], {
        env: { ...process.env, URS_TOKEN: token, PORT: String(restPort), REDIS_URL: redisUrl },
        stdio: ["ignore", "pipe", "pipe"],
      }),
    );
    bridge = child;
    const output = captureOutput(child);
    await waitFor(
      "upstash-redis-server",
      async () => {
        const response = await fetch(restUrl, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(["PING"]),
          signal: AbortSignal.timeout(1_000),
        });
        return response.ok && ((await response.json()) as { result?: unknown }).result === "PONG";
      },
      child,
      output,
    );
  }

  try {
    await startRedis();
    await startBridge();
  } catch (error) {
    await stopChild(bridge);
    await stopChild(redis);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    restUrl,
    token,
    redisUrl,
    stopRedis: () => stopChild(redis),
    startRedis,
    async stop() {
      await stopChild(bridge);
      await stopChild(redis);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
