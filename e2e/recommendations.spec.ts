// Recommendations in the demo store, whose seed includes a 90-day order history: "frequently bought
// together" on a product page (server-rendered cards below the fold), "you may also like" in the cart
// drawer and under a search that found nothing, and "recently viewed" after visiting two products.
import { expect, test, type Page } from "@playwright/test";
import { query } from "./support/db";

// Next.js keeps recently visited pages mounted but hidden (React Activity): every lookup is of the visible one.
const shown = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

const IN_STOCK = `(SELECT sum(l."onHand" - l.reserved) FROM "Variant" v JOIN "InventoryLevel" l ON l."variantId" = v.id
                    WHERE v."productId" = p.id) > 0`;

/** Slugs the storefront must never suggest: drafts, archived and sold-out products. */
async function hiddenSlugs(): Promise<Set<string>> {
  const rows = await query<{ slug: string }>(
    `SELECT p.slug FROM "Product" p WHERE p.status <> 'ACTIVE' OR NOT ${IN_STOCK}`,
  );
  return new Set(rows.map((row) => row.slug));
}

async function suggestedSlugs(links: ReturnType<Page["locator"]>): Promise<string[]> {
  const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
  return hrefs.map((href) => href.replace(/^\/products\//, ""));
}

test("a product page shows what other shoppers bought with it, never a hidden product", async ({ page }) => {
  // The product with the most co-purchases whose partners can be bought.
  const [pair] = await query<{ slug: string; partner: string }>(
    `SELECT p.slug, q.title AS partner FROM "ProductPair" pp
       JOIN "Product" p ON p.id = pp."productAId" JOIN "Product" q ON q.id = pp."productBId"
      WHERE pp.orders >= 2 AND p.status = 'ACTIVE' AND q.status = 'ACTIVE'
        AND ${IN_STOCK.replaceAll("p.id", "q.id")}
      ORDER BY pp.orders DESC, p.id LIMIT 1`,
  );
  expect(pair, "a co-purchased pair in the demo order history").toBeDefined();

  await page.goto(`/products/${pair!.slug}`);
  const section = shown(page, "product-recommendations");
  // Asked for when the shopper scrolls near it (the page's end).
  await page.getByRole("contentinfo").scrollIntoViewIfNeeded();
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByRole("heading", { name: "Frequently bought together" })).toBeVisible();
  await expect(section).toContainText(pair!.partner);
  const slugs = await suggestedSlugs(section.locator("a[href^='/products/']"));
  expect(slugs.length).toBeGreaterThan(0);
  expect(slugs).not.toContain(pair!.slug);
  const hidden = await hiddenSlugs();
  for (const slug of slugs) expect(hidden.has(slug), `${slug} is not for sale`).toBe(false);
});

test("the cart drawer and an empty search suggest products you may also like", async ({ page }) => {
  const [item] = await query<{ slug: string; title: string }>(
    `SELECT p.slug, p.title FROM "Product" p JOIN "ProductSales" s ON s."productId" = p.id
      WHERE p.status = 'ACTIVE' AND ${IN_STOCK} ORDER BY s.orders DESC, p.id OFFSET 3 LIMIT 1`,
  );
  expect(item).toBeDefined();

  await test.step("the drawer suggests products to go with the cart's", async () => {
    await page.goto(`/products/${item!.slug}`);
    await shown(page, "add-to-cart").click();
    const drawer = page.getByRole("dialog", { name: "Your cart" });
    await expect(drawer).toBeVisible();
    const suggestions = drawer.getByTestId("cart-recommendations");
    await expect(suggestions.getByRole("heading", { name: "You may also like" })).toBeVisible();
    await expect(suggestions.getByTestId("cart-recommendation").first()).toBeVisible();
    const slugs = await suggestedSlugs(suggestions.locator("a[href^='/products/']"));
    expect(slugs).not.toContain(item!.slug);
    const hidden = await hiddenSlugs();
    for (const slug of slugs) expect(hidden.has(slug), `${slug} is not for sale`).toBe(false);
  });

  await test.step("a search that finds nothing shows best sellers", async () => {
    await page.goto("/search?q=qqzzxxvv");
    await expect(shown(page, "zero-results")).toBeVisible();
    const section = shown(page, "search-recommendations");
    await expect(section.getByRole("heading", { name: "You may also like" })).toBeVisible();
    await expect(section.getByTestId("product-card").first()).toBeVisible();
  });
});

test("recently viewed lists the products visited before, kept in the browser only", async ({ page, context }) => {
  const [first, second] = await query<{ slug: string; title: string }>(
    `SELECT p.slug, p.title FROM "Product" p WHERE p.status = 'ACTIVE' ORDER BY p.slug LIMIT 2`,
  );
  expect(second).toBeDefined();
  await page.goto(`/products/${first!.slug}`);
  // Recorded once the page has hydrated.
  await expect
    .poll(() => page.evaluate(() => window.localStorage.getItem("recently-viewed:v1") ?? ""))
    .toContain(first!.slug);
  await page.goto(`/products/${second!.slug}`);
  const recent = shown(page, "recently-viewed");
  await recent.scrollIntoViewIfNeeded();
  await expect(recent.getByTestId("recently-viewed-item")).toHaveCount(1);
  await expect(recent).toContainText(first!.title);
  await expect(recent).not.toContainText(second!.title);
  // No tracking cookie: the list lives in localStorage.
  const cookies = await context.cookies();
  expect(cookies.map((cookie) => cookie.name).filter((name) => /recent|viewed/i.test(name))).toEqual([]);
  expect(await page.evaluate(() => window.localStorage.getItem("recently-viewed:v1"))).toContain(second!.slug);

  await test.step("the empty cart and the 404 page list both, and record nothing", async () => {
    await page.goto("/cart");
    await expect(shown(page, "cart-empty")).toBeVisible();
    const onCart = shown(page, "recently-viewed");
    await expect(onCart.getByTestId("recently-viewed-item")).toHaveCount(2);
    await expect(onCart.getByTestId("recently-viewed-item").first()).toContainText(second!.title);
    await expect(onCart).toContainText(first!.title);
    const missing = await page.goto("/products/no-such-product-anywhere");
    expect(missing!.status()).toBe(404);
    const onMissing = shown(page, "recently-viewed");
    await expect(onMissing.getByTestId("recently-viewed-item")).toHaveCount(2);
    await onMissing.getByRole("link", { name: new RegExp(first!.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).click();
    await expect(page).toHaveURL(new RegExp(`/products/${first!.slug}$`));
  });
});
