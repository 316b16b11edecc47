// A large synthetic catalog for benchmarks (`npm run seed -- --products 100000`): products shaped like the
// demo's (same categories, brands, options, stock distribution, a few reviews) inserted in batches of
// multi-row INSERT ... unnest statements. Each batch is its own transaction, so an interrupted run leaves
// whole products only; slugs and SKUs carry a random per-run tag, so running it twice never collides.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { renderProductArt } from "@/lib/media/product-art";
import { saveProductImage } from "@/lib/media/files";
import type { BrandDef, ColourDef, LeafCategoryDef } from "./catalog-data";
import { addProduct, createCatalogTables, insertCatalogTables, type CatalogTables } from "./catalog-rows";
import { DEMO_CURRENCY, LEAF_CATEGORIES, brandBySlug, plannedStock, planReviews } from "./generate";
import { planProductBody, productTitle } from "./product-body";
import { createRandom, type Random } from "@/lib/seeded-random";
import { ensureCatalogStructure, requireId, type CatalogStructure } from "./structure";
import { slugify } from "@/lib/text";
import { truncateWords } from "./text";

export const MAX_SYNTHETIC_PRODUCTS = 1_000_000;
const DEFAULT_BATCH_SIZE = 1000;
// Two writers keep both cores busy (PostgreSQL uses one per connection) while JavaScript builds the next batch.
const INSERT_CONCURRENCY = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SyntheticProgress {
  done: number;
  total: number;
}

export interface SeedSyntheticOptions {
  products: number;
  onProgress?: (progress: SyntheticProgress) => void;
  batchSize?: number;
  /** Batches written at the same time, each on its own connection (default 2). */
  concurrency?: number;
  seed?: string;
  now?: Date;
}

export interface SeedSyntheticResult {
  products: number;
  variants: number;
  inventoryLevels: number;
  reviews: number;
  /** Distinct pictures drawn for the run (products share them). */
  images: number;
  /** Appears in every slug and SKU of the run. */
  runTag: string;
  durationMs: number;
}

/** Pictures are shared: one per category, brand and colour, drawn the first time it is needed. */
class ImagePool {
  private readonly urls = new Map<string, Promise<string>>();

  get size(): number {
    return this.urls.size;
  }

  url(leaf: LeafCategoryDef, brand: BrandDef, colour: ColourDef): Promise<string> {
    const key = `${leaf.slug}-${brand.slug}-${slugify(colour.name)}`;
    let url = this.urls.get(key);
    if (!url) {
      const svg = renderProductArt({
        silhouette: leaf.silhouette,
        colourHex: colour.hex,
        brandName: brand.name,
        label: `${brand.name} ${leaf.name.toLowerCase()} in ${colour.name}`,
        view: "front",
        seed: key,
      });
      url = saveProductImage(`synthetic-${key}`, "svg", svg).then((saved) => saved.url);
      this.urls.set(key, url);
    }
    return url;
  }
}

interface BatchContext {
  structure: CatalogStructure;
  pool: ImagePool;
  runTag: string;
  seed: string;
  now: Date;
}

