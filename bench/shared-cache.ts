// npm run bench:cache: what one 'use cache' read costs through the shared cache handler
// (lib/cache/shared-cache.ts), on a real Redis behind the Upstash REST bridge (tests/helpers/redis.ts):
//   memory   the entry is in this instance's LRU and its tags are fresh: no network;
//   redis    not in memory (another instance rendered it, or this one just started): one GET;
//   floor    a bare PING through the same client: the round trip alone.
// Entries are a product page's size (BENCH_ENTRY_KB, default 20 KB, about what getProduct caches).
import { createSharedCacheHandler } from "@/lib/cache/shared-cache";
import { createUpstashRedis } from "@/lib/rate-limit/upstash";
import { startTestRedis } from "../tests/helpers/redis";
import { percentile } from "./lib";

const READS = Number(process.env.BENCH_READS ?? 2_000);
const ENTRY_BYTES = Number(process.env.BENCH_ENTRY_KB ?? 20) * 1024;

function entry(bytes: Uint8Array) {
  return Promise.resolve({
    value: new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    }),
    tags: ["catalog", "product:bench", "categories"],
    stale: 300,
    timestamp: Date.now(),
    expire: 86_400,
    revalidate: 3_600,
  });
}

async function time(run: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < READS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b);
}

const redis = await startTestRedis();
try {
  const client = createUpstashRedis(redis.restUrl, redis.token, 2_000);
  const writer = createSharedCacheHandler({ redis: client, prefix: "bench:" });
  await writer.set("page", entry(new Uint8Array(ENTRY_BYTES).fill(120)));
  // memoryBytes 0 keeps nothing in memory: every read goes to Redis.
  const remoteOnly = createSharedCacheHandler({ redis: client, prefix: "bench:", memoryBytes: 0 });
  const withMemory = createSharedCacheHandler({ redis: client, prefix: "bench:" });
  await withMemory.get("page", []);
  const drain = async (found: Awaited<ReturnType<typeof withMemory.get>>) =>
    found && (await new Response(found.value).arrayBuffer());
  const rows: [string, number[]][] = [];
  for (let round = 0; round < 3; round++) {
    rows.push(["memory (LRU hit)", await time(async () => drain(await withMemory.get("page", [])))]);
    rows.push(["redis (GET)", await time(async () => drain(await remoteOnly.get("page", [])))]);
    rows.push(["floor (PING)", await time(() => client.ping())]);
  }
  console.log(`${READS} reads per row, entry ${ENTRY_BYTES / 1024} KB, 3 interleaved rounds`);
  console.log("path               p50 ms   p95 ms   reads/s (one at a time)");
  for (const [name, samples] of rows) {
    const total = samples.reduce((sum, ms) => sum + ms, 0);
    console.log(
      `${name.padEnd(18)} ${percentile(samples, 50).toFixed(3).padStart(7)}  ${percentile(samples, 95).toFixed(3).padStart(7)}  ${Math.round((READS / total) * 1000)}`,
    );
  }
  console.log("memory stats", withMemory.stats(), "\nredis-only stats", remoteOnly.stats());
  for (const handler of [writer, remoteOnly, withMemory]) handler.close();
} finally {
  await redis.stop();
}
