// The embedded PostgreSQL's secrets and permissions, on real clusters in temporary directories: a
// generated superuser password in a 0600 file (the old default refused), private directories, data
// directories made with the old default password migrated on first start, and secret files whose mode
// was loosened put back to 0600 at the next start.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { passwordFileFor, socketDirFor } from "@/lib/ops/embedded-postgres-paths";
import { ensurePrivateDir, readOrCreateSecretFile } from "@/lib/ops/secret-file";
import { freePort } from "../helpers/ports";

let root: string;
const isRoot = userInfo().uid === 0;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "embedded-pg-secrets-"));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const mode = (file: string) => statSync(file).mode & 0o777;

/** Connects over TCP (127.0.0.1) as the superuser: the way the old default password would be tried. */
async function connectsWith(port: number, password: string): Promise<true | string> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  try {
    await client.connect();
    return true;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

describe("the embedded PostgreSQL", () => {
  it("gets a generated superuser password, kept in a 0600 file, in private directories", async () => {
    const dataDir = path.join(root, "fresh", "postgres");
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dataDir, port });
    try {
      const file = passwordFileFor(dataDir);
      expect(file).toBe(path.join(root, "fresh", "postgres-password"));
      const password = readFileSync(file, "utf8").trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(mode(file)).toBe(0o600);
      expect(new URL(server.serverUrl).password).toBe(password);

      expect(await connectsWith(port, password)).toBe(true);
      expect(await connectsWith(port, "postgres")).toBe("28P01"); // the old default: password authentication failed

      expect(mode(socketDirFor(dataDir))).toBe(0o700);
      const parent = statSync(path.join(root, "fresh"));
      if (isRoot) {
        // PostgreSQL runs as the postgres OS user, who may only traverse the parent (group postgres, --x).
        const postgresGid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
        expect(parent.mode & 0o777).toBe(0o710);
        expect(parent.gid).toBe(postgresGid);
      } else {
        expect(parent.mode & 0o777).toBe(0o700);
      }
      // The handle's URLs work (through the socket), and a database can be made and used.
      await server.ensureDatabase("secrets_check");
      const client = new pg.Client({ connectionString: server.databaseUrl("secrets_check") });
      await client.connect();
      expect((await client.query("SELECT current_user AS user")).rows[0]).toEqual({ user: "postgres" });
      await client.end();
    } finally {
      await server.stop();
    }
  });

  it("moves a data directory made with the old default password to a generated one, keeping its data", async () => {
    const dataDir = path.join(root, "legacy", "postgres");
    const port = await freePort();
    // A data directory as the previous code left it: superuser password "postgres", no password file.
    const first = await startEmbeddedPostgres({ dataDir, port });
    const setup = new pg.Client({ connectionString: first.serverUrl });
    await setup.connect();
    await setup.query("CREATE TABLE kept (note text)");
    await setup.query("INSERT INTO kept VALUES ('still here')");
    await setup.query("ALTER USER postgres PASSWORD 'postgres'");
    await setup.end();
    await first.stop();
    unlinkSync(passwordFileFor(dataDir));

    const server = await startEmbeddedPostgres({ dataDir, port });
    try {
      const password = readFileSync(passwordFileFor(dataDir), "utf8").trim();
      expect(password).not.toBe("postgres");
      expect(await connectsWith(port, password)).toBe(true);
      expect(await connectsWith(port, "postgres")).toBe("28P01");
      const client = new pg.Client({ connectionString: server.serverUrl });
      await client.connect();
      expect((await client.query("SELECT note FROM kept")).rows).toEqual([{ note: "still here" }]);
      await client.end();
    } finally {
      await server.stop();
    }
  });

  it("puts a password file that others could read back to 0600 at the next start, and still starts", async () => {
    const dataDir = path.join(root, "loose", "postgres");
    const port = await freePort();
    await (await startEmbeddedPostgres({ dataDir, port })).stop();
    chmodSync(passwordFileFor(dataDir), 0o644);
    chmodSync(path.join(root, "loose"), 0o755);
    const server = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(mode(passwordFileFor(dataDir))).toBe(0o600);
      expect(mode(path.join(root, "loose")) & 0o067).toBe(0);
      expect(await connectsWith(port, readFileSync(passwordFileFor(dataDir), "utf8").trim())).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it("refuses to take over a shared directory such as /tmp as its parent", async () => {
    await expect(startEmbeddedPostgres({ dataDir: path.join(tmpdir(), "pg-in-tmp"), port: 1 })).rejects.toThrow(
      "is a shared directory",
    );
  });
});

describe("secret files", () => {
  it("are created 0600 once, then read; a loosened one is fixed with a warning", () => {
    const dir = path.join(root, "secrets");
    ensurePrivateDir(dir);
    expect(mode(dir)).toBe(0o700);
    const file = path.join(dir, "auth-secret");
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    const secret = readOrCreateSecretFile(file, () => "first-secret", warn);
    expect(secret).toBe("first-secret");
    expect(mode(file)).toBe(0o600);
    expect(readOrCreateSecretFile(file, () => "second-secret", warn)).toBe("first-secret");
    expect(warnings).toEqual([]);

    chmodSync(file, 0o644);
    expect(readOrCreateSecretFile(file, () => "third-secret", warn)).toBe("first-secret");
    expect(mode(file)).toBe(0o600);
    expect(warnings).toEqual([
      `${file} was readable by other users (mode 0644); set it to 0600. If someone else may have read it, delete it to have a new secret made.`,
    ]);

    writeFileSync(file, "\n");
    expect(() => readOrCreateSecretFile(file, () => "x", warn)).toThrow("is empty");
  });

  it("live in a data directory that group and others cannot open", () => {
    const dir = path.join(root, "data-dir");
    ensurePrivateDir(dir);
    chmodSync(dir, 0o755);
    const warnings: string[] = [];
    ensurePrivateDir(dir, (message) => warnings.push(message));
    expect(mode(dir)).toBe(0o700);
    expect(warnings).toEqual([`${dir} was open to other users (mode 0755); set it to 0700.`]);
  });
});
