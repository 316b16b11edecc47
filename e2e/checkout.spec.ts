import { expect, test, type Browser, type Page } from "@playwright/test";
import { formatPrice, query, withStockRestored } from "./support/db";

// Next.js keeps recently visited pages mounted but hidden (React Activity), so a test id can match an
// element of the page before: every lookup below is of the visible one.
const shown = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

interface Pick {
  slug: string;
  variantId: string;
  priceCents: number;
  title: string;
  variantTitle: string;
}

/** In-stock variants of active products, each from a different product (none touched by other tests). */
async function pickVariants(count: number, minAvailable: number, offset: number): Promise<Pick[]> {
  return query<Pick>(
    `SELECT DISTINCT ON (p.id) p.slug, v.id AS "variantId", v."priceCents", p.title, v.title AS "variantTitle"
       FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
      WHERE p.status = 'ACTIVE' AND v."priceCents" BETWEEN 2000 AND 20000
        AND (SELECT SUM(l."onHand" - l.reserved) FROM "InventoryLevel" l WHERE l."variantId" = v.id) >= $1
      ORDER BY p.id, v.position
      OFFSET $2 LIMIT $3`,
    [minAvailable, offset, count],
  );
}

async function stockOf(variantId: string) {
  const [row] = await query<{ onHand: string; reserved: string }>(
    `SELECT SUM("onHand") AS "onHand", SUM(reserved) AS reserved FROM "InventoryLevel" WHERE "variantId" = $1`,
    [variantId],
  );
  return { onHand: Number(row!.onHand), reserved: Number(row!.reserved) };
}

async function addToCart(page: Page, item: Pick) {
  await page.goto(`/products/${item.slug}?variant=${item.variantId}`);
  await shown(page, "add-to-cart").click();
  await expect(shown(page, "add-to-cart-status")).toContainText("Added to your cart");
}

async function checkoutToReview(page: Page, email: string) {
  await page.goto("/cart");
  await shown(page, "checkout-link").click();
  await page.getByLabel("Email").filter({ visible: true }).fill(email);
  await page.getByRole("button", { name: "Continue to address" }).filter({ visible: true }).click();
  await expect(page).toHaveURL(/\/checkout\/shipping/);
  await page.getByLabel("First name").filter({ visible: true }).fill("Ada");
  await page.getByLabel("Last name").filter({ visible: true }).fill("Lovelace");
  await page.getByLabel("Address", { exact: true }).filter({ visible: true }).fill("1 Market St");
  await page.getByLabel("City").filter({ visible: true }).fill("San Francisco");
  await page.getByLabel("State / province / region").filter({ visible: true }).fill("CA");
  await page.getByLabel("Postal code").filter({ visible: true }).fill("94105");
  await page.getByLabel("Country").filter({ visible: true }).selectOption("US");
  await page.getByRole("button", { name: "Continue to delivery" }).filter({ visible: true }).click();
  await expect(page).toHaveURL(/\/checkout\/delivery/);
  await page.getByRole("button", { name: "Continue to review" }).filter({ visible: true }).click();
  await expect(page).toHaveURL(/\/checkout\/review/);
}

