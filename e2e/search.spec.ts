import { expect, test } from "@playwright/test";
import { E2E_ADMIN, signInPage, uniqueClientIp } from "./support/auth";
import { query } from "./support/db";

// Next.js keeps recently visited pages mounted but hidden: look up the visible elements only.
const shown = (page: import("@playwright/test").Page, testId: string) =>
  page.getByTestId(testId).filter({ visible: true });

// npm start falls back to PostgreSQL search when Meilisearch does not start, and the store keeps working:
// every other search spec would pass on the fallback too. The store under test must be the real thing.
test("the store searches with Meilisearch, not the PostgreSQL fallback", async ({ request }) => {
  for (const path of ["/api/search?q=backpack", "/api/search/suggest?q=backpak"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(((await response.json()) as { degraded?: boolean }).degraded, path).toBe(false);
  }
});

/**
 * Ticking a box submits the filter form only once its enhancement is attached (components/search/auto-submit.tsx,
 * in an effect, again after each new URL remounts the form), which then hides the Apply button; a tick
 * before that would change nothing on a slow machine.
 */
async function filtersEnhanced(page: import("@playwright/test").Page) {
  await expect(page.getByRole("button", { name: "Apply filters" })).toHaveCount(0);
}

test("the header search box suggests products as you type and opens one", async ({ page }) => {
  const [product] = await query<{ title: string; slug: string }>(
    `SELECT title, slug FROM "Product" WHERE status = 'ACTIVE' AND title ILIKE '%backpack%' ORDER BY slug LIMIT 1`,
  );
  expect(product).toBeDefined();
  await page.goto("/");
  const box = shown(page, "search-box");
  await box.fill("backpak"); // a typo on purpose
  const suggestion = shown(page, "search-suggestion").first();
  await expect(suggestion).toBeVisible();
  await expect(suggestion).toContainText(/backpack/i);
  await box.press("ArrowDown");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/products\//);
  await expect(page.getByRole("heading", { level: 1 }).filter({ visible: true })).toContainText(/backpack/i);
});

test("facets narrow the results, live in the URL, and the back button restores them", async ({ page }) => {
  await page.goto("/search?q=jacket");
  await expect(shown(page, "search-result").first()).toBeVisible();
  await filtersEnhanced(page);
  const brandBoxes = shown(page, "facet-brand").locator('input[type="checkbox"]:not([disabled])');
  expect(await brandBoxes.count()).toBeGreaterThanOrEqual(2);
  const brands = [await brandBoxes.nth(0).getAttribute("value"), await brandBoxes.nth(1).getAttribute("value")];

  await brandBoxes.nth(0).check();
  await expect(page).toHaveURL(new RegExp(`brand=${encodeURIComponent(brands[0]!).replace(/%20/g, "(\\+|%20)")}`));
  await filtersEnhanced(page);
  await shown(page, "facet-brand").locator(`input[value="${brands[1]}"]`).check();
  await expect(page).toHaveURL(/brand=.*brand=/);
  await filtersEnhanced(page);
  const priceBox = shown(page, "facet-price").locator('input[type="checkbox"]:not([disabled])').first();
  await priceBox.check();
  await expect(page).toHaveURL(/price=/);
  const filteredUrl = page.url();

  // Every result is of one of the two brands.
  const results = shown(page, "search-result");
  await expect(results.first()).toBeVisible();
  const texts = await results.allTextContents();
  for (const text of texts) expect(brands.some((brand) => text.includes(brand!))).toBe(true);

  await page.goBack();
  await expect(page).not.toHaveURL(/price=/);
  await expect(shown(page, "facet-price").locator("input:checked")).toHaveCount(0);
  await expect(shown(page, "facet-brand").locator("input:checked")).toHaveCount(2);
  await page.goForward();
  await expect(page).toHaveURL(filteredUrl);
  await expect(shown(page, "facet-price").locator("input:checked")).toHaveCount(1);

  // Back to the page first loaded: a document served from the cached page of its query
  // (lib/search/listing-route.ts), while the steps in between were rendered per request.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/brand=/);
  await expect(shown(page, "facet-brand").locator("input:checked")).toHaveCount(1);
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=jacket$/);
  await expect(shown(page, "facet-brand").locator("input:checked")).toHaveCount(0);
  await expect(shown(page, "facet-price").locator("input:checked")).toHaveCount(0);
  // And forward again, to the views ticked on it.
  await page.goForward();
  await expect(page).toHaveURL(/brand=/);
  await expect(shown(page, "facet-brand").locator("input:checked")).toHaveCount(1);
});

