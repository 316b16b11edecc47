// npm run recommendations:rebuild — recomputes the co-purchase counts behind recommendations from every
// order (lib/recommendations/counts.ts). The worker keeps them current on its own; this is for repairs,
// for instance after orders were imported or deleted by hand. Uses DATABASE_URL or the embedded database.
import "dotenv/config";
import { createPrismaClient } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import { connectDatabase } from "@/lib/ops/runtime";
import { rebuildRecommendationCounts } from "@/lib/recommendations/counts";

async function main() {
  const database = await connectDatabase();
  const prisma = createPrismaClient(database.url, { max: 2 });
  try {
    const started = performance.now();
    const result = await runTransaction(prisma, (tx) => rebuildRecommendationCounts(tx), { timeoutMs: 300_000 });
    console.log(
      `Counted ${result.countedOrders} orders: ${result.products} products sold, ${result.pairs} pairs bought together ` +
        `(${((performance.now() - started) / 1000).toFixed(1)} s).`,
    );
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
