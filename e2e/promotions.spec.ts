// Automatic promotions end to end: an administrator creates a buy-2-get-1 promotion for one product (the
// form says in a sentence what it combines with); a guest puts three of it in the cart, sees the
// promotion by name in the drawer, on the cart page and at review, pays, and finds it on the order.
// The promotion covers one product from the middle of the catalog (other specs pick from its ends) and is
// deactivated at the end, so nobody else's totals change.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN, signInPage, uniqueClientIp } from "./support/auth";
import { guestCheckoutToReview } from "./support/checkout";
import { formatPrice, query } from "./support/db";

const shown = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  return context.newPage();
}

test("a buy-2-get-1 promotion shows in the cart and in the order", async ({ browser }) => {
  test.setTimeout(240_000);
  const [item] = await query<{ slug: string; variantId: string; priceCents: number }>(
    `SELECT p.slug, v.id AS "variantId", v."priceCents"
       FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
      WHERE p.status = 'ACTIVE' AND v."priceCents" BETWEEN 1000 AND 5000
        AND (SELECT SUM(l."onHand" - l.reserved) FROM "InventoryLevel" l WHERE l."variantId" = v.id) >= 6
      ORDER BY p.id, v.position
      OFFSET 120 LIMIT 1`,
  );
  expect(item, "an in-stock variant in the middle of the demo catalog").toBeDefined();
  const name = `Buy 2 get 1 free ${Date.now()}`;
  const admin = await newPage(browser);

  await test.step("the administrator creates the promotion; the form says what it combines with", async () => {
    await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/promotions");
    const form = admin.getByRole("form", { name: "New promotion" });
    const stacking = admin.getByTestId("stacking-line").first();
    await expect(stacking).toContainText("does not apply when the shopper uses a coupon code");
    await form.getByLabel("Name shoppers see").fill(name);
    await form.getByLabel("Kind").selectOption("BUY_X_GET_Y");
    await form.getByLabel("Applies to").selectOption("PRODUCTS");
    await form.getByLabel("Slugs").fill(item!.slug);
    await form.getByLabel("Buy (X)").fill("2");
    await form.getByLabel("Get (Y)").fill("1");
    await form.getByLabel("Combines with coupon codes").check();
    await expect(stacking).toContainText("combines with coupon codes");
    await form.getByRole("button", { name: "Create promotion" }).click();
    await expect(form.getByRole("status")).toHaveText("Promotion created.");
    const row = admin.locator(`[data-promotion="${name}"]`);
    await expect(row).toContainText("Buy 2 get 1 free");
    await expect(row.getByTestId("promotion-stacking")).toHaveText(
      "Does not combine with other promotions (the first by priority wins); combines with coupon codes.",
    );
  });

  const shopper = await newPage(browser);
  const off = formatPrice(item!.priceCents, "USD");
  await test.step("three in the cart: the drawer and the cart page name the promotion", async () => {
    await shopper.goto(`/products/${item!.slug}?variant=${item!.variantId}`);
    await shown(shopper, "add-to-cart").click();
    const drawer = shopper.getByRole("dialog", { name: "Your cart" });
    await expect(drawer).toBeVisible();
    await drawer.getByTestId("cart-drawer-line-quantity").selectOption("3");
    await expect(drawer.getByTestId("cart-discount")).toHaveText(`${name}−${off}`);
    await shopper.goto("/cart");
    await expect(shown(shopper, "cart-discount")).toHaveText(`${name}−${off}`);
    await expect(shown(shopper, "cart-discounted-subtotal")).toHaveText(formatPrice(item!.priceCents * 2, "USD"));
  });

  let orderNumber = 0;
  await test.step("checkout shows it at review and the order keeps it by name", async () => {
    await guestCheckoutToReview(shopper, `promo-${Date.now()}@example.com`);
    await expect(shown(shopper, "promotion-discount")).toHaveText(`−${off}`);
    await expect(shopper.getByText(name).filter({ visible: true })).toBeVisible();
    await shown(shopper, "place-order").click();
    await shopper.getByLabel("Card number").filter({ visible: true }).fill("4242 4242 4242 4242");
    await shopper.getByRole("button", { name: /^Pay / }).filter({ visible: true }).click();
    await expect(
      shopper.getByRole("heading", { name: "Thank you for your order!" }).filter({ visible: true }),
    ).toBeVisible();
    orderNumber = Number(((await shown(shopper, "order-number").textContent()) ?? "").replace("#", ""));
    await expect(shown(shopper, "order-discount")).toHaveText(`−${off}`);
    await expect(shopper.getByText(name).filter({ visible: true })).toBeVisible();
    const discounts = await query<{ name: string; amountCents: number; status: string; discountCents: number }>(
      `SELECT d.name, d."amountCents", o.status, o."discountCents"
         FROM "OrderDiscount" d JOIN "Order" o ON o.id = d."orderId" WHERE o.number = $1`,
      [orderNumber],
    );
    expect(discounts).toEqual([
      { name, amountCents: item!.priceCents, status: "PAID", discountCents: item!.priceCents },
    ]);
  });

  await test.step("the administrator deactivates it", async () => {
    await admin.reload();
    const row = admin.locator(`[data-promotion="${name}"]`);
    await row.locator("summary").click();
    await row.getByRole("button", { name: "Deactivate" }).click();
    await expect(row.getByRole("status")).toHaveText("Deactivated.");
    const [promotion] = await query<{ active: boolean; timesUsed: number }>(
      `SELECT active, "timesUsed" FROM "Promotion" WHERE name = $1`,
      [name],
    );
    expect(promotion).toEqual({ active: false, timesUsed: 0 });
  });
});
