import { expect, test } from "@playwright/test";
import { query, variantFacts } from "./support/db";

test("the sitemap lists every active product and nothing else", async ({ request, baseURL }) => {
  // Other specs create and change products in the admin at the same time: the sitemap must agree with the
  // database once the writes in flight have committed and expired its cache tags.
  await expect(async () => {
    const response = await request.get("/sitemap.xml");
    expect(response.status()).toBe(200);
    const xml = await response.text();
    const paths = new Set([...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname));

    const products = await query<{ slug: string; status: string }>(`SELECT slug, status FROM "Product"`);
    const active = products.filter((product) => product.status === "ACTIVE");
    const inactive = products.filter((product) => product.status !== "ACTIVE");
    expect(active.length).toBeGreaterThanOrEqual(200);
    expect(inactive.length, "the demo catalog has draft or archived products").toBeGreaterThan(0);

    const missing = active.filter((product) => !paths.has(`/products/${product.slug}`)).map((p) => p.slug);
    expect(missing, "active products missing from the sitemap").toEqual([]);
    const leaked = inactive.filter((product) => paths.has(`/products/${product.slug}`)).map((p) => p.slug);
    expect(leaked, "draft or archived products in the sitemap").toEqual([]);
    expect(xml).toContain(baseURL!);
  }).toPass({ timeout: 20_000, intervals: [500, 1_000, 2_000] });
});

test("robots.txt points at the sitemap and keeps private areas out", async ({ request }) => {
  const text = await (await request.get("/robots.txt")).text();
  expect(text).toMatch(/Sitemap: .*\/sitemap\.xml/);
  expect(text).toMatch(/Disallow: \/admin/);
  expect(text).toMatch(/Disallow: \/checkout/);
});

/** "19.99" from 1999 cents (two-decimal currencies, as the demo catalog's USD), by string arithmetic. */
function decimal(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

test("a product page carries metadata, Open Graph and JSON-LD", async ({ page, baseURL }) => {
  // Not a product another spec changed straight in the database, which no cache tag follows (returns.spec
  // adds options with E2E- SKUs to a product picked by id): its cached page would rightly lack them.
  const [product] = await query<{ id: string; slug: string; title: string; seoTitle: string | null }>(
    `SELECT p.id, p.slug, p.title, p."seoTitle" FROM "Product" p
      WHERE p.status = 'ACTIVE' AND p."reviewCount" > 0
        AND NOT EXISTS (SELECT 1 FROM "Variant" v WHERE v."productId" = p.id AND v.sku LIKE 'E2E-%')
      ORDER BY p.slug LIMIT 1`,
  );
  const [image] = await query<{ url: string }>(
    `SELECT url FROM "ProductImage" WHERE "productId" = $1 ORDER BY position, id LIMIT 1`,
    [product!.id],
  );
  const variants = await query<{ sku: string; priceCents: number; currency: string }>(
    `SELECT sku, "priceCents", currency FROM "Variant" WHERE "productId" = $1 ORDER BY position, sku`,
    [product!.id],
  );
  const [reviews] = await query<{ count: number; sum: number }>(
    `SELECT count(*)::int AS count, coalesce(sum(rating), 0)::int AS sum FROM "Review"
      WHERE "productId" = $1 AND status = 'PUBLISHED'`,
    [product!.id],
  );
  const available = new Map((await variantFacts(product!.slug)).map((facts) => [facts.id, facts.available]));
  const skuAvailable = new Map(
    (
      await query<{ id: string; sku: string }>(`SELECT id, sku FROM "Variant" WHERE "productId" = $1`, [product!.id])
    ).map((row) => [row.sku, available.get(row.id) ?? 0]),
  );

  await page.goto(`/products/${product!.slug}`);
  const title = product!.seoTitle ?? product!.title;
  await expect(page).toHaveTitle(new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", title);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", `${baseURL}${image!.url}`);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    "href",
    new RegExp(`/products/${product!.slug}$`),
  );

  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  const data = blocks.map((block) => JSON.parse(block) as { "@type": string | string[] });
  const types = data.flatMap((item) => item["@type"]);
  expect(types).toContain("Product");
  expect(types).toContain("BreadcrumbList");
  // The trail's crumbs are absolute URLs on the site's origin, the product page last.
  const trailLd = data.find((item) => item["@type"] === "BreadcrumbList") as unknown as {
    itemListElement: { name: string; item: string }[];
  };
  expect(trailLd.itemListElement[0]).toMatchObject({ name: "Home", item: `${baseURL}/` });
  expect(trailLd.itemListElement.at(-1)).toMatchObject({
    name: product!.title,
    item: `${baseURL}/products/${product!.slug}`,
  });
  const productLd = data.find((item) => item["@type"] === "Product") as unknown as {
    name: string;
    itemCondition: string;
    offers: { sku: string; price: string; priceCurrency: string; availability: string }[];
    aggregateRating?: { ratingValue: number; reviewCount: number };
  };
  expect(productLd.name).toBe(product!.title);
  // Every offer is new: said once, on the Product.
  expect(productLd.itemCondition).toBe("https://schema.org/NewCondition");
  // One offer per variant, with its exact price, currency and live availability.
  expect(
    productLd.offers.map(({ sku, price, priceCurrency, availability }) => ({
      sku,
      price,
      priceCurrency,
      availability,
    })),
  ).toEqual(
    variants.map((variant) => ({
      sku: variant.sku,
      price: decimal(variant.priceCents),
      priceCurrency: variant.currency,
      availability:
        (skuAvailable.get(variant.sku) ?? 0) > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
    })),
  );
  // The rating as the page shows it: the reviews' own count and their average to one decimal.
  expect(reviews!.count).toBeGreaterThan(0);
  expect(productLd.aggregateRating).toMatchObject({
    ratingValue: Math.round((reviews!.sum / reviews!.count) * 10) / 10,
    reviewCount: reviews!.count,
  });
});
