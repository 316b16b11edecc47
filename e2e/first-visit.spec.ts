// What a first visit showed as rough edges: the gallery follows the chosen colour, the header count
// follows a payment, the header works on a phone, the browser finds its icons, and the checkout says when
// no tax is charged.
import { expect, test, type Page } from "@playwright/test";
import { checkoutAsGuest } from "./support/checkout";
import { query } from "./support/db";

const shown = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

/** An active product sold in several colours, with each colour's first tagged image (in gallery order). */
async function productInColours() {
  const rows = await query<{ slug: string; colour: string; url: string; position: number }>(
    `SELECT DISTINCT ON (p.id, ov.id) p.slug, ov.value AS colour, i.url, ov.position
       FROM "Product" p
       JOIN "ProductOption" o ON o."productId" = p.id AND o.name = 'Colour'
       JOIN "ProductOptionValue" ov ON ov."optionId" = o.id
       JOIN "ProductImage" i ON i."optionValueId" = ov.id
      WHERE p.status = 'ACTIVE'
        AND (SELECT count(*) FROM "ProductOptionValue" x WHERE x."optionId" = o.id) >= 3
      ORDER BY p.id, ov.id, i.position, i.id`,
  );
  const slug = rows[0]?.slug;
  const colours = rows.filter((row) => row.slug === slug).sort((a, b) => a.position - b.position);
  expect(colours.length).toBeGreaterThanOrEqual(3);
  return { slug: slug!, colours };
}

test("the product gallery shows the colour the shopper picks", async ({ page }) => {
  const { slug, colours } = await productInColours();
  await page.goto(`/products/${slug}`);
  const main = shown(page, "gallery-main-image");
  const colourGroup = page.getByRole("radiogroup", { name: "Colour" }).filter({ visible: true });
  const variantInUrl = () => new URL(page.url()).searchParams.get("variant");
  // The last colour, then the second: each time the main image becomes that colour's picture.
  let previous: string | null = null;
  for (const colour of [colours[colours.length - 1]!, colours[1]!]) {
    // A click that lands before the page has hydrated does nothing (as for a shopper, who clicks again).
    await expect(async () => {
      await colourGroup.getByRole("radio", { name: new RegExp(`^${colour.colour}`) }).click();
      await expect(main).toHaveAttribute("src", colour.url, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(main).toHaveAttribute("alt", new RegExp(`in ${colour.colour}`));
    // The URL follows the pick.
    await expect.poll(variantInUrl).not.toBe(previous);
    previous = variantInUrl();
  }
  // A shared link to that variant opens on its colour's picture.
  await page.reload();
  await expect(main).toHaveAttribute("src", colours[1]!.url);
});

test("after paying, the header's cart count is gone without a reload, and stays gone", async ({ page }) => {
  const [item] = await query<{ slug: string; variantId: string }>(
    `SELECT p.slug, v.id AS "variantId" FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
      WHERE p.status = 'ACTIVE'
        AND (SELECT SUM(l."onHand" - l.reserved) FROM "InventoryLevel" l WHERE l."variantId" = v.id) >= 5
      ORDER BY p.slug DESC, v.position LIMIT 1`,
  );
  await page.goto(`/products/${item!.slug}?variant=${item!.variantId}`);
  await shown(page, "add-to-cart").click();
  await expect(shown(page, "cart-count")).toHaveText(/1/);
  await checkoutAsGuest(page, `count-${Date.now()}@example.com`);
  await expect(shown(page, "cart-count")).toHaveCount(0);
  // Moving on inside the app (no reload) never brings the old count back from a cached page.
  await page
    .getByRole("link", { name: /Northwind Supply/ })
    .filter({ visible: true })
    .first()
    .click();
  await expect(page).toHaveURL(/\/$/);
  await expect(shown(page, "cart-count")).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("the header's search box is wide enough to use and the category bar shows it scrolls", async ({ page }) => {
    await page.goto("/");
    const search = page.getByRole("combobox", { name: "Search products" }).filter({ visible: true });
    const box = await search.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(200);
    await search.fill("hoodie");
    await search.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=hoodie/);

    const bar = shown(page, "category-bar");
    const overflow = await bar.evaluate((element) => ({
      scrolls: element.scrollWidth > element.clientWidth,
      mask: getComputedStyle(element).maskImage || getComputedStyle(element).getPropertyValue("-webkit-mask-image"),
    }));
    expect(overflow.scrolls).toBe(true);
    expect(overflow.mask).toContain("linear-gradient");
    // Every category stays reachable: the last link scrolls into view when focused.
    const last = bar.getByRole("link").last();
    await last.focus();
    await expect(last).toBeInViewport();
  });
});

test("the browser finds the icon and the web manifest", async ({ request }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/image\//);
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  expect(((await manifest.json()) as { name?: string }).name).toBeTruthy();
});

test("the checkout says when no sales tax is charged", async ({ page }) => {
  const [item] = await query<{ slug: string; variantId: string }>(
    `SELECT p.slug, v.id AS "variantId" FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
      WHERE p.status = 'ACTIVE'
        AND (SELECT SUM(l."onHand" - l.reserved) FROM "InventoryLevel" l WHERE l."variantId" = v.id) >= 5
      ORDER BY p.slug DESC, v.position OFFSET 3 LIMIT 1`,
  );
  await page.goto(`/products/${item!.slug}?variant=${item!.variantId}`);
  await shown(page, "add-to-cart").click();
  await expect(shown(page, "add-to-cart-status")).toContainText("Added to your cart");
  await page.goto("/cart");
  await shown(page, "checkout-link").click();
  await page.getByLabel("Email").filter({ visible: true }).fill(`oregon-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Continue to address" }).filter({ visible: true }).click();
  await page.getByLabel("First name").filter({ visible: true }).fill("Linus");
  await page.getByLabel("Last name").filter({ visible: true }).fill("Pauling");
  await page.getByLabel("Address", { exact: true }).filter({ visible: true }).fill("1 Pioneer Sq");
  await page.getByLabel("City").filter({ visible: true }).fill("Portland");
  await page.getByLabel("State / province / region").filter({ visible: true }).fill("OR");
  await page.getByLabel("Postal code").filter({ visible: true }).fill("97204");
  await page.getByLabel("Country").filter({ visible: true }).selectOption("US");
  await page.getByRole("button", { name: "Continue to delivery" }).filter({ visible: true }).click();
  await page.getByRole("button", { name: "Continue to review" }).filter({ visible: true }).click();
  await expect(shown(page, "tax-note")).toHaveText("No sales tax for Oregon.");
});
