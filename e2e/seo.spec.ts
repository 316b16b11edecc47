import { expect, test } from "@playwright/test";
import { query } from "./support/db";

test("the sitemap lists every active product and nothing else", async ({ request, baseURL }) => {
  // Catalog caches are stale-while-revalidate (revalidateTag "max"): right after a product changes (other
  // specs create one in the admin), the first request may still get the previous sitemap while it is
  // rebuilt in the background. The sitemap must agree with the database once that refresh has happened.
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

test("a product page carries metadata, Open Graph and JSON-LD", async ({ page }) => {
  const [product] = await query<{ slug: string; title: string }>(
    `SELECT slug, title FROM "Product" WHERE status = 'ACTIVE' AND "reviewCount" > 0 ORDER BY slug LIMIT 1`,
  );
  await page.goto(`/products/${product!.slug}`);
  await expect(page).toHaveTitle(new RegExp(product!.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /.+/);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /.+/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    "href",
    new RegExp(`/products/${product!.slug}$`),
  );

  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  const data = blocks.map((block) => JSON.parse(block) as { "@type": string | string[] });
  const types = data.flatMap((item) => item["@type"]);
  expect(types).toContain("Product");
  expect(types).toContain("BreadcrumbList");
  const productLd = data.find((item) => item["@type"] === "Product") as unknown as {
    name: string;
    offers: unknown;
    aggregateRating?: { reviewCount: number | string };
  };
  expect(productLd.name).toBe(product!.title);
  expect(productLd.offers).toBeTruthy();
  expect(productLd.aggregateRating).toBeTruthy();
});
