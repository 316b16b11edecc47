// The store's currency display (/admin/settings) end to end: an administrator switches prices to the ISO
// code, and a shopper sees "USD" on a product page (served from the page cache, which the save expired),
// in the cart, and in the order confirmation email in the development mailbox; then the administrator
// switches back and the product page shows the symbol again. Restored in `finally`, so every other spec
// (and a retry) sees the default symbol.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { query } from "./support/db";
import { createUser, E2E_ADMIN, signInPage, uniqueClientIp } from "./support/auth";
import { checkoutAsGuest } from "./support/checkout";

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  return context.newPage();
}

const visible = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

async function setCurrencyDisplay(admin: Page, display: "symbol" | "code") {
  await admin.goto("/admin/settings");
  const form = admin.getByRole("form", { name: "Store settings" });
  await form.getByLabel(/^How prices show the currency/).selectOption(display);
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText(/^Saved/);
}

test("prices follow the store's currency display: product page, cart and order email", async ({ browser }) => {
  test.setTimeout(240_000);
  const [variant] = await query<{ slug: string; id: string }>(
    `SELECT p.slug, v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId" JOIN "InventoryLevel" l ON l."variantId" = v.id
      WHERE p.status = 'ACTIVE' AND p.currency = 'USD' GROUP BY p.slug, v.id HAVING sum(l."onHand" - l.reserved) >= 5
      ORDER BY v.id LIMIT 1`,
  );
  expect(variant).toBeDefined();
  const productUrl = `/products/${variant!.slug}?variant=${variant!.id}`;
  const admin = await newPage(browser);
  const shopper = await newPage(browser);
  await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/settings");

  try {
    await test.step("the product page shows the symbol, and is cached that way", async () => {
      await shopper.goto(productUrl);
      await expect(shopper.getByTestId("product-price")).toContainText("$");
      await expect(shopper.getByTestId("product-price")).not.toContainText("USD");
    });

    await test.step("the administrator switches prices to the currency code", async () => {
      await setCurrencyDisplay(admin, "code");
    });

    await test.step("the product page shows USD (the cached page was expired by the save)", async () => {
      const response = await shopper.goto(productUrl);
      // The HTML as served, before any script ran: the server rendered the code too.
      expect(await response!.text()).toMatch(/USD\s*\d/);
      await expect(shopper.getByTestId("product-price")).toContainText(/USD\s*\d/);
      await expect(shopper.getByTestId("product-price")).not.toContainText("$");
      await visible(shopper, "add-to-cart").click();
      await expect(visible(shopper, "add-to-cart-status")).toContainText("Added to your cart");
    });

    await test.step("the cart shows USD", async () => {
      await shopper.goto("/cart");
      await expect(shopper.getByTestId("cart-subtotal")).toContainText(/USD\s*\d/);
    });

    await test.step("the order confirmation email shows USD", async () => {
      const email = `currency-${Date.now()}@example.com`;
      const orderNumber = await checkoutAsGuest(shopper, email);
      const staff = await newPage(browser);
      const reader = await createUser("STAFF");
      await signInPage(staff, reader.email, reader.password, "/account");
      await staff.goto("/dev/mail");
      const message = staff
        .getByTestId("mailbox")
        .locator("li")
        .filter({ hasText: `To ${email}` })
        .filter({ has: staff.getByRole("heading", { name: new RegExp(`order #${orderNumber} confirmed`) }) });
      await expect(message).toHaveCount(1);
      await expect(message.locator("pre")).toContainText(/Total: USD\s*\d/);
      await staff.context().close();
    });
  } finally {
    await test.step("the administrator switches back, and the product page shows the symbol again", async () => {
      await setCurrencyDisplay(admin, "symbol");
      await shopper.goto(productUrl);
      await expect(shopper.getByTestId("product-price")).toContainText("$");
      await expect(shopper.getByTestId("product-price")).not.toContainText("USD");
    });
  }
});
