// Rate limits through the running app with Redis configured, the way a multi-instance deployment runs
// them: a second web server (scripts/web-server.ts) on the same production build and database, with UPSTASH_REDIS_REST_URL and
// _TOKEN pointing at a real Redis 7 behind the Upstash REST bridge (tests/helpers/redis.ts). The search
// suggestions endpoint (120 a minute per client) answers 429 with Retry-After on the 121st request, the
// counts are in Redis under the configured prefix, and emptying Redis lets the client in again: the limit
// lives in Redis, not in the server's memory. Without redis-server this spec is skipped with the reason,
// except under CI, where that fails the run (.ci/run installs it).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { freePort } from "../tests/helpers/ports";
import { redisAvailable, startTestRedis, type TestRedis } from "../tests/helpers/redis";
import { uniqueClientIp } from "./support/auth";
import { e2eDatabaseUrl } from "./support/store";

const available = redisAvailable();

const LIMIT = 120; // lib/rate-limit/policies.ts searchSuggest.ip

test.describe("rate limits in Redis, through a running store", () => {
  test.skip(!available, "redis-server is not installed (apt-get install redis-server); this fails under CI");
  test.describe.configure({ mode: "serial" });

  let redis: TestRedis;
  let server: ChildProcess | undefined;
  let client: APIRequestContext;
  let output = "";
  const prefix = `e2e:${randomBytes(4).toString("hex")}:`;

  /** A command through the Upstash REST bridge, as @upstash/redis sends it. */
  async function redisCommand(command: (string | number)[]): Promise<unknown> {
    const response = await fetch(redis.restUrl, {
      method: "POST",
      headers: { authorization: `Bearer ${redis.token}`, "content-type": "application/json" },
      body: JSON.stringify(command),
    });
    return ((await response.json()) as { result: unknown }).result;
  }

  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(120_000);
    redis = await startTestRedis();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), "scripts", "web-server.ts")], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        // The tests act as the one proxy in front of it (each client gets its own X-Forwarded-For).
        TRUSTED_PROXY_HOPS: "1",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: e2eDatabaseUrl(),
        SITE_URL: baseURL,
        NEXTAUTH_URL: origin,
        NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
        UPSTASH_REDIS_REST_URL: redis.restUrl,
        UPSTASH_REDIS_REST_TOKEN: redis.token,
        RATE_LIMIT_PREFIX: prefix,
        // Search answers from PostgreSQL here; only the limit is under test.
        MEILI_HOST: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
    server.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
    client = await playwrightRequest.newContext({
      baseURL: origin,
      extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() },
    });
    // Up when it serves a static route (never a rate-limited one: every request there is counted).
    await expect(async () => {
      expect(server!.exitCode, output).toBeNull();
      expect((await client.get("/robots.txt")).status()).toBe(200);
    }).toPass({ timeout: 90_000, intervals: [250, 500, 1_000] });
  });

  test.afterAll(async () => {
    await client?.dispose();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await redis?.stop();
  });

  test("the 121st suggestion request in a minute is refused, the count is in Redis, and emptying Redis resets it", async () => {
    const suggest = () => client.get("/api/search/suggest?q=tee");
    // A cold server can be slow to answer its first requests, and a limit call that misses its 1 s deadline
    // fails open (lib/rate-limit/failure-policy.ts): warm it up, then start from an empty Redis.
    for (let i = 0; i < 5; i += 1) expect((await suggest()).status()).toBe(200);
    expect(await redisCommand(["FLUSHDB"])).toBe("OK");

    // In small batches, well inside the one-minute window.
    const statuses: number[] = [];
    for (let sent = 0; sent < LIMIT; sent += 5) {
      statuses.push(...(await Promise.all(Array.from({ length: 5 }, suggest))).map((response) => response.status()));
    }
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    // Every one of them was counted in Redis (none failed open).
    expect(output, "the server reported a rate-limit store failure").not.toMatch(/rate.?limit/i);

    const refused = await suggest();
    expect(refused.status()).toBe(429);
    const retryAfter = Number(refused.headers()["retry-after"]);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(await refused.json()).toMatchObject({ retryAfterSeconds: retryAfter });

    // The window is a key of this store's prefix in Redis, holding this client's attempts.
    const keys = (await redisCommand(["KEYS", `${prefix}*`])) as string[];
    expect(keys).toEqual([expect.stringMatching(new RegExp(`^${prefix}searchSuggest:ip:`))]);
    expect(await redisCommand(["ZCARD", keys[0]!])).toBe(LIMIT);

    // Redis forgets: the same server lets the client in again at once, so the count was never in its memory.
    expect(await redisCommand(["FLUSHDB"])).toBe("OK");
    expect((await suggest()).status()).toBe(200);
  });
});
