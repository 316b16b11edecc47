// Readiness checks (lib/ops/health.ts) against real parts: a database that answers and one that does not
// (a closed port), a Meilisearch that answers and one that does not, Redis behind the REST bridge up and
// stopped. Each failure is reported by name with a reason; the others keep their own state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { checkReadiness, databaseProbe, redisProbe, searchProbe } from "@/lib/ops/health";
import { createUpstashRedis } from "@/lib/rate-limit/upstash";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startTestMeilisearch, type TestMeilisearch } from "../helpers/meilisearch";
import { freePort } from "../helpers/ports";
import { redisAvailable, startTestRedis, type TestRedis } from "../helpers/redis";

let database: TestDatabase;
let meili: TestMeilisearch;
let redis: TestRedis | undefined;

beforeAll(async () => {
  database = await createTestDatabase("health");
  meili = await startTestMeilisearch();
  if (redisAvailable()) redis = await startTestRedis();
});

afterAll(async () => {
  await database?.drop();
  await meili?.dispose();
  await redis?.stop();
});

describe("readiness", () => {
  it("is ready when every configured part answers", async () => {
    const readiness = await checkReadiness({
      database: databaseProbe(database.prisma),
      search: searchProbe(meili.host),
      ...(redis ? { redis: redisProbe(() => createUpstashRedis(redis!.restUrl, redis!.token).ping()) } : {}),
    });
    expect(readiness.ready).toBe(true);
    expect(readiness.checks.database).toEqual({ ok: true });
    expect(readiness.checks.search).toEqual({ ok: true });
    if (redis) expect(readiness.checks.redis).toEqual({ ok: true });
  });

  it("names the part that fails: an unreachable database and search engine", async () => {
    const closed = await freePort();
    const unreachable = createPrismaClient(`postgresql://postgres:x@127.0.0.1:${closed}/nothing`, { max: 1 });
    try {
      const readiness = await checkReadiness({
        database: databaseProbe(unreachable),
        search: searchProbe(`http://127.0.0.1:${closed}`),
      });
      expect(readiness.ready).toBe(false);
      expect(readiness.checks.database?.ok).toBe(false);
      expect(readiness.checks.database?.error).toBeTruthy();
      expect(readiness.checks.search?.ok).toBe(false);
    } finally {
      await unreachable.$disconnect();
    }
  });

  it.skipIf(!redisAvailable())("reports Redis down while it is stopped, and up again after", async () => {
    const client = createUpstashRedis(redis!.restUrl, redis!.token);
    const probes = { database: databaseProbe(database.prisma), redis: redisProbe(() => client.ping()) };
    await redis!.stopRedis();
    try {
      const down = await checkReadiness(probes);
      expect(down.ready).toBe(false);
      expect(down.checks.database).toEqual({ ok: true });
      expect(down.checks.redis?.ok).toBe(false);
    } finally {
      await redis!.startRedis();
    }
    expect((await checkReadiness(probes)).ready).toBe(true);
  });

  it("gives up on a part that does not answer in time", async () => {
    const readiness = await checkReadiness({ database: () => new Promise(() => {}) }, 50);
    expect(readiness).toEqual({ ready: false, checks: { database: { ok: false, error: "no answer within 50 ms" } } });
  });
});
