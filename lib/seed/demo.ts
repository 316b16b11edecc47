// Seeds the demo store: store configuration, category tree, brands, warehouses, ~240 products with
// variants, stock, reviews and generated pictures, and a 90-day order history (./orders.ts) with the
// recommendation counts rebuilt from it. Everything in the database happens in one transaction
// (a crash leaves either the whole demo or nothing), and it only runs on a catalog with no products, so a
// second run adds nothing. Pictures are written first: content-addressed, so re-writing is harmless.
import type { Db } from "@/lib/db";
import { renderProductArt } from "@/lib/media/product-art";
import { saveProductImage } from "@/lib/media/files";
import { rebuildRecommendationCounts } from "@/lib/recommendations/counts";
import {
  addProduct,
  createCatalogTables,
  insertCatalogTables,
  type AddedProductIds,
  type CatalogTables,
} from "./catalog-rows";
import { DEMO_CURRENCY, DEMO_SEED, generateDemoCatalog, type DemoCatalogPlan, type PlannedProduct } from "./generate";
import { insertDemoOrders } from "./order-rows";
import { ORDER_HISTORY_DAYS, planDemoOrders, soldUnits, type PlannedOrder } from "./orders";
import { seedStoreConfiguration, type StoreConfigCounts } from "./store-config";
import { ensureCatalogStructure, requireId, type CatalogStructure } from "./structure";
import { slugify } from "@/lib/text";

// Serialises concurrent seeders (two first starts at once): any constant, used only here.
const SEED_LOCK_KEY = 72707370;

export interface SeedDemoOptions {
  log?: (line: string) => void;
  /** Dates are spread over the months before this instant (default: now). */
  now?: Date;
  seed?: string;
}

export interface SeedDemoResult {
  /** True when the catalog already had products and nothing was added. */
  skipped: boolean;
  products: number;
  variants: number;
  categories: number;
  brands: number;
  reviews: number;
  /** Past orders of the demo history (paid, shipped, delivered, refunded, cancelled). */
  orders: number;
  images: number;
  inventoryLevels: number;
  config: StoreConfigCounts;
  durationMs: number;
}

type ImageUrls = Map<PlannedProduct, { url: string; alt: string; optionColour: string | null }[]>;

/** Draws and writes every product picture; returns their URLs per product. */
async function writeImages(plan: DemoCatalogPlan): Promise<ImageUrls> {
  const urls: ImageUrls = new Map();
  for (const product of plan.products) {
    const saved = await Promise.all(
      product.images.map(async (image) => {
        const svg = renderProductArt({
          silhouette: product.silhouette,
          colourHex: image.colour.hex,
          brandName: product.brand.name,
          label: image.alt,
          view: image.view,
          seed: product.slug,
        });
        const stem = `${product.slug}-${slugify(image.colour.name)}-${image.view}`;
        const { url } = await saveProductImage(stem, "svg", svg);
        return { url, alt: image.alt, optionColour: image.optionColour };
      }),
    );
    urls.set(product, saved);
  }
  return urls;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function buildTables(
  plan: DemoCatalogPlan,
  orders: readonly PlannedOrder[],
  structure: CatalogStructure,
  images: ImageUrls,
  now: Date,
): { tables: CatalogTables; ids: Map<PlannedProduct, AddedProductIds> } {
  const tables = createCatalogTables();
  const ids = new Map<PlannedProduct, AddedProductIds>();
  // Stock was counted before the order history began (or when a newer product was created), and the
  // history's sales brought it down to the planned stock of today.
  const historyStart = now.getTime() - (ORDER_HISTORY_DAYS + 1) * DAY_MS;
  const sold = soldUnits(orders);
  for (const product of plan.products) {
    const added = addProduct(
      tables,
      {
        ...product,
        brandId: requireId(structure.brandIds, product.brand.slug, "brand"),
        categoryId: requireId(structure.categoryIds, product.categorySlug, "category"),
        currency: DEMO_CURRENCY,
        images: images.get(product) ?? [],
      },
      {
        locationIds: structure.locationIds,
        now,
        note: "Demo catalog opening stock",
        sold,
        openingAt: (row) => new Date(Math.min(now.getTime(), Math.max(historyStart, row.createdAt.getTime()))),
      },
    );
    ids.set(product, added);
  }
  return { tables, ids };
}

export async function seedDemoCatalog(db: Db, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const empty: Omit<SeedDemoResult, "durationMs"> = {
    skipped: true,
    products: 0,
    variants: 0,
    categories: 0,
    brands: 0,
    reviews: 0,
    orders: 0,
    images: 0,
    inventoryLevels: 0,
    config: { shippingRates: 0, taxRates: 0, coupons: 0 },
  };

  // Cheap early exit before drawing pictures; checked again under the lock inside the transaction.
  if ((await db.product.count()) > 0) return { ...empty, durationMs: performance.now() - started };

  const plan = generateDemoCatalog({ now, seed: options.seed });
  const orders = planDemoOrders(plan.products, { now, seed: options.seed ?? DEMO_SEED });
  const images = await writeImages(plan);
  const imageCount = [...images.values()].reduce((sum, list) => sum + list.length, 0);
  log(`Drew ${imageCount} product images`);

  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
      if ((await tx.product.count()) > 0) return empty;

      const config = await seedStoreConfiguration(tx);
      const structure = await ensureCatalogStructure(tx);
      const { tables, ids } = buildTables(plan, orders, structure, images, now);
      await insertCatalogTables(tx, tables);
      const orderCount = await insertDemoOrders(tx, orders, {
        ids,
        locationIds: structure.locationIds,
        currency: DEMO_CURRENCY,
      });
      await rebuildRecommendationCounts(tx, now);
      return {
        skipped: false,
        products: tables.products.size,
        variants: tables.variants.size,
        categories: structure.categoryIds.size,
        brands: structure.brandIds.size,
        reviews: tables.reviews.size,
        orders: orderCount,
        images: tables.images.size,
        inventoryLevels: tables.inventoryLevels.size,
        config,
      };
    },
    // Generous: a slow CI disk must not abort the one-time seed halfway.
    { maxWait: 30_000, timeout: 180_000 },
  );

  const durationMs = performance.now() - started;
  if (!result.skipped) {
    log(
      `Seeded ${result.products} products (${result.variants} variants, ${result.reviews} reviews, ` +
        `${result.orders} past orders) in ` +
        `${result.categories} categories and ${result.brands} brands in ${(durationMs / 1000).toFixed(1)} s`,
    );
  }
  return { ...result, durationMs };
}