test("a search page and a filtered category view load from the cache as documents, and show an admin's edit within seconds", async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const [product] = await query<{ id: string; title: string; category: string }>(
    `SELECT p.id, p.title, c.slug AS category FROM "Product" p JOIN "Category" c ON c.id = p."categoryId"
      WHERE p.status = 'ACTIVE' AND p.title ILIKE '%backpack%' ORDER BY p.slug DESC LIMIT 1`,
  );
  const { id, title, category } = product!;
  const q = encodeURIComponent(title);
  // Each one under two spellings of the same query (parameters reordered, a default, a stray parameter):
  // one normalised query, one cache entry. A document request carries no header of Next's router.
  const views = [
    [`/search?q=${q}&sort=price-asc`, `/search?sort=price-asc&page=1&q=${q}&utm_source=mail`],
    [`/category/${category}?q=${q}&sort=price-asc`, `/category/${category}?sort=price-asc&q=${q}&page=1`],
  ];
  for (const [first, second] of views) {
    expect((await request.get(first!)).status(), first).toBe(200);
    const again = await request.get(second!);
    expect(again.status(), second).toBe(200);
    expect(again.headers()["x-nextjs-cache"], second).toMatch(/^(HIT|STALE)$/);
  }

  const admin = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const edited = `${title} Edited ${Date.now().toString(36)}`;
  const rename = async (to: string) => {
    await admin.getByLabel("Title", { exact: true }).fill(to);
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByRole("heading", { level: 1, name: to })).toBeVisible();
  };
  await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/products/${id}`);
  await rename(edited);
  try {
    // The admin's save expires the listing's tags; the search index learns the new title through the
    // outbox, a moment later. Each look is a new document load of the cached page.
    for (const [path] of views) {
      await expect
        .poll(
          async () => {
            await page.goto(path!);
            return page.getByRole("link", { name: edited, exact: true }).filter({ visible: true }).count();
          },
          { timeout: 60_000, intervals: [500, 1000, 2000] },
        )
        .toBeGreaterThan(0);
    }
  } finally {
    await rename(title);
    await admin.context().close();
  }
});

test("a typed query becomes removable filter chips, and the back button brings a removed chip back", async ({
  page,
}) => {
  await page.goto("/search?q=blue+hoodie");
  const results = shown(page, "search-result");
  await expect(results.first()).toBeVisible();
  // "blue" became the colour family filter and "hoodie" the category, both shown as chips and ticked in
  // the sidebar, as if the shopper had ticked them.
  const colourChip = shown(page, "filter-chip").filter({ hasText: "Colour: blue family" });
  await expect(colourChip).toBeVisible();
  await expect(shown(page, "filter-chip").filter({ hasText: "Category: Hoodies & Sweatshirts" })).toBeVisible();
  await expect(shown(page, "facet-colourFamily").locator('input[value="blue"]')).toBeChecked();
  const blueCount = Number((await shown(page, "search-count").textContent())!.match(/of (\d+)/)![1]);
  for (const text of await results.allTextContents()) expect(text).not.toMatch(/\bTee\b|Henley/);

  await colourChip.click();
  await expect(page).not.toHaveURL(/colourFamily=/);
  await expect(page).toHaveURL(/interpret=0/);
  await expect(shown(page, "filter-chip").filter({ hasText: "Colour: blue family" })).toHaveCount(0);
  await expect(shown(page, "facet-colourFamily").locator("input:checked")).toHaveCount(0);
  // Every hoodie, whatever its colour: more than the blue ones.
  await expect
    .poll(async () => Number((await shown(page, "search-count").textContent())!.match(/of (\d+)/)![1]))
    .toBeGreaterThan(blueCount);

  await page.goBack();
  await expect(page).toHaveURL(/q=blue\+hoodie/);
  await expect(shown(page, "filter-chip").filter({ hasText: "Colour: blue family" })).toBeVisible();
});

test("a price in the query is a chip and a ticked price filter; nothing found never dead-ends", async ({ page }) => {
  await page.goto("/search?q=gift+under+30");
  await expect(shown(page, "filter-chip").filter({ hasText: "Under $30" })).toBeVisible();
  await expect(shown(page, "facet-price").locator('input[value="0-30"]')).toBeChecked();
  for (const text of await shown(page, "search-result").allTextContents()) {
    const price = Number(text.match(/\$(\d+(?:\.\d+)?)/)![1]);
    expect(price).toBeLessThan(30);
  }

  await page.goto("/search?q=kids+beanie");
  await expect(shown(page, "search-understanding")).toContainText("For: Kids");
  await expect(shown(page, "search-result").first()).toBeVisible();

  await page.goto("/search?q=dog+leash");
  await expect(shown(page, "zero-results")).toBeVisible();
  await expect(shown(page, "popular-product").first()).toBeVisible();
});
