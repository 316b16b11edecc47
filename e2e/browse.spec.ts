import { expect, test, type Page } from "@playwright/test";
import { availabilityText, formatPrice, query, variantFacts, withStockRestored, type VariantFacts } from "./support/db";

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Selects a variant the way a shopper does: one option value per radio group. */
async function pickVariant(page: Page, variant: VariantFacts) {
  for (const [option, value] of Object.entries(variant.options)) {
    const group = page.getByRole("radiogroup", { name: option });
    await group.getByRole("radio", { name: new RegExp(`^${escapeRegExp(value)}\\b`) }).click();
  }
}

test("a shopper goes from the home page to a category, a product and a variant", async ({ page }) => {
  await test.step("home page shows featured products and categories", async () => {
    await page.goto("/");
    await expect(page.getByTestId("product-card").first()).toBeVisible();
  });

  await test.step("the header leads to a category listing", async () => {
    const nav = page.getByRole("navigation").first();
    const categoryLink = nav.locator('a[href^="/category/"]').first();
    await categoryLink.click();
    await expect(page).toHaveURL(/\/category\//);
    await expect(page.getByTestId("product-card").first()).toBeVisible();
  });

  // The first product on the listing with more than one variant.
  const hrefs = await page
    .getByTestId("product-card")
    .locator('a[href^="/products/"]')
    .evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute("href")!))]);
  let slug: string | undefined;
  let variants: VariantFacts[] = [];
  for (const href of hrefs) {
    const candidate = new URL(href, "http://x").pathname.split("/")[2]!;
    const facts = await variantFacts(candidate);
    if (facts.length > 1) {
      slug = candidate;
      variants = facts;
      break;
    }
  }
  expect(slug, "the category lists a product with variants").toBeDefined();

  await test.step("a product card opens the product page", async () => {
    await page.locator(`[data-testid="product-card"] a[href^="/products/${slug}"]`).first().click();
    await expect(page).toHaveURL(new RegExp(`/products/${slug}`));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("availability")).toBeVisible();
  });

  await test.step("picking another variant updates the URL, price and availability", async () => {
    // Prefer a variant whose price or availability differs from the one shown first.
    const shownPrice = (await page.getByTestId("product-price").textContent()) ?? "";
    const shownAvailability = (await page.getByTestId("availability").textContent()) ?? "";
    const target =
      variants.find(
        (v) =>
          !shownPrice.includes(formatPrice(v.priceCents, v.currency)) ||
          !shownAvailability.includes(availabilityText(v)),
      ) ?? variants[variants.length - 1]!;
    await pickVariant(page, target);
    await expect(page).toHaveURL(new RegExp(`variant=${target.id}`));
    await expect(page.getByTestId("product-price")).toContainText(formatPrice(target.priceCents, target.currency));
    await expect(page.getByTestId("availability")).toContainText(availabilityText(target));
  });
});

test("availability is live: a stock change shows on the next request", async ({ page }) => {
  const [row] = await query<{ slug: string; variantId: string; lowStockThreshold: number }>(
    `SELECT p.slug, v.id AS "variantId", v."lowStockThreshold"
       FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
      WHERE p.status = 'ACTIVE'
        AND (SELECT SUM(l."onHand" - l.reserved) FROM "InventoryLevel" l WHERE l."variantId" = v.id) > 20
      ORDER BY p.slug, v.position LIMIT 1`,
  );
  expect(row).toBeDefined();
  await page.goto(`/products/${row!.slug}?variant=${row!.variantId}`);
  await expect(page.getByTestId("availability")).toContainText("In stock");

  await withStockRestored(row!.variantId, async () => {
    // Sell all but two units behind the store's back (as another checkout would).
    await query(`UPDATE "InventoryLevel" SET reserved = "onHand" WHERE "variantId" = $1`, [row!.variantId]);
    await query(
      `UPDATE "InventoryLevel" SET reserved = "onHand" - 2
        WHERE id = (SELECT id FROM "InventoryLevel" WHERE "variantId" = $1 AND "onHand" >= 2 ORDER BY id LIMIT 1)`,
      [row!.variantId],
    );
    await page.reload();
    await expect(page.getByTestId("availability")).toContainText(
      availabilityText({ available: 2, lowStockThreshold: row!.lowStockThreshold }),
    );

    await query(`UPDATE "InventoryLevel" SET reserved = "onHand" WHERE "variantId" = $1`, [row!.variantId]);
    await page.reload();
    await expect(page.getByTestId("availability")).toContainText("Out of stock");
    await expect(page.getByTestId("add-to-cart")).toBeDisabled();
  });
  // Back to what it was, which the page shows again.
  await page.reload();
  await expect(page.getByTestId("availability")).toContainText("In stock");
});

