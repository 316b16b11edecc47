// The catalog's query functions against a real, migrated PostgreSQL with a small fixture inserted here:
// Apparel > Tops (a tee with Size x Colour variants, a draft and an archived hat) and Apparel > Bottoms
// (40 plain products for paging and sorting), plus an empty category.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeProductAggregates, refreshProductAggregates } from "@/lib/catalog/aggregates";
import { getCategoryBySlug, listCategorySlugs, listCategoryTree } from "@/lib/catalog/categories";
import {
  getProductBySlug,
  listCategoryProducts,
  listFeaturedProducts,
  listNewArrivals,
  listProductReviews,
  listSitemapEntries,
} from "@/lib/catalog/products";
import type { ProductCardData, SortKey } from "@/lib/catalog/types";
import type { Db } from "@/lib/db";
import { getAvailability } from "@/lib/inventory/availability";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

interface Fixture {
  locations: { east: string; west: string };
  tee: { id: string; slug: string; variants: Record<string, string> };
}

const DAY = 86_400_000;

async function insertCatalogFixture(db: Db): Promise<Fixture> {
  const east = await db.location.create({ data: { code: "EAST", name: "East", priority: 0 } });
  const west = await db.location.create({ data: { code: "WEST", name: "West", priority: 1 } });
  const apparel = await db.category.create({
    data: { slug: "apparel", name: "Apparel", description: "Clothes for every day.", position: 0 },
  });
  const tops = await db.category.create({ data: { slug: "tops", name: "Tops", parentId: apparel.id, position: 0 } });
  const bottoms = await db.category.create({
    data: { slug: "bottoms", name: "Bottoms", parentId: apparel.id, position: 1 },
  });
  await db.category.create({ data: { slug: "empty", name: "Empty shelf", position: 2 } });
  const acme = await db.brand.create({ data: { slug: "acme", name: "Acme" } });

  const tee = await db.product.create({
    data: {
      slug: "classic-tee",
      title: "Classic Tee",
      description: "A soft cotton tee.\n\nMade to last.",
      brandId: acme.id,
      categoryId: tops.id,
      status: "ACTIVE",
      featured: true,
      publishedAt: new Date(Date.now() - 40 * DAY),
      images: {
        create: [0, 1].map((i) => ({
          url: `/media/products/tee-${i}.svg`,
          alt: `Classic Tee view ${i + 1}`,
          width: 800,
          height: 800,
          position: i,
        })),
      },
      options: {
        create: [
          { name: "Size", position: 0 },
          { name: "Colour", position: 1 },
        ],
      },
    },
    include: { options: true },
  });
  const size = tee.options.find((o) => o.name === "Size")!;
  const colour = tee.options.find((o) => o.name === "Colour")!;
  const values: Record<string, string> = {};
  for (const [option, names] of [
    [size, ["S", "M", "L"]],
    [colour, ["Red", "Blue"]],
  ] as const) {
    for (const [position, value] of names.entries()) {
      const row = await db.productOptionValue.create({ data: { optionId: option.id, value, position } });
      values[value] = row.id;
    }
  }
  // L/Blue does not exist: "L" is unavailable while Blue is selected.
  const combos: [string, string, number, number | null, number][] = [
    ["S", "Red", 2000, 2500, 10],
    ["M", "Red", 2000, null, 3],
    ["L", "Red", 2500, null, 0],
    ["S", "Blue", 2000, null, 8],
    ["M", "Blue", 2000, null, 0],
  ];
  const variants: Record<string, string> = {};
  for (const [position, [s, c, price, compareAt, stock]] of combos.entries()) {
    const variant = await db.variant.create({
      data: {
        productId: tee.id,
        sku: `TEE-${s}-${c}`.toUpperCase(),
        title: `${s} / ${c}`,
        priceCents: price,
        compareAtPriceCents: compareAt,
        position,
        lowStockThreshold: 5,
        optionValues: { create: [{ optionValueId: values[s]! }, { optionValueId: values[c]! }] },
      },
    });
    variants[`${s}/${c}`] = variant.id;
    if (stock > 0)
      await db.inventoryLevel.create({ data: { variantId: variant.id, locationId: east.id, onHand: stock } });
  }

  // Forty plain products in Bottoms for paging and sorting; a draft and an archived one that must never show.
  for (let i = 0; i < 40; i++) {
    await db.product.create({
      data: {
        slug: `pants-${String(i).padStart(2, "0")}`,
        title: `Pants ${i}`,
        description: `Pants number ${i}.`,
        categoryId: bottoms.id,
        brandId: i % 2 ? acme.id : null,
        status: "ACTIVE",
        featured: i % 10 === 0,
        publishedAt: new Date(Date.now() - i * DAY),
        images: { create: [{ url: `/media/products/pants-${i}.svg`, alt: `Pants ${i}`, width: 800, height: 800 }] },
        variants: {
          create: [
            {
              sku: `PANTS-${i}`,
              priceCents: 1000 + ((i * 37) % 40) * 100,
              compareAtPriceCents: i % 7 === 0 ? 9900 : null,
            },
          ],
        },
        reviews: {
          create: Array.from({ length: i % 4 }, (_, r) => ({
            authorName: `Reviewer ${r}`,
            rating: 1 + ((i + r) % 5),
            body: "Fine.",
          })),
        },
      },
    });
  }
  await db.product.create({
    data: {
      slug: "draft-hat",
      title: "Draft Hat",
      categoryId: tops.id,
      status: "DRAFT",
      variants: { create: [{ sku: "HAT-D", priceCents: 100 }] },
    },
  });
  await db.product.create({
    data: {
      slug: "archived-hat",
      title: "Archived Hat",
      categoryId: tops.id,
      status: "ARCHIVED",
      variants: { create: [{ sku: "HAT-A", priceCents: 100 }] },
    },
  });

  for (let r = 0; r < 12; r++) {
    await db.review.create({
      data: {
        productId: tee.id,
        authorName: `Shopper ${r}`,
        rating: r < 8 ? 5 : 3,
        title: `Review ${r}`,
        body: "Great tee.",
        verified: r % 2 === 0,
        createdAt: new Date(Date.now() - r * DAY),
      },
    });
  }
  await refreshProductAggregates(db);
  return { locations: { east: east.id, west: west.id }, tee: { id: tee.id, slug: tee.slug, variants } };
}

