// GET /api/health/ready: readiness. 200 when the database, the search engine (MEILI_HOST) and Redis
// (UPSTASH_REDIS_REST_URL) answer; 503 naming the part that does not (lib/ops/health.ts). Cheap (one
// trivial call to each, in parallel, two-second deadline) and never cached. Once the process is stopping
// (SIGTERM's drain) the web server answers this path itself with 503 "stopping" (lib/http/web-server.ts).
import { connection } from "next/server";
import { currentCacheHandler } from "@/lib/cache/registry";
import { prisma } from "@/lib/db";
import { checkReadiness, configuredRedis, databaseProbe, redisProbe, searchProbe } from "@/lib/ops/health";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET() {
  await connection();
  const meiliHost = process.env.MEILI_HOST?.trim();
  const redis = configuredRedis();
  const readiness = await checkReadiness({
    database: databaseProbe(prisma),
    search: meiliHost ? searchProbe(meiliHost) : undefined,
    redis: redis ? redisProbe(() => redis.ping()) : undefined,
  });
  const cache = currentCacheHandler()?.stats();
  return Response.json(
    { status: readiness.ready ? "ready" : "unavailable", checks: readiness.checks, ...(cache ? { cache } : {}) },
    { status: readiness.ready ? 200 : 503, headers: NO_STORE },
  );
}
