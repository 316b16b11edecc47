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

test("the heaviest product pages stay within 60 KB", async ({ request }) => {
  // What grows a product page: its variants (each a row of the picker's table and an offer in the JSON-LD)
  // and the newest five reviews' text (in the HTML and again in the RSC payload). The products that lead
  // on either, or on an estimate of both, are the worst cases: the demo catalog's largest variant matrix
  // (32 variants) and lark-recycled-mesh-trail-runner (27 variants and five long reviews) among them.
  const candidates = await query<{ slug: string; variants: number; reviews: number }>(
    `WITH weights AS (
       SELECT p.slug,
              (SELECT count(*)::int FROM "Variant" v WHERE v."productId" = p.id) AS variants,
              (SELECT count(*)::int FROM "Review" r WHERE r."productId" = p.id AND r.status = 'PUBLISHED') AS reviews,
              (SELECT coalesce(sum(length(t.title) + length(t.body) + length(t."authorName")), 0)::int
                 FROM (SELECT r.title, r.body, r."authorName" FROM "Review" r
                        WHERE r."productId" = p.id AND r.status = 'PUBLISHED'
                        ORDER BY r."createdAt" DESC LIMIT 5) t) AS "reviewText"
         FROM "Product" p
        WHERE p.status = 'ACTIVE')
     (SELECT slug, variants, reviews FROM weights ORDER BY variants DESC, "reviewText" DESC, slug LIMIT 3)
     UNION
     (SELECT slug, variants, reviews FROM weights ORDER BY "reviewText" DESC, variants DESC, slug LIMIT 3)
     UNION
     (SELECT slug, variants, reviews FROM weights ORDER BY variants * 300 + "reviewText" * 2 DESC, slug LIMIT 6)`,
  );
  const most = Math.max(...candidates.map((product) => product.variants));
  expect(most, "the demo catalog's largest variant matrix").toBeGreaterThanOrEqual(30);
  const sizes: string[] = [];
  for (const product of candidates) {
    const path = `/products/${product.slug}`;
    const bytes = await htmlBytes(request, path);
    sizes.push(`${path}: ${bytes} bytes (${product.variants} variants, ${product.reviews} reviews)`);
    expect.soft(bytes, `${path} (${product.variants} variants)`).toBeLessThanOrEqual(PRODUCT_BUDGET);
  }
  console.log(sizes.join("\n"));
});
