// The database of the checkout benchmarks (bench/checkout.ts, bench/checkout-cpu.ts): DATABASE_URL when set,
// else their embedded PostgreSQL in .data/bench-checkout-pg (port BENCH_PG_PORT, default 54340), with the
// named database dropped and rebuilt from the migrations on every run; and the catalog both seed.
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import type { Db } from "@/lib/db";
import { startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { applyMigrations } from "@/lib/ops/migrate";

export async function checkoutBenchDatabase(name: string): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(process.cwd(), ".data", "bench-checkout-pg"),
    port: Number(process.env.BENCH_PG_PORT ?? 54340),
  });
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = server.databaseUrl(name);
  await applyMigrations(url);
  return { url, stop: () => server.stop() };
}

/**
 * The checkout benchmarks' catalog: one product per name with one variant at `priceCents`, `stock` units
 * on hand in one location, a standard US shipping rate and California's tax rate (so an order prices,
 * ships and taxes as a real one does).
 */
export async function seedCheckoutCatalog<Name extends string>(
  prisma: Db,
  names: readonly Name[],
  options: { priceCents: number; stock: number },
): Promise<Record<Name, { variantId: string; levelId: string }>> {
  const suffix = randomUUID().slice(0, 8);
  const category = await prisma.category.create({ data: { slug: `bench-${suffix}`, name: "Bench" } });
  const location = await prisma.location.create({
    data: { code: `BENCH-${suffix}`, name: "Bench warehouse", priority: 0 },
  });
  const variants = {} as Record<Name, { variantId: string; levelId: string }>;
  for (const name of names) {
    const product = await prisma.product.create({
      data: {
        slug: `${name}-${suffix}`,
        title: `Bench ${name}`,
        status: "ACTIVE",
        categoryId: category.id,
        variants: {
          create: { sku: `${name}-${suffix}`.toUpperCase(), title: "One size", priceCents: options.priceCents },
        },
      },
      include: { variants: true },
    });
    const variant = product.variants[0]!;
    const level = await prisma.inventoryLevel.create({
      data: { variantId: variant.id, locationId: location.id, onHand: options.stock },
    });
    variants[name] = { variantId: variant.id, levelId: level.id };
  }
  await prisma.shippingRate.create({
    data: {
      zone: `bench-${suffix}`,
      countries: ["US"],
      method: "STANDARD",
      name: "Standard",
      priceCents: 500,
      minDays: 2,
      maxDays: 5,
    },
  });
  await prisma.taxRate.createMany({
    data: [{ country: "US", region: "CA", rateBps: 725, name: "California" }],
    skipDuplicates: true,
  });
  return variants;
}
