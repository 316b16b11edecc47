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
  // Where a part must be found up, it gets a patient deadline: on a loaded 2-core machine a healthy answer
  // can take longer than the store's 1-2 s, and the part would then be reported down.
  const PATIENT_MS = 30_000;
  const patientRedis = () => createUpstashRedis(redis!.restUrl, redis!.token, PATIENT_MS);

  it("is ready when every configured part answers", async () => {
    const readiness = await checkReadiness(
      {
        database: databaseProbe(database.prisma),
        search: searchProbe(meili.host),
        ...(redis ? { redis: redisProbe(() => patientRedis().ping()) } : {}),
      },
      PATIENT_MS,
    );
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
    const patientProbes = { database: databaseProbe(database.prisma), redis: redisProbe(() => patientRedis().ping()) };
    expect(await checkReadiness(patientProbes, PATIENT_MS)).toMatchObject({ ready: true });
  });

  it("gives up on a part that does not answer in time", async () => {
    const readiness = await checkReadiness({ database: () => new Promise(() => {}) }, 50);
    expect(readiness).toEqual({ ready: false, checks: { database: { ok: false, error: "no answer within 50 ms" } } });
  });
});