let testDb: TestDatabase;
let db: Db;
let fixture: Fixture;

beforeAll(async () => {
  testDb = await createTestDatabase("catalog");
  db = testDb.prisma;
  fixture = await insertCatalogFixture(db);
});

afterAll(async () => {
  await testDb?.drop();
});

async function allPages(slug: string, sort: SortKey): Promise<ProductCardData[]> {
  const items: ProductCardData[] = [];
  for (let page = 1; ; page++) {
    const listing = await listCategoryProducts(db, slug, { sort, page });
    if (!listing) throw new Error(`unknown category ${slug}`);
    items.push(...listing.items);
    if (page >= listing.totalPages) return items;
  }
}

describe("category listings", () => {
  it("lists a parent's descendants, 24 a page, active products only", async () => {
    const first = await listCategoryProducts(db, "apparel", { sort: "featured", page: 1 });
    const second = await listCategoryProducts(db, "apparel", { sort: "featured", page: 2 });
    expect(first).toMatchObject({ total: 41, totalPages: 2, page: 1, pageSize: 24 });
    expect(first!.items).toHaveLength(24);
    expect(second!.items).toHaveLength(17);
    const slugs = [...first!.items, ...second!.items].map((p) => p.slug);
    expect(new Set(slugs).size).toBe(41);
    expect(slugs).toContain("classic-tee");
    expect(slugs).not.toContain("draft-hat");
    expect(slugs).not.toContain("archived-hat");
  });

  it("returns no items past the last page, with the real page count", async () => {
    const listing = await listCategoryProducts(db, "apparel", { sort: "featured", page: 3 });
    expect(listing).toMatchObject({ items: [], total: 41, totalPages: 2, page: 3 });
    const huge = await listCategoryProducts(db, "apparel", { sort: "featured", page: Number.MAX_SAFE_INTEGER });
    expect(huge).toMatchObject({ items: [], totalPages: 2 });
  });

  it("hides draft and archived products from a leaf category", async () => {
    const tops = await listCategoryProducts(db, "tops", { sort: "featured", page: 1 });
    expect(tops!.items.map((p) => p.slug)).toEqual(["classic-tee"]);
  });

  it("has one empty page for an empty category and null for an unknown one", async () => {
    expect(await listCategoryProducts(db, "empty", { sort: "featured", page: 1 })).toMatchObject({
      items: [],
      total: 0,
      totalPages: 1,
    });
    expect(await listCategoryProducts(db, "no-such-category", { sort: "featured", page: 1 })).toBeNull();
  });

  it.each<[SortKey, (a: ProductCardData, b: ProductCardData) => boolean]>([
    ["price-asc", (a, b) => a.priceMinCents <= b.priceMinCents],
    ["price-desc", (a, b) => a.priceMinCents >= b.priceMinCents],
    [
      "rating",
      (a, b) =>
        a.ratingAverage > b.ratingAverage || (a.ratingAverage === b.ratingAverage && a.reviewCount >= b.reviewCount),
    ],
  ])("sorts by %s across pages without gaps or repeats", async (sort, inOrder) => {
    const items = await allPages("apparel", sort);
    expect(new Set(items.map((p) => p.id)).size).toBe(41);
    for (let i = 1; i < items.length; i++) expect(inOrder(items[i - 1]!, items[i]!)).toBe(true);
  });

  it("sorts newest first by publication date", async () => {
    const items = await allPages("apparel", "newest");
    // pants-NN was published NN days ago, the tee 40 days ago.
    expect(items.slice(0, 3).map((p) => p.slug)).toEqual(["pants-00", "pants-01", "pants-02"]);
    expect(items.at(-1)!.slug).toBe("classic-tee");
  });

  it("puts featured products first", async () => {
    const items = await allPages("apparel", "featured");
    expect(items.slice(0, 5).map((p) => p.slug)).toEqual([
      "pants-00",
      "pants-10",
      "pants-20",
      "pants-30",
      "classic-tee",
    ]);
  });

  it("shows the price range and the cheapest variant's sale price on cards", async () => {
    const tops = await listCategoryProducts(db, "tops", { sort: "featured", page: 1 });
    expect(tops!.items[0]).toMatchObject({
      priceMinCents: 2000,
      priceMaxCents: 2500,
      compareAtCents: 2500,
      currency: "USD",
      brandName: "Acme",
      reviewCount: 12,
      ratingAverage: 4.3,
      image: { url: "/media/products/tee-0.svg", alt: "Classic Tee view 1", width: 800, height: 800 },
    });
  });
});