test("a guest buys two variants with a coupon and finds the order again", async ({ page }) => {
  const items = await pickVariants(2, 5, 0);
  expect(items).toHaveLength(2);
  const before = await Promise.all(items.map((item) => stockOf(item.variantId)));
  const email = `guest-${Date.now()}@example.com`;

  await test.step("add two variants to the cart", async () => {
    for (const item of items) await addToCart(page, item);
    await page.goto("/cart");
    await expect(shown(page, "cart-line")).toHaveCount(2);
    const subtotal = items.reduce((sum, item) => sum + item.priceCents, 0);
    await expect(shown(page, "cart-subtotal")).toHaveText(formatPrice(subtotal, "USD"));
  });

  await test.step("check out and apply a coupon", async () => {
    await checkoutToReview(page, email);
    // Make sure the cart reaches the coupon's $50 minimum.
    const subtotal = items.reduce((sum, item) => sum + item.priceCents, 0);
    await page
      .getByLabel("Discount code")
      .filter({ visible: true })
      .fill(subtotal >= 5000 ? "welcome10" : "save5");
    await page.getByRole("button", { name: "Apply" }).filter({ visible: true }).click();
    await expect(shown(page, "discount")).toBeVisible();
  });

  let orderNumber = "";
  await test.step("pay with the test card and see the confirmation", async () => {
    await expect(shown(page, "cart-count")).toHaveText(/2/);
    await shown(page, "place-order").click();
    await expect(shown(page, "test-mode")).toBeVisible();
    await page.getByLabel("Card number").filter({ visible: true }).fill("4242 4242 4242 4242");
    await page.getByRole("button", { name: /^Pay / }).filter({ visible: true }).click();
    await expect(
      page.getByRole("heading", { name: "Thank you for your order!" }).filter({ visible: true }),
    ).toBeVisible();
    orderNumber = ((await shown(page, "order-number").textContent()) ?? "").replace("#", "");
    expect(Number(orderNumber)).toBeGreaterThanOrEqual(1001);
    // Paying emptied the cart: the header says so on the confirmation, without a reload.
    await expect(shown(page, "cart-count")).toHaveCount(0);
  });

  await test.step("the order is paid, stock committed and the coupon counted", async () => {
    const [order] = await query<{ status: string; discountCents: number; totalCents: number; couponCode: string }>(
      `SELECT status, "discountCents", "totalCents", "couponCode" FROM "Order" WHERE number = $1`,
      [Number(orderNumber)],
    );
    expect(order).toMatchObject({ status: "PAID" });
    // WELCOME10 (10 %, rounded half up) from $50, otherwise SAVE5 ($5 off): the demo coupons.
    const subtotal = items.reduce((sum, item) => sum + item.priceCents, 0);
    expect(order!.discountCents).toBe(subtotal >= 5000 ? Math.floor((subtotal * 1000 + 5000) / 10000) : 500);
    expect(order!.couponCode).toBe(subtotal >= 5000 ? "WELCOME10" : "SAVE5");
    await expect(shown(page, "order-total")).toHaveText(formatPrice(order!.totalCents, "USD"));
    for (const [index, item] of items.entries()) {
      expect(await stockOf(item.variantId)).toEqual({
        onHand: before[index]!.onHand - 1,
        reserved: before[index]!.reserved,
      });
    }
    const [redemption] = await query(
      `SELECT 1 FROM "CouponRedemption" r JOIN "Order" o ON o.id = r."orderId" WHERE o.number = $1`,
      [Number(orderNumber)],
    );
    expect(redemption).toBeDefined();
  });

  await test.step("the cart is empty and the order lookup finds the order", async () => {
    await page.goto("/cart");
    await expect(shown(page, "cart-empty")).toBeVisible();
    await page.goto("/orders/lookup");
    await page.getByLabel("Order number").filter({ visible: true }).fill(orderNumber);
    await page.getByLabel("Email").filter({ visible: true }).fill("nobody@example.com");
    await page.getByRole("button", { name: "Find my order" }).filter({ visible: true }).click();
    await expect(shown(page, "form-error")).toContainText("could not find");
    await page.getByLabel("Email").filter({ visible: true }).fill(email.toUpperCase());
    await page.getByRole("button", { name: "Find my order" }).filter({ visible: true }).click();
    await expect(shown(page, "order-number")).toHaveText(`#${orderNumber}`);
    await expect(shown(page, "order-status")).toHaveText(/Paid/);
    await expect(shown(page, "timeline")).toContainText("Payment received");
  });
});

test("a declined card shows a clear error, keeps the cart and releases the stock", async ({ page }) => {
  const [item] = await pickVariants(1, 5, 5);
  const before = await stockOf(item!.variantId);
  await addToCart(page, item!);
  await checkoutToReview(page, `declined-${Date.now()}@example.com`);
  await shown(page, "place-order").click();
  await expect(shown(page, "test-mode")).toBeVisible();
  expect((await stockOf(item!.variantId)).reserved).toBe(before.reserved + 1);

  await page.getByLabel("Card number").filter({ visible: true }).fill("4000 0000 0000 0002");
  await page.getByRole("button", { name: /^Pay / }).filter({ visible: true }).click();
  await expect(shown(page, "form-error")).toContainText(/declined/i);
  expect(await stockOf(item!.variantId)).toEqual(before);

  await page.goto("/cart");
  await expect(shown(page, "cart-line")).toHaveCount(1);
});

async function shopperAtReview(browser: Browser, item: Pick, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await addToCart(page, item);
  await checkoutToReview(page, email);
  return { context, page };
}

test("two shoppers race for the last unit and exactly one gets it", async ({ browser }) => {
  const [item] = await pickVariants(1, 3, 10);
  await withStockRestored(item!.variantId, async () => {
    // Leave exactly one unit available, in one location.
    await query(`UPDATE "InventoryLevel" SET reserved = "onHand" WHERE "variantId" = $1`, [item!.variantId]);
    await query(
      `UPDATE "InventoryLevel" SET reserved = "onHand" - 1
        WHERE id = (SELECT id FROM "InventoryLevel" WHERE "variantId" = $1 AND "onHand" >= 1 ORDER BY id LIMIT 1)`,
      [item!.variantId],
    );
    const alice = await shopperAtReview(browser, item!, `alice-${Date.now()}@example.com`);
    const bob = await shopperAtReview(browser, item!, `bob-${Date.now()}@example.com`);
    try {
      await Promise.all([shown(alice.page, "place-order").click(), shown(bob.page, "place-order").click()]);
      const outcome = async (page: Page) => {
        const won = shown(page, "test-mode");
        const lost = shown(page, "form-error");
        await expect(won.or(lost)).toBeVisible();
        return (await won.isVisible()) ? "won" : ((await lost.textContent()) ?? "");
      };
      const results = await Promise.all([outcome(alice.page), outcome(bob.page)]);
      expect(results.filter((result) => result === "won")).toHaveLength(1);
      const loser = results.find((result) => result !== "won");
      // Checkout names the line that ran out, as "Product – Variant".
      const label = item!.variantTitle ? `${item!.title} – ${item!.variantTitle}` : item!.title;
      expect(loser).toContain(`“${label}” is sold out.`);

      const stock = await stockOf(item!.variantId);
      expect(stock.reserved).toBe(stock.onHand);
      const [orders] = await query<{ count: string }>(
        `SELECT count(*) FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId" WHERE l."variantId" = $1 AND o.status = 'PENDING_PAYMENT'`,
        [item!.variantId],
      );
      expect(Number(orders!.count)).toBe(1);
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });
});