async function buildBatch(context: BatchContext, first: number, count: number): Promise<CatalogTables> {
  const tables = createCatalogTables();
  const random: Random = createRandom(`${context.seed}:${context.runTag}:${first}`);
  const stockContext = {
    locationIds: context.structure.locationIds,
    now: context.now,
    note: "Synthetic catalog opening stock",
  };
  for (let sequence = first; sequence < first + count; sequence++) {
    const leaf = LEAF_CATEGORIES[sequence % LEAF_CATEGORIES.length] as LeafCategoryDef;
    const brand = brandBySlug(random.pick(leaf.brands));
    const words = productTitle(random, leaf);
    const number = String(sequence + 1).padStart(7, "0");
    const onSale = random.chance(0.12);
    const { plan, colourIsOption, description, intro } = planProductBody(random, leaf, brand, words, {
      skuStem: `${brand.code}-${leaf.skuCode}-${context.runTag.toUpperCase()}${number}`,
      onSale,
      lowStockThreshold: () => 5,
      // Smaller than the demo's products (about 5 variants on average instead of 9): a 100,000-product
      // catalog stays a few minutes to seed while keeping every option and stock case.
      maxColours: 2,
      maxSizes: 4,
    });
    const status = random.weighted([
      ["ACTIVE", 98],
      ["DRAFT", 1],
      ["ARCHIVED", 1],
    ] as const);
    const publishedAt =
      status === "DRAFT" ? null : new Date(context.now.getTime() - Math.floor(random.next() * 365 * DAY_MS));
    const createdAt = new Date((publishedAt ?? context.now).getTime() - random.int(1, 14) * DAY_MS);
    const variants = plan.variants.map((variant) => ({ ...variant, stock: plannedStock(random) }));
    const mainColour = plan.colours[0] as ColourDef;

    addProduct(
      tables,
      {
        slug: `${slugify(words.title)}-${context.runTag}-${number}`,
        title: words.title,
        description,
        brandId: requireId(context.structure.brandIds, brand.slug, "brand"),
        categoryId: requireId(context.structure.categoryIds, leaf.slug, "category"),
        status,
        featured: false,
        tags: [...leaf.tags, slugify(words.material), ...(onSale ? ["sale"] : [])],
        audience: leaf.audience,
        seoTitle: truncateWords(`${words.title} | ${brand.name}`, 70),
        seoDescription: truncateWords(intro, 155),
        currency: DEMO_CURRENCY,
        publishedAt,
        createdAt,
        images: [
          {
            url: await context.pool.url(leaf, brand, mainColour),
            alt: colourIsOption ? `${words.title} in ${mainColour.name}` : words.title,
          },
        ],
        options: plan.options,
        variants,
        reviews: publishedAt ? planReviews(random, leaf, plan.variants, { from: publishedAt, to: context.now }, 3) : [],
      },
      stockContext,
    );
  }
  return tables;
}

async function insertBatch(db: Db, tables: CatalogTables): Promise<void> {
  await db.$transaction((tx) => insertCatalogTables(tx, tables), { maxWait: 30_000, timeout: 300_000 });
}

/** A run tag no existing slug uses: random, and checked, so repeated runs never collide on a unique key. */
async function freshRunTag(db: Db): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    // "s" and 5 base36 characters: about 60 million values, and never mistaken for a number.
    const tag = `s${(randomBytes(4).readUInt32BE(0) % 36 ** 5).toString(36).padStart(5, "0")}`;
    const taken = await db.product.findFirst({ where: { slug: { contains: `-${tag}-` } }, select: { id: true } });
    if (!taken) return tag;
  }
  throw new Error("Could not find an unused run tag for the synthetic catalog");
}

export async function seedSyntheticCatalog(db: Db, options: SeedSyntheticOptions): Promise<SeedSyntheticResult> {
  const started = performance.now();
  const total = options.products;
  if (!Number.isSafeInteger(total) || total < 1 || total > MAX_SYNTHETIC_PRODUCTS) {
    throw new RangeError(`products must be an integer from 1 to ${MAX_SYNTHETIC_PRODUCTS}, got ${total}`);
  }
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? INSERT_CONCURRENCY));
  const structure = await db.$transaction((tx) => ensureCatalogStructure(tx));
  const context: BatchContext = {
    structure,
    pool: new ImagePool(),
    runTag: await freshRunTag(db),
    seed: options.seed ?? "storefront-synthetic-v1",
    now: options.now ?? new Date(),
  };

  const totals = { variants: 0, inventoryLevels: 0, reviews: 0 };
  let done = 0;
  // Pipelined: the next batch is generated in JavaScript while PostgreSQL writes earlier ones, on up to
  // `concurrency` connections. A failed insert is held until awaited (never an unhandled rejection).
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  const throwIfFailed = () => {
    if (failure) throw failure.error;
  };
  options.onProgress?.({ done, total });
  for (let first = 0; first < total; first += batchSize) {
    const count = Math.min(batchSize, total - first);
    const tables = await buildBatch(context, first, count);
    throwIfFailed();
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    throwIfFailed();
    totals.variants += tables.variants.size;
    totals.inventoryLevels += tables.inventoryLevels.size;
    totals.reviews += tables.reviews.size;
    const insert: Promise<void> = insertBatch(db, tables).then(
      () => {
        done += count;
        options.onProgress?.({ done, total });
      },
      (error: unknown) => {
        failure ??= { error };
      },
    );
    inFlight.add(insert);
    void insert.finally(() => inFlight.delete(insert));
  }
  await Promise.all(inFlight);
  throwIfFailed();

  return {
    products: done,
    ...totals,
    images: context.pool.size,
    runTag: context.runTag,
    durationMs: performance.now() - started,
  };
}
