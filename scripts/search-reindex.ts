// npm run search:reindex — rebuilds the whole search index from PostgreSQL into a fresh index and swaps
// it in atomically (searches keep answering from the old index until the swap). Progress on stderr.
import "dotenv/config";
import { createPrismaClient } from "@/lib/db";
import { connectDatabase } from "@/lib/ops/runtime";
import { createAdminEngine } from "@/lib/search/client";
import { readSearchConfig } from "@/lib/search/config";
import { reindexAll } from "@/lib/search/reindex";
import { connectMeilisearch } from "@/lib/search/runtime";
import { createProgressBar } from "@/lib/seed/progress";

async function main() {
  const database = await connectDatabase();
  const meili = await connectMeilisearch();
  const prisma = createPrismaClient(database.url, { max: 4 });
  try {
    const config = readSearchConfig({ ...process.env, MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.masterKey });
    if (!config) throw new Error("unreachable: MEILI_HOST was just set");
    const engine = createAdminEngine(config);
    let bar: ReturnType<typeof createProgressBar> | undefined;
    const result = await reindexAll(prisma, engine, {
      onProgress: ({ indexed, total }) => {
        bar ??= createProgressBar({ total, label: `Indexing into ${config.indexName}` });
        bar.update(indexed);
      },
    });
    bar?.finish();
    const rate = result.durationMs > 0 ? Math.round((result.documents / result.durationMs) * 1000) : result.documents;
    console.log(
      `Indexed ${result.documents} products in ${(result.durationMs / 1000).toFixed(1)} s (${rate} docs/s) and swapped them into "${config.indexName}".` +
        (result.requeued > 0 ? ` ${result.requeued} products changed meanwhile were queued for the worker.` : ""),
    );
  } finally {
    await prisma.$disconnect();
    await meili.stop();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