test("a category page fetches no other page's payload while it starts: its subcategory links wait for a click", async ({
  page,
}) => {
  const [parent] = await query<{ slug: string }>(
    `SELECT p.slug FROM "Category" p WHERE EXISTS (SELECT 1 FROM "Category" c WHERE c."parentId" = p.id) ORDER BY p.slug LIMIT 1`,
  );
  expect(parent, "a category with subcategories in the demo catalog").toBeDefined();
  const path = `/category/${parent!.slug}`;
  // Payloads of other pages (the filter form may ask for its own page's, a few hundred bytes).
  const payloads: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["rsc"] === "1" && new URL(request.url()).pathname !== path) payloads.push(request.url());
  });
  await page.goto(path);
  const subcategories = page.getByRole("navigation", { name: /subcategories$/ }).getByRole("link");
  await expect(subcategories.first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(payloads).toEqual([]);
  // The links still work: a click fetches the subcategory's page then.
  const href = await subcategories.first().getAttribute("href");
  await subcategories.first().click();
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(href!)}$`));
  expect(payloads.length).toBeGreaterThan(0);
});

test("unknown pages are a 404 page, never a stack trace", async ({ page }) => {
  for (const path of ["/products/no-such-product", "/category/no-such-category", "/nothing-here"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(/at \w+ \(|Error:/);
    await expect(page.getByRole("link", { name: /home|shop|continue/i }).first()).toBeVisible();
  }

  const [draft] = await query<{ slug: string }>(`SELECT slug FROM "Product" WHERE status <> 'ACTIVE' LIMIT 1`);
  if (draft) {
    expect((await page.goto(`/products/${draft.slug}`))?.status()).toBe(404);
  }
});

test("malformed parameters fall back to defaults", async ({ page }) => {
  const [category] = await query<{ slug: string }>(
    `SELECT c.slug FROM "Category" c WHERE EXISTS (SELECT 1 FROM "Product" p WHERE p."categoryId" = c.id AND p.status = 'ACTIVE') ORDER BY c.slug LIMIT 1`,
  );
  for (const search of ["?page=abc", "?page=-3", "?sort=DROP%20TABLE", "?page=1.5&sort=%27%22"]) {
    const response = await page.goto(`/category/${category!.slug}${search}`);
    expect(response?.status(), search).toBe(200);
    await expect(page.getByTestId("product-card").first()).toBeVisible();
  }
  const [product] = await query<{ slug: string }>(
    `SELECT slug FROM "Product" WHERE status = 'ACTIVE' ORDER BY slug LIMIT 1`,
  );
  for (const search of ["?variant=not-a-variant", "?variant=%3Cscript%3E", "?variant="]) {
    const response = await page.goto(`/products/${product!.slug}${search}`);
    expect(response?.status(), search).toBe(200);
    await expect(page.getByTestId("product-price")).toBeVisible();
  }
});

test("a listing's stock notes are live: a product sold out behind the store's back shows so on the cached category page, a filtered view and search", async ({
  page,
}) => {
  const [category] = await query<{ slug: string }>(
    `SELECT c.slug FROM "Category" c
      WHERE EXISTS (SELECT 1 FROM "Product" p WHERE p."categoryId" = c.id AND p.status = 'ACTIVE')
      ORDER BY c.slug LIMIT 1`,
  );
  await page.goto(`/category/${category!.slug}`);
  const cards = page.getByTestId("product-card");
  await expect(cards.first()).toBeVisible();
  // A product the cached listing shows in stock.
  const inStock = cards.filter({ hasNot: page.getByText("Out of stock") }).first();
  const href = await inStock.getByRole("link").getAttribute("href");
  const slug = href!.replace(/^\/products\//, "");
  const [product] = await query<{ title: string }>(`SELECT title FROM "Product" WHERE slug = $1`, [slug]);
  const title = product!.title;
  const card = (testId: string) =>
    page.getByTestId(testId).filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await expect(card("product-card")).not.toContainText("Out of stock");

  // Every unit of every variant sold, straight in the database: no tag is revalidated, the search index is
  // not told, so only the live stock read can know.
  const levels = await query<{ id: string; reserved: number }>(
    `SELECT l.id, l.reserved FROM "InventoryLevel" l JOIN "Variant" v ON v.id = l."variantId"
       JOIN "Product" p ON p.id = v."productId" WHERE p.slug = $1`,
    [slug],
  );
  try {
    await query(`UPDATE "InventoryLevel" SET reserved = "onHand" WHERE id = ANY($1::text[])`, [
      levels.map((level) => level.id),
    ]);
    await page.reload();
    await expect(card("product-card")).toContainText("Out of stock");
    await page.goto(`/category/${category!.slug}?q=${encodeURIComponent(title)}`);
    await expect(card("product-card")).toContainText("Out of stock");
    await page.goto(`/search?q=${encodeURIComponent(title)}`);
    await expect(card("search-result")).toContainText("Out of stock");
  } finally {
    for (const level of levels) {
      await query(`UPDATE "InventoryLevel" SET reserved = $2 WHERE id = $1`, [level.id, level.reserved]);
    }
  }
  await page.reload();
  await expect(card("search-result")).not.toContainText("Out of stock");
});
