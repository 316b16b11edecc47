import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import { rebuildRecommendationCounts } from "@/lib/recommendations/counts";
import { productRecommendations } from "@/lib/recommendations/queries";
import { salesSeries } from "@/lib/reports/sales";
import { topProducts } from "@/lib/reports/top-products";
import { seedDemoCatalog, seedSyntheticCatalog, type SeedDemoResult } from "@/lib/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

/** The seeded order history, without generated ids: what two seeds with the same `now` must share. */
async function orderHistory(prisma: Db) {
  const orders = await prisma.order.findMany({
    orderBy: { number: "asc" },
    select: {
      number: true,
      checkoutToken: true,
      email: true,
      status: true,
      paymentStatus: true,
      totalCents: true,
      refundedCents: true,
      createdAt: true,
      paidAt: true,
      lines: { select: { sku: true, quantity: true, unitPriceCents: true }, orderBy: { sku: "asc" } },
      shipments: { select: { status: true, shippedAt: true, deliveredAt: true }, orderBy: { shippedAt: "asc" } },
    },
  });
  return orders;
}

describe("demo catalog seed", () => {
  let db: TestDatabase;
  let uploads: string;
  let first: SeedDemoResult;
  // One instant for both seeds of the determinism check (dates are offsets from it).
  const now = new Date();
  const previousUploadDir = process.env.UPLOAD_DIR;

  beforeAll(async () => {
    uploads = await mkdtemp(path.join(os.tmpdir(), "seed-test-uploads-"));
    process.env.UPLOAD_DIR = uploads;
    db = await createTestDatabase("seed");
    first = await seedDemoCatalog(db.prisma, { now });
  });

  afterAll(async () => {
    await db?.drop();
    if (uploads) await rm(uploads, { recursive: true, force: true });
    if (previousUploadDir === undefined) delete process.env.UPLOAD_DIR;
    else process.env.UPLOAD_DIR = previousUploadDir;
  });

  it("creates a store that looks real: products, categories, brands, variants", async () => {
    expect(first.skipped).toBe(false);
    expect(first.products).toBeGreaterThanOrEqual(220);
    expect(await db.prisma.product.count({ where: { status: "ACTIVE" } })).toBeGreaterThanOrEqual(200);
    expect(await db.prisma.product.count({ where: { status: "DRAFT" } })).toBeGreaterThan(0);
    expect(await db.prisma.product.count({ where: { status: "ARCHIVED" } })).toBeGreaterThan(0);
    expect(await db.prisma.product.count({ where: { status: "DRAFT", publishedAt: { not: null } } })).toBe(0);

    const categoriesWithProducts = await db.prisma.product.groupBy({ by: ["categoryId"] });
    expect(categoriesWithProducts.length).toBeGreaterThanOrEqual(8);
    // A real tree: every category with products sits under a top-level category.
    const leaves = await db.prisma.category.findMany({
      where: { id: { in: categoriesWithProducts.map((row) => row.categoryId) } },
    });
    expect(leaves.every((category) => category.parentId !== null)).toBe(true);

    const brandsWithProducts = await db.prisma.product.groupBy({ by: ["brandId"], where: { brandId: { not: null } } });
    expect(brandsWithProducts.length).toBeGreaterThanOrEqual(10);

    const variantCounts = await db.prisma.variant.groupBy({ by: ["productId"], _count: { _all: true } });
    const multiVariant = variantCounts.filter((row) => row._count._all > 1).length;
    expect(multiVariant / first.products).toBeGreaterThan(0.75);
    // A few products are sold as one default variant without options.
    expect(variantCounts.some((row) => row._count._all === 1)).toBe(true);

    const featured = await db.prisma.product.count({ where: { featured: true, status: "ACTIVE" } });
    expect(featured).toBeGreaterThanOrEqual(8);
    expect(featured).toBeLessThanOrEqual(12);
  });

  it("gives every variant a unique SKU and exactly one value per product option", async () => {
    const variants = await db.prisma.variant.findMany({
      select: { sku: true, productId: true, _count: { select: { optionValues: true } } },
    });
    expect(new Set(variants.map((variant) => variant.sku)).size).toBe(variants.length);
    for (const variant of variants) expect(variant.sku).toMatch(/^[A-Z]{3}-[A-Z]{3}-\d{4}(-[A-Z0-9]+){0,2}$/);

    const optionCounts = new Map(
      (await db.prisma.productOption.groupBy({ by: ["productId"], _count: { _all: true } })).map((row) => [
        row.productId,
        row._count._all,
      ]),
    );
    for (const variant of variants) expect(variant._count.optionValues).toBe(optionCounts.get(variant.productId) ?? 0);
    expect(await db.prisma.productOption.count({ where: { name: "Size" } })).toBeGreaterThan(50);
    expect(await db.prisma.productOption.count({ where: { name: "Colour" } })).toBeGreaterThan(50);
  });

  it("keeps denormalised prices and ratings equal to the variants and reviews", async () => {
    const priceMismatches = await db.prisma.$queryRaw<{ id: string }[]>`
      SELECT p.id FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
      GROUP BY p.id
      HAVING p."priceMinCents" <> MIN(v."priceCents") OR p."priceMaxCents" <> MAX(v."priceCents")
          OR bool_or(v.currency <> p.currency)`;
    expect(priceMismatches).toEqual([]);

    const ratingMismatches = await db.prisma.$queryRaw<{ id: string }[]>`
      SELECT p.id FROM "Product" p LEFT JOIN "Review" r ON r."productId" = p.id
      GROUP BY p.id
      HAVING p."reviewCount" <> COUNT(r.id)
          OR abs(p."ratingAverage" - COALESCE(round(AVG(r.rating)::numeric, 2), 0)::float8) > 1e-9`;
    expect(ratingMismatches).toEqual([]);

    const reviewsPerProduct = await db.prisma.review.groupBy({ by: ["productId"], _count: { _all: true } });
    expect(Math.max(...reviewsPerProduct.map((row) => row._count._all))).toBeLessThanOrEqual(12);
    const ratings = await db.prisma.review.groupBy({ by: ["rating"], _count: { _all: true } });
    const count = (rating: number) => ratings.find((row) => row.rating === rating)?._count._all ?? 0;
    // Skewed positive, as real reviews are.
    expect(count(5) + count(4)).toBeGreaterThan(3 * (count(1) + count(2)));

    // Some products are on sale (compare-at above price) and some variants cost more than their siblings.
    expect(await db.prisma.variant.count({ where: { compareAtPriceCents: { not: null } } })).toBeGreaterThan(0);
    const [onSaleBelowPrice] = await db.prisma.$queryRaw<{ count: bigint }[]>`
      SELECT COUNT(*) AS count FROM "Variant" WHERE "compareAtPriceCents" <= "priceCents"`;
    expect(Number(onSaleBelowPrice?.count)).toBe(0);
    expect(
      await db.prisma.product.count({ where: { priceMaxCents: { gt: db.prisma.product.fields.priceMinCents } } }),
    ).toBeGreaterThan(10);
  });

  it("stocks two warehouses, with low, single-location and sold-out variants", async () => {
    const locations = await db.prisma.location.findMany({ orderBy: { priority: "asc" } });
    expect(locations.map((location) => [location.code, location.priority])).toEqual([
      ["WH-EAST", 0],
      ["WH-WEST", 1],
    ]);

    const variantCount = await db.prisma.variant.count();
    expect(await db.prisma.inventoryLevel.count()).toBe(variantCount * 2);

    const totals = await db.prisma.$queryRaw<
      { productId: string; onHand: number; locations: number; threshold: number }[]
    >`
      SELECT v."productId", SUM(i."onHand")::int AS "onHand", COUNT(*) FILTER (WHERE i."onHand" > 0)::int AS locations,
             v."lowStockThreshold" AS threshold
      FROM "Variant" v JOIN "InventoryLevel" i ON i."variantId" = v.id
      GROUP BY v.id`;
    expect(totals.filter((row) => row.onHand > 0 && row.onHand <= 3).length).toBeGreaterThan(0);
    expect(totals.filter((row) => row.onHand === 0).length).toBeGreaterThan(0);
    expect(totals.filter((row) => row.locations === 1).length).toBeGreaterThan(0);
    expect(totals.filter((row) => row.onHand > row.threshold).length / totals.length).toBeGreaterThan(0.7);

    const soldOutProducts = await db.prisma.$queryRaw<{ id: string }[]>`
      SELECT p.id FROM "Product" p JOIN "Variant" v ON v."productId" = p.id JOIN "InventoryLevel" i ON i."variantId" = v.id
      WHERE p.status = 'ACTIVE' GROUP BY p.id HAVING SUM(i."onHand") = 0`;
    expect(soldOutProducts.length).toBeGreaterThan(0);

    // Every unit on hand is explained by the adjustments at the same location: the opening count
    // (INITIAL) less the demo order history's sales (SALE), and nothing else.
    const unexplained = await db.prisma.$queryRaw<{ id: string }[]>`
      SELECT i.id FROM "InventoryLevel" i
      LEFT JOIN "InventoryAdjustment" a ON a."variantId" = i."variantId" AND a."locationId" = i."locationId"
      GROUP BY i.id HAVING i."onHand" <> COALESCE(SUM(a.delta), 0)`;
    expect(unexplained).toEqual([]);
    const reasons = await db.prisma.inventoryAdjustment.groupBy({ by: ["reason"] });
    expect(reasons.map((row) => row.reason).sort()).toEqual(["INITIAL", "SALE"]);
    expect(await db.prisma.inventoryLevel.count({ where: { reserved: { not: 0 } } })).toBe(0);
  });

  it("spreads publication dates over past months so 'newest' means something", async () => {
    const active = await db.prisma.product.findMany({
      where: { status: "ACTIVE" },
      select: { publishedAt: true, createdAt: true },
    });
    const now = Date.now();
    const ages = active.map((product) => (now - (product.publishedAt?.getTime() ?? now)) / 86_400_000);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...ages)).toBeLessThan(31);
    expect(Math.max(...ages)).toBeGreaterThan(90);
    expect(active.every((product) => product.publishedAt && product.createdAt <= product.publishedAt)).toBe(true);
  });

  it("writes two to five generated SVG images per product to the upload directory", async () => {
    const images = await db.prisma.productImage.findMany();
    const perProduct = new Map<string, number>();
    for (const image of images) perProduct.set(image.productId, (perProduct.get(image.productId) ?? 0) + 1);
    expect(perProduct.size).toBe(first.products);
    for (const count of perProduct.values()) {
      expect(count).toBeGreaterThanOrEqual(2);
      expect(count).toBeLessThanOrEqual(5);
    }
    for (const image of images) {
      expect(image.url).toMatch(/^\/media\/products\/[a-z0-9-]+\.[0-9a-f]{10}\.svg$/);
      expect(image.width).toBe(800);
      expect(image.height).toBe(1000);
      expect(image.alt.length).toBeGreaterThan(3);
    }
    for (const image of images.slice(0, 40)) {
      const file = path.join(uploads, image.url.replace(/^\/media\//, ""));
      await access(file);
      const svg = await readFile(file, "utf8");
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).not.toMatch(/<script|href=|on\w+=/i);
    }
    await Promise.all(images.map((image) => access(path.join(uploads, image.url.replace(/^\/media\//, "")))));
  });

  it("pictures every colour a product is sold in, tagged with its Colour value for the gallery", async () => {
    const colours = await db.prisma.productOptionValue.findMany({
      where: { option: { name: "Colour" } },
      select: { id: true, value: true, option: { select: { productId: true } }, images: { select: { alt: true } } },
    });
    expect(colours.length).toBeGreaterThan(100);
    for (const colour of colours) {
      expect(colour.images.length, `${colour.value} of ${colour.option.productId}`).toBeGreaterThanOrEqual(1);
      for (const image of colour.images) expect(image.alt).toContain(` in ${colour.value}`);
    }
    // Images of products without a Colour option show no option value.
    const tagged = await db.prisma.productImage.findMany({
      where: { optionValueId: { not: null } },
      select: { productId: true, optionValue: { select: { option: { select: { productId: true, name: true } } } } },
    });
    for (const image of tagged)
      expect(image.optionValue?.option).toEqual({ productId: image.productId, name: "Colour" });
  });

  it("has a tax rate for every US state and DC and every EU country the store ships to", async () => {
    const rates = await db.prisma.taxRate.findMany();
    const rateOf = (country: string, region = "") =>
      rates.find((rate) => rate.country === country && rate.region === region);
    const usRegions = [
      ...["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS"],
      ...["KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC"],
      ...["ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"],
    ];
    expect(usRegions).toHaveLength(51);
    for (const region of usRegions) expect(rateOf("US", region), `US-${region}`).toBeDefined();
    // The five states without a state sales tax have a 0 row (the checkout says so); the rest charge tax.
    const untaxed = rates.filter((rate) => rate.country === "US" && rate.rateBps === 0).map((rate) => rate.region);
    expect(untaxed.sort()).toEqual(["AK", "DE", "MT", "NH", "OR"]);
    expect(rateOf("US", "OR")?.name).toBe("Oregon sales tax");

    const EU = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV"];
    EU.push("LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");
    const shipped = new Set((await db.prisma.shippingRate.findMany()).flatMap((rate) => rate.countries));
    const shippedEu = EU.filter((country) => shipped.has(country));
    expect(shippedEu.length).toBeGreaterThanOrEqual(15);
    for (const country of shippedEu) {
      expect(rateOf(country)?.rateBps, country).toBeGreaterThanOrEqual(1700);
    }
  });

  it("configures shipping, tax and demo coupons", async () => {
    const rates = await db.prisma.shippingRate.findMany();
    expect(new Set(rates.map((rate) => rate.zone))).toEqual(new Set(["domestic", "north-america", "europe", "world"]));
    expect(rates).toHaveLength(8);
    const domesticStandard = rates.find((rate) => rate.zone === "domestic" && rate.method === "STANDARD");
    expect(domesticStandard?.countries).toEqual(["US"]);
    expect(domesticStandard?.freeOverCents).toBe(7500);
    expect(rates.find((rate) => rate.zone === "world" && rate.method === "EXPRESS")?.countries).toEqual([]);

    expect(
      await db.prisma.taxRate.findUnique({ where: { country_region: { country: "US", region: "CA" } } }),
    ).toMatchObject({ rateBps: 725 });
    expect(
      await db.prisma.taxRate.findUnique({ where: { country_region: { country: "GB", region: "" } } }),
    ).toMatchObject({ rateBps: 2000 });

    expect(await db.prisma.coupon.findUnique({ where: { code: "WELCOME10" } })).toMatchObject({
      type: "PERCENTAGE",
      value: 1000,
      minSubtotalCents: 5000,
    });
    expect(await db.prisma.coupon.findUnique({ where: { code: "SAVE5" } })).toMatchObject({
      type: "FIXED_AMOUNT",
      value: 500,
    });
  });

  it("gives the store a 90-day order history in realistic proportions, with stock and reports to match", async () => {
    expect(first.orders).toBeGreaterThanOrEqual(250);
    const byStatus = Object.fromEntries(
      (await db.prisma.order.groupBy({ by: ["status"], _count: { _all: true } })).map((row) => [
        row.status,
        row._count._all,
      ]),
    );
    expect(Object.keys(byStatus).sort()).toEqual(["CANCELLED", "DELIVERED", "FULFILLED", "PAID", "REFUNDED"]);
    expect(byStatus.DELIVERED).toBeGreaterThan(first.orders / 2);
    for (const status of ["CANCELLED", "REFUNDED", "PAID", "FULFILLED"]) {
      expect(byStatus[status]).toBeLessThan(first.orders / 10);
    }
    const oldest = await db.prisma.order.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    const newest = await db.prisma.order.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect((now.getTime() - oldest.createdAt.getTime()) / 86_400_000).toBeGreaterThan(60);
    expect((now.getTime() - oldest.createdAt.getTime()) / 86_400_000).toBeLessThanOrEqual(90);
    expect(newest.createdAt.getTime()).toBeLessThan(now.getTime());

    // Paid orders left stock through committed reservations and SALE adjustments; cancelled ones never did.
    const [sales] = await db.prisma.$queryRaw<{ sold: number; committed: number; lines: number }[]>`
      SELECT (SELECT -sum(delta) FROM "InventoryAdjustment" WHERE reason = 'SALE')::int AS sold,
             (SELECT sum(quantity) FROM "Reservation" WHERE status = 'COMMITTED')::int AS committed,
             (SELECT sum(l.quantity) FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
               WHERE o.status <> 'CANCELLED')::int AS lines`;
    expect(sales?.sold).toBeGreaterThan(0);
    expect(sales?.committed).toBe(sales?.sold);
    expect(sales?.lines).toBe(sales?.sold);

    // The dashboard's chart and top products have data.
    const period = { now, days: 30, currency: "USD", timeZone: "UTC" };
    const series = await salesSeries(db.prisma, period);
    expect(series.totals.orders).toBeGreaterThan(30);
    expect(series.days.filter((day) => day.orders > 0).length).toBeGreaterThan(15);
    expect((await topProducts(db.prisma, period)).byUnits.length).toBe(5);
  });

  it("counts co-purchases from the history, the same as a rebuild, so recommendations have pairs", async () => {
    const strongPairs = await db.prisma.productPair.count({ where: { orders: { gte: 2 } } });
    expect(strongPairs).toBeGreaterThan(10);
    const counted = await db.prisma.recommendationOrder.count({ where: { counted: true } });
    expect(counted).toBe(
      await db.prisma.order.count({ where: { status: { in: ["PAID", "FULFILLED", "DELIVERED"] } } }),
    );
    const pairs = () =>
      db.prisma.productPair.findMany({
        select: { productAId: true, productBId: true, orders: true },
        orderBy: [{ productAId: "asc" }, { productBId: "asc" }],
      });
    const before = await pairs();
    await runTransaction(db.prisma, (tx) => rebuildRecommendationCounts(tx));
    expect(await pairs()).toEqual(before);

    const best = await db.prisma.productPair.findFirstOrThrow({ orderBy: [{ orders: "desc" }, { productAId: "asc" }] });
    const row = await productRecommendations(db.prisma, best.productAId);
    expect(row.products.length).toBeGreaterThan(0);
  });

  it("seeds the same order history twice from the same seed and instant", async () => {
    const second = await createTestDatabase("seed_again");
    try {
      await seedDemoCatalog(second.prisma, { now });
      const [mine, theirs] = await Promise.all([orderHistory(db.prisma), orderHistory(second.prisma)]);
      expect(theirs.length).toBe(first.orders);
      expect(theirs).toEqual(mine);
    } finally {
      await second.drop();
    }
  });

  it("adds nothing when run a second time", async () => {
    const before = await Promise.all([
      db.prisma.product.count(),
      db.prisma.variant.count(),
      db.prisma.review.count(),
      db.prisma.category.count(),
      db.prisma.shippingRate.count(),
      db.prisma.coupon.count(),
    ]);
    const second = await seedDemoCatalog(db.prisma);
    expect(second.skipped).toBe(true);
    expect(second.products).toBe(0);
    const after = await Promise.all([
      db.prisma.product.count(),
      db.prisma.variant.count(),
      db.prisma.review.count(),
      db.prisma.category.count(),
      db.prisma.shippingRate.count(),
      db.prisma.coupon.count(),
    ]);
    expect(after).toEqual(before);
  });

  it("adds a synthetic catalog of exactly N products with variants and stock, again and again", async () => {
    const before = await db.prisma.product.count();
    const progress: number[] = [];
    const result = await seedSyntheticCatalog(db.prisma, {
      products: 500,
      batchSize: 200,
      onProgress: ({ done }) => progress.push(done),
    });
    expect(result.products).toBe(500);
    expect(await db.prisma.product.count()).toBe(before + 500);
    expect(progress.at(-1)).toBe(500);

    const added = await db.prisma.product.findMany({
      where: { slug: { contains: `-${result.runTag}-` } },
      select: { id: true, priceMinCents: true, _count: { select: { variants: true, images: true } } },
    });
    expect(added).toHaveLength(500);
    expect(
      added.every(
        (product) => product._count.variants >= 1 && product._count.images === 1 && product.priceMinCents > 0,
      ),
    ).toBe(true);
    const addedIds = added.map((product) => product.id);
    const variantCount = await db.prisma.variant.count({ where: { productId: { in: addedIds } } });
    expect(variantCount).toBe(result.variants);
    expect(await db.prisma.inventoryLevel.count({ where: { variant: { productId: { in: addedIds } } } })).toBe(
      variantCount * 2,
    );
    const stocked = await db.prisma.inventoryLevel.aggregate({
      where: { variant: { productId: { in: addedIds } } },
      _sum: { onHand: true },
    });
    expect(stocked._sum.onHand ?? 0).toBeGreaterThan(0);

    // A second run gets its own slugs and SKUs (the unique constraints would reject a collision).
    const again = await seedSyntheticCatalog(db.prisma, { products: 50 });
    expect(again.runTag).not.toBe(result.runTag);
    expect(await db.prisma.product.count()).toBe(before + 550);
  });

  it("rejects a product count out of range", async () => {
    await expect(seedSyntheticCatalog(db.prisma, { products: 0 })).rejects.toThrow(RangeError);
    await expect(seedSyntheticCatalog(db.prisma, { products: 1.5 })).rejects.toThrow(RangeError);
    await expect(seedSyntheticCatalog(db.prisma, { products: 1_000_001 })).rejects.toThrow(RangeError);
  });
});
