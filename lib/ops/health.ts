// Health of a running instance, for load balancers and orchestrators:
//   liveness   GET /api/health: the process answers HTTP (nothing else is looked at: restarting an
//              instance because its database is down would not bring the database back);
//   readiness  GET /api/health/ready: each part this instance needs answers, each checked in parallel
//              with a short deadline: the database (SELECT 1), the search engine when MEILI_HOST is set
//              (its public /health), Redis when UPSTASH_REDIS_REST_URL is set (PING). 503 names the part
//              that failed, so a load balancer takes the instance out and an operator knows why.
// The store degrades on its own when search or Redis is down (PostgreSQL search, per-instance limits and
// cache); readiness still reports them, because an instance that lost them serves a lesser store.
import type { Redis } from "@upstash/redis";
import type { Db } from "@/lib/db";
import { createUpstashRedis } from "@/lib/rate-limit/upstash";

export type ReadinessPart = "database" | "search" | "redis";

export interface PartState {
  ok: boolean;
  /** Why it failed, short and without secrets. */
  error?: string;
}

export interface Readiness {
  ready: boolean;
  checks: Partial<Record<ReadinessPart, PartState>>;
}

export const READINESS_TIMEOUT_MS = 2_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Connection strings and keys never appear in these messages; keep them short all the same.
  return message.replace(/\s+/g, " ").slice(0, 200);
}

async function check(run: () => Promise<void>, timeoutMs: number): Promise<PartState> {
  try {
    await withDeadline(run(), timeoutMs);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}

export interface ReadinessProbes {
  database: () => Promise<void>;
  search?: () => Promise<void>;
  redis?: () => Promise<void>;
}

export async function checkReadiness(probes: ReadinessProbes, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  const parts = Object.entries(probes).filter((entry): entry is [ReadinessPart, () => Promise<void>] =>
    Boolean(entry[1]),
  );
  const states = await Promise.all(parts.map(([, probe]) => check(probe, timeoutMs)));
  const checks: Readiness["checks"] = {};
  parts.forEach(([name], index) => (checks[name] = states[index]));
  return { ready: states.every((state) => state.ok), checks };
}

export function databaseProbe(db: Db): () => Promise<void> {
  return async () => {
    await db.$queryRaw`SELECT 1`;
  };
}

/** Meilisearch's /health needs no key: the web server holds only a search key, and this asks for nothing. */
export function searchProbe(host: string): () => Promise<void> {
  return async () => {
    const response = await fetch(new URL("/health", host), { signal: AbortSignal.timeout(READINESS_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`Meilisearch answered ${response.status}`);
  };
}

export function redisProbe(ping: () => Promise<unknown>): () => Promise<void> {
  return async () => {
    const reply = await ping();
    if (reply !== "PONG") throw new Error(`Redis answered ${JSON.stringify(reply)} to PING`);
  };
}

const globalForHealth = globalThis as unknown as { __healthRedis?: Redis | null };

/** A client for UPSTASH_REDIS_REST_URL / _TOKEN (the same Redis as rate limits and the cache), or null. */
export function configuredRedis(env: Readonly<Record<string, string | undefined>> = process.env): Redis | null {
  if (globalForHealth.__healthRedis !== undefined) return globalForHealth.__healthRedis;
  const url = env.UPSTASH_REDIS_REST_URL?.trim();
  const token = env.UPSTASH_REDIS_REST_TOKEN?.trim();
  globalForHealth.__healthRedis = url && token ? createUpstashRedis(url, token, READINESS_TIMEOUT_MS) : null;
  return globalForHealth.__healthRedis;
}
