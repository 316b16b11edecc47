import { expect, test, type Page } from "@playwright/test";
import { formatPrice, query, withStockRestored } from "./support/db";

// Next.js keeps recently visited pages mounted but hidden (React Activity): every lookup is of the visible one.
const shown = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

interface Pick {
  slug: string;
  variantId: string;
  priceCents: number;
  title: string;
}

/** An in-stock variant with room for a quantity change, from the end of the catalog (other specs start at its beginning). */
async function pickVariant(minAvailable: number, offset = 0): Promise<Pick> {
  const [row] = await query<Pick>(
    `SELECT p.slug, v.id AS "variantId", v."priceCents", p.title
       FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
      WHERE p.status = 'ACTIVE' AND v."priceCents" BETWEEN 1000 AND 20000
        AND (SELECT SUM(l."onHand" - l.reserved) FROM "InventoryLevel" l WHERE l."variantId" = v.id) >= $1
      ORDER BY p.id DESC, v.position
      OFFSET $2 LIMIT 1`,
    [minAvailable, offset],
  );
  expect(row, "an in-stock variant in the demo catalog").toBeDefined();
  return row!;
}

test("the cart drawer opens after adding, updates optimistically and closes back to its opener", async ({ page }) => {
  const item = await pickVariant(5);
  const drawer = page.getByRole("dialog", { name: "Your cart" });

  await test.step("adding to the cart opens the drawer with the line", async () => {
    await page.goto(`/products/${item.slug}?variant=${item.variantId}`);
    await shown(page, "add-to-cart").click();
    await expect(drawer).toBeVisible();
    await expect(drawer).toHaveAttribute("data-testid", "cart-drawer");
    await expect(drawer).toHaveAttribute("aria-modal", "true");
    const line = drawer.getByTestId("cart-drawer-line");
    await expect(line).toHaveCount(1);
    await expect(line).toContainText(item.title);
    await expect(drawer.getByTestId("cart-drawer-subtotal")).toHaveText(formatPrice(item.priceCents, "USD"));
    // The product page still says so, and the header's count follows.
    await expect(shown(page, "add-to-cart-status")).toContainText("Added to your cart");
    await expect(shown(page, "cart-count")).toContainText("1");
  });

  await test.step("changing the quantity updates the subtotal", async () => {
    await drawer.getByTestId("cart-drawer-line-quantity").selectOption("3");
    await expect(drawer.getByTestId("cart-drawer-subtotal")).toHaveText(formatPrice(item.priceCents * 3, "USD"));
    await expect(drawer.getByTestId("cart-drawer-count")).toContainText("3 items");
    // The server agrees: the header's count (read per request) follows once the change is saved.
    await expect(shown(page, "cart-count")).toContainText("3");
    await expect(drawer.getByRole("link", { name: "Checkout" })).toHaveAttribute("href", "/checkout");
  });

  await test.step("Escape closes the drawer and focus returns to the add-to-cart button", async () => {
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(shown(page, "add-to-cart")).toBeFocused();
  });

  await test.step("the header's cart button reopens it with the saved quantity", async () => {
    await page.getByRole("link", { name: "Cart", exact: true }).filter({ visible: true }).click();
    await expect(drawer).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/products/${item.slug}`));
    await expect(drawer.getByTestId("cart-drawer-line-quantity")).toHaveValue("3");
    // Focus moved into the dialog and stays there on Tab.
    await expect(drawer.getByRole("button", { name: "Close cart" })).toBeFocused();
    for (let index = 0; index < 8; index += 1) await page.keyboard.press("Tab");
    expect(await drawer.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
    expect(await page.evaluate(() => document.body.style.overflow)).toBe("hidden");
  });

  await test.step("removing the line leaves the empty state", async () => {
    await drawer.getByRole("button", { name: `Remove ${item.title}` }).click();
    await expect(drawer.getByTestId("cart-drawer-line")).toHaveCount(0);
    await expect(drawer.getByTestId("cart-drawer-empty")).toContainText("Your cart is empty.");
    await expect(shown(page, "cart-count")).toHaveCount(0);
  });

  await test.step("the close button closes it and focus returns to the cart button", async () => {
    await drawer.getByRole("button", { name: "Close cart" }).click();
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("link", { name: "Cart", exact: true }).filter({ visible: true })).toBeFocused();
    expect(await page.evaluate(() => document.body.style.overflow)).toBe("");
  });
});

test("a refused quantity change rolls back and says why", async ({ page }) => {
  const item = await pickVariant(5, 1);
  const drawer = page.getByRole("dialog", { name: "Your cart" });
  await page.goto(`/products/${item.slug}?variant=${item.variantId}`);
  await shown(page, "add-to-cart").click();
  await expect(drawer.getByTestId("cart-drawer-line")).toHaveCount(1);

  // Someone else buys the rest while the drawer is open: only 1 unit is left for this shopper.
  await withStockRestored(item.variantId, async () => {
    await query(`UPDATE "InventoryLevel" SET "onHand" = reserved WHERE "variantId" = $1`, [item.variantId]);
    await query(
      `UPDATE "InventoryLevel" SET "onHand" = reserved + 1
        WHERE id = (SELECT id FROM "InventoryLevel" WHERE "variantId" = $1 ORDER BY id LIMIT 1)`,
      [item.variantId],
    );
    await drawer.getByTestId("cart-drawer-line-quantity").selectOption("4");
    await expect(drawer.getByTestId("cart-drawer-line")).toContainText(`Only 1 of ${item.title} available.`);
    await expect(drawer.getByTestId("cart-drawer-line-quantity")).toHaveValue("1");
    await expect(drawer.getByTestId("cart-drawer-subtotal")).toHaveText(formatPrice(item.priceCents, "USD"));
  });
});

test("the cart API answers the visitor's own cart, never cached", async ({ request }) => {
  const response = await request.get("/api/cart");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(await response.json()).toEqual({ cart: null });
});

test("without JavaScript the header's cart link goes to the cart page", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("link", { name: "Cart", exact: true }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await context.close();
});
