import { expect, test } from "@playwright/test";
import { query } from "./support/db";

// The pages' HTML budgets (docs/benchmarks.md): a product page at most 60 KB, home and a category page at
// most 100 KB, as a crawler gets them (no Accept-Encoding, so no compression). Sizes, not timings.
// KB as the benchmarks print it (1,000 bytes).
const KB = 1000;
const PRODUCT_BUDGET = 60 * KB;
const LISTING_BUDGET = 100 * KB;

async function htmlBytes(request: import("@playwright/test").APIRequestContext, path: string): Promise<number> {
  const response = await request.get(path, { headers: { "accept-encoding": "identity" } });
  expect(response.status(), path).toBe(200);
  return (await response.body()).byteLength;
}

test("home and a category page stay within 100 KB", async ({ request }) => {
  const [category] = await query<{ slug: string }>(
    `SELECT c.slug FROM "Category" c WHERE c."parentId" IS NULL ORDER BY c.slug LIMIT 1`,
  );
  expect(category, "a top-level category in the demo catalog").toBeDefined();
  for (const path of ["/", `/category/${category!.slug}`]) {
    expect(await htmlBytes(request, path), path).toBeLessThanOrEqual(LISTING_BUDGET);
  }
});

test("a product page showing five reviews stays within 60 KB", async ({ request }) => {
  // A clothing product of the demo catalog (colours and sizes) with at least five published reviews: its
  // page shows the newest five, the rating bars and the sort links.
  const [product] = await query<{ slug: string; reviews: number; variants: number }>(
    `SELECT p.slug,
            (SELECT count(*)::int FROM "Review" r WHERE r."productId" = p.id AND r.status = 'PUBLISHED') AS reviews,
            (SELECT count(*)::int FROM "Variant" v WHERE v."productId" = p.id) AS variants
       FROM "Product" p
      WHERE p.status = 'ACTIVE'
        AND (SELECT count(*) FROM "Review" r WHERE r."productId" = p.id AND r.status = 'PUBLISHED') >= 5
        AND (SELECT count(*) FROM "Variant" v WHERE v."productId" = p.id) BETWEEN 8 AND 12
      ORDER BY p.slug
      LIMIT 1`,
  );
  expect(product, "a product with five reviews and several variants").toBeDefined();
  const path = `/products/${product!.slug}`;
  const response = await request.get(path, { headers: { "accept-encoding": "identity" } });
  const html = await response.text();
  expect(html.match(/<article/g) ?? [], "five reviews on the page").toHaveLength(5);
  expect(Buffer.byteLength(html), `${path} (${product!.variants} variants)`).toBeLessThanOrEqual(PRODUCT_BUDGET);
});

test("the product with the most variants stays within 60 KB", async ({ request }) => {
  // Each variant adds its row to the picker's table and its offer to the JSON-LD: the demo catalog's largest
  // variant matrix (32 variants), with the most published reviews among those.
  const [product] = await query<{ slug: string; variants: number; reviews: number }>(
    `SELECT p.slug,
            (SELECT count(*)::int FROM "Variant" v WHERE v."productId" = p.id) AS variants,
            (SELECT count(*)::int FROM "Review" r WHERE r."productId" = p.id AND r.status = 'PUBLISHED') AS reviews
       FROM "Product" p
      WHERE p.status = 'ACTIVE'
      ORDER BY variants DESC, reviews DESC, p.slug
      LIMIT 1`,
  );
  expect(product, "an active product").toBeDefined();
  expect(product!.variants, "the demo catalog's largest variant matrix").toBeGreaterThanOrEqual(30);
  const path = `/products/${product!.slug}`;
  const bytes = await htmlBytes(request, path);
  console.log(`${path}: ${bytes} bytes (${product!.variants} variants, ${product!.reviews} reviews)`);
  expect(bytes, `${path} (${product!.variants} variants)`).toBeLessThanOrEqual(PRODUCT_BUDGET);
});