describe("home sections", () => {
  it("lists featured products and new arrivals, active only", async () => {
    const featured = await listFeaturedProducts(db, 8);
    expect(featured.map((p) => p.slug)).toEqual(["pants-00", "pants-10", "pants-20", "pants-30", "classic-tee"]);
    const newest = await listNewArrivals(db, 3);
    expect(newest.map((p) => p.slug)).toEqual(["pants-00", "pants-01", "pants-02"]);
  });
});

describe("categories", () => {
  it("builds the tree and a category's breadcrumbs", async () => {
    const tree = await listCategoryTree(db);
    expect(tree.map((c) => [c.slug, c.children.map((child) => child.slug)])).toEqual([
      ["apparel", ["tops", "bottoms"]],
      ["empty", []],
    ]);
    const tops = await getCategoryBySlug(db, "tops");
    expect(tops).toMatchObject({ slug: "tops", ancestors: [{ slug: "apparel", name: "Apparel" }], children: [] });
    expect(await getCategoryBySlug(db, "nope")).toBeNull();
    expect(await listCategorySlugs(db)).toEqual(expect.arrayContaining(["apparel", "tops", "bottoms", "empty"]));
  });
});

describe("product detail", () => {
  it("returns options, variants, breadcrumbs and rating summary", async () => {
    const product = await getProductBySlug(db, "classic-tee");
    expect(product).not.toBeNull();
    expect(product!.categoryAncestors).toEqual([{ slug: "apparel", name: "Apparel" }]);
    expect(product!.category).toEqual({ slug: "tops", name: "Tops" });
    expect(product!.options.map((o) => [o.name, o.values.map((v) => v.value)])).toEqual([
      ["Size", ["S", "M", "L"]],
      ["Colour", ["Red", "Blue"]],
    ]);
    expect(product!.variants.map((v) => v.sku)).toEqual([
      "TEE-S-RED",
      "TEE-M-RED",
      "TEE-L-RED",
      "TEE-S-BLUE",
      "TEE-M-BLUE",
    ]);
    const sizeId = product!.options[0]!.id;
    const large = product!.options[0]!.values[2]!.id;
    expect(product!.variants[2]!.optionValues[sizeId]).toBe(large);
    expect(product!.rating).toEqual({ average: 4.3, count: 12, distribution: [0, 0, 4, 0, 8] });
    expect(product!.images).toHaveLength(2);
  });

  it.each(["draft-hat", "archived-hat", "no-such-product", "classic\u0000tee", "classic-tee\u0000", "Classic-Tee"])(
    "has no %j",
    async (slug) => {
      expect(await getProductBySlug(db, slug)).toBeNull();
    },
  );

  it("lists the newest 10 reviews and the total", async () => {
    const reviews = await listProductReviews(db, fixture.tee.id, { limit: 10 });
    expect(reviews.total).toBe(12);
    expect(reviews.items.map((r) => r.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Review ${i}`));
    expect(typeof reviews.items[0]!.createdAt).toBe("string");
  });
});

describe("sitemap", () => {
  it("lists categories and active products only", async () => {
    const paths = (await listSitemapEntries(db)).map((e) => e.path);
    expect(paths).toContain("/category/apparel");
    expect(paths).toContain("/products/classic-tee");
    expect(paths.filter((p) => p.startsWith("/products/"))).toHaveLength(41);
    expect(paths).not.toContain("/products/draft-hat");
    expect(paths).not.toContain("/products/archived-hat");
  });
});

describe("aggregates", () => {
  it("follows price and review changes", async () => {
    const variantId = fixture.tee.variants["L/Red"]!;
    await db.variant.update({ where: { id: variantId }, data: { priceCents: 3100 } });
    await db.review.create({ data: { productId: fixture.tee.id, authorName: "Late", rating: 1 } });
    await recomputeProductAggregates(db, fixture.tee.id);
    const row = await db.product.findUniqueOrThrow({ where: { id: fixture.tee.id } });
    expect(row).toMatchObject({ priceMinCents: 2000, priceMaxCents: 3100, reviewCount: 13, ratingAverage: 4.1 });
    // Restore, through the bulk path this time.
    await db.variant.update({ where: { id: variantId }, data: { priceCents: 2500 } });
    await db.review.deleteMany({ where: { productId: fixture.tee.id, authorName: "Late" } });
    expect(await refreshProductAggregates(db)).toBe(43);
    expect(await refreshProductAggregates(db, [])).toBe(0);
  });
});

describe("availability", () => {
  const HOUR = 3_600_000;

  async function order(token: string) {
    return db.order.create({
      data: {
        checkoutToken: token,
        email: "shopper@example.com",
        currency: "USD",
        subtotalCents: 2000,
        totalCents: 2000,
        shippingMethod: "standard",
        shippingMethodName: "Standard",
        shippingAddress: {},
      },
    });
  }

  it("sums locations, subtracts reservations and ignores expired ones", async () => {
    const v = fixture.tee.variants;
    const { west } = fixture.locations;
    const now = new Date();
    // S/Blue: 8 on hand in East (fixture) + 4 on hand in West with 3 reserved.
    await db.inventoryLevel.create({ data: { variantId: v["S/Blue"]!, locationId: west, onHand: 4, reserved: 3 } });
    const o = await order("availability-1");
    await db.reservation.createMany({
      data: [
        // Live: still holds its unit.
        {
          orderId: o.id,
          variantId: v["S/Blue"]!,
          locationId: west,
          quantity: 1,
          expiresAt: new Date(now.getTime() + HOUR),
        },
        // Expired but not yet swept: its 2 units are available again.
        {
          orderId: o.id,
          variantId: v["S/Blue"]!,
          locationId: west,
          quantity: 2,
          expiresAt: new Date(now.getTime() - HOUR),
        },
        // Already released or committed: no longer in `reserved`, must not be added back.
        {
          orderId: o.id,
          variantId: v["S/Blue"]!,
          locationId: west,
          quantity: 5,
          status: "RELEASED",
          expiresAt: new Date(now.getTime() - HOUR),
        },
        {
          orderId: o.id,
          variantId: v["S/Blue"]!,
          locationId: west,
          quantity: 7,
          status: "COMMITTED",
          expiresAt: new Date(now.getTime() - HOUR),
        },
      ],
    });

    const availability = await getAvailability(db, [...Object.values(v), "unknown-variant"], now);
    expect(availability).toEqual({
      [v["S/Red"]!]: 10,
      [v["M/Red"]!]: 3,
      [v["L/Red"]!]: 0,
      // 8 + (4 - 3) + 2 expired
      [v["S/Blue"]!]: 11,
      [v["M/Blue"]!]: 0,
      "unknown-variant": 0,
    });

    // An hour later the "live" reservation has expired too.
    const later = await getAvailability(db, [v["S/Blue"]!], new Date(now.getTime() + 2 * HOUR));
    expect(later[v["S/Blue"]!]).toBe(12);
  });

  it("leaves out stock in inactive locations and never goes below zero", async () => {
    const v = fixture.tee.variants;
    const closed = await db.location.create({ data: { code: "CLOSED", name: "Closed", active: false } });
    await db.inventoryLevel.create({ data: { variantId: v["M/Blue"]!, locationId: closed.id, onHand: 50 } });
    expect((await getAvailability(db, [v["M/Blue"]!]))[v["M/Blue"]!]).toBe(0);
    expect(await getAvailability(db, [])).toEqual({});
  });
});
