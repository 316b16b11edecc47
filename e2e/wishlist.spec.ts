// The wishlist and back-in-stock alerts in the browser: a guest saves products with the heart (product card
// and product page), sees them on /wishlist, signs in and finds them on the account page, with live price
// and stock and "move to cart"; a guest and a signed-in shopper ask to be told when a sold-out variant is
// back, staff restock it on the admin inventory page, and each email is in the development mailbox once.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { query } from "./support/db";
import { createUser, gotoSettled, signInPage, uniqueClientIp } from "./support/auth";

const shown = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  return context.newPage();
}

test("a guest's wishlist is kept in the browser's own record and joins the account at sign-in", async ({ browser }) => {
  test.setTimeout(120_000);
  const shopper = await newPage(browser);
  const user = await createUser("CUSTOMER");
  const titles: string[] = [];

  await test.step("the heart of a product card saves the product", async () => {
    await shopper.goto("/");
    const card = shopper.getByTestId("product-card").first();
    titles.push(((await card.locator(".card-title").textContent()) ?? "").trim());
    const heart = card.getByTestId("wishlist-button");
    await expect(heart).toHaveAttribute("aria-pressed", "false");
    await heart.click();
    await expect(heart).toHaveAttribute("aria-pressed", "true");
  });

  await test.step("the heart of a product page saves another", async () => {
    const second = shopper.getByTestId("product-card").nth(1);
    titles.push(((await second.locator(".card-title").textContent()) ?? "").trim());
    await second.locator(".card-title a").click();
    await expect(shopper.getByRole("heading", { level: 1, name: titles[1] })).toBeVisible();
    // The page navigated from stays in the document, hidden, and the suggestions under the product carry
    // hearts of their own: the product's heart is the visible one named after it.
    const heart = shopper.getByTestId("wishlist-button").filter({ visible: true }).and(shopper.getByLabel(titles[1]!));
    await expect(heart).toHaveCount(1);
    await heart.click();
    await expect(heart).toHaveAttribute("aria-pressed", "true");
  });

  await test.step("both are on the guest's wishlist page, with price and stock", async () => {
    await shopper.getByTestId("wishlist-notice").getByRole("link", { name: "View wishlist" }).click();
    await shopper.waitForURL((url) => url.pathname === "/wishlist");
    const items = shopper.getByTestId("wishlist-item");
    await expect(items).toHaveCount(2);
    for (const title of titles) await expect(items.filter({ hasText: title })).toHaveCount(1);
    await expect(items.first().getByTestId("wishlist-price")).toHaveText(/\$\d/);
    await expect(items.first().getByTestId("wishlist-stock")).toHaveText(/In stock|Only \d+ left|Out of stock/);
  });

  await test.step("after signing in, the account page lists them", async () => {
    await signInPage(shopper, user.email, user.password, "/account");
    const items = shopper.getByTestId("wishlist-item").filter({ visible: true });
    await expect(items).toHaveCount(2);
    for (const title of titles) await expect(items.filter({ hasText: title })).toHaveCount(1);
    const stored = await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "WishlistItem" i JOIN "Wishlist" w ON w.id = i."wishlistId" WHERE w."userId" = $1`,
      [user.id],
    );
    expect(stored[0]?.count).toBe(2);
  });

  await test.step("removing one there takes it off the account's wishlist", async () => {
    const items = shopper.getByTestId("wishlist-item").filter({ visible: true });
    await items.filter({ hasText: titles[0] }).getByRole("button", { name: "Remove" }).click();
    await expect(items).toHaveCount(1);
    await expect(items).toContainText(titles[1]!);
  });

  await test.step("the account page shows a saved product's price and stock as they are, and moves it to the cart", async () => {
    // A product sold as one variant (nothing to choose), in stock, that no other spec buys from the end
    // of the slug order.
    const [single] = await query<{ slug: string; title: string; priceCents: number; available: number }>(`
      SELECT p.slug, p.title, min(v."priceCents")::int AS "priceCents",
             (SELECT sum(l."onHand" - l.reserved) FROM "InventoryLevel" l JOIN "Variant" w ON w.id = l."variantId"
               WHERE w."productId" = p.id)::int AS available
      FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
      WHERE p.status = 'ACTIVE'
      GROUP BY p.id HAVING count(v.id) = 1
        AND (SELECT sum(l."onHand" - l.reserved) FROM "InventoryLevel" l JOIN "Variant" w ON w.id = l."variantId"
              WHERE w."productId" = p.id) > 5
      ORDER BY p.slug LIMIT 1`);
    expect(single, "an in-stock product with a single variant").toBeDefined();
    await shopper.goto(`/products/${single!.slug}`);
    const heart = shopper
      .getByTestId("wishlist-button")
      .filter({ visible: true })
      .and(shopper.getByLabel(single!.title));
    // The stock line appears once the page has hydrated and read it: the heart then answers a click.
    await expect(shown(shopper, "availability")).toHaveText(/in stock|left/i);
    await heart.click();
    await expect(heart).toHaveAttribute("aria-pressed", "true");

    await gotoSettled(shopper, "/account");
    const item = shopper.getByTestId("wishlist-item").filter({ visible: true }).filter({ hasText: single!.title });
    await expect(item.getByTestId("wishlist-price")).toHaveText(`$${(single!.priceCents / 100).toFixed(2)}`);
    await expect(item.getByTestId("wishlist-stock")).toHaveText(/^(In stock|Only \d+ left)$/);
    await expect(shown(shopper, "cart-count")).toHaveCount(0);
    await item.getByRole("button", { name: "Move to cart" }).click();
    await expect(item).toHaveCount(0);
    await expect(shown(shopper, "cart-count")).toHaveText(/1/);
    const lines = await query<{ title: string; quantity: number }>(
      `SELECT p.title, l.quantity FROM "CartLine" l JOIN "Cart" c ON c.id = l."cartId"
         JOIN "Variant" v ON v.id = l."variantId" JOIN "Product" p ON p.id = v."productId"
        WHERE c."userId" = $1`,
      [user.id],
    );
    expect(lines).toEqual([{ title: single!.title, quantity: 1 }]);
  });
});

test("the heart of a product page opened by a link naming a variant saves that variant", async ({ browser }) => {
  const shopper = await newPage(browser);
  const user = await createUser("CUSTOMER");
  // An active product with several variants whose second one (in SKU order) is in stock.
  const [target] = await query<{ slug: string; title: string; variantId: string; variantTitle: string }>(`
    SELECT p.slug, p.title, v.id AS "variantId", v.title AS "variantTitle"
    FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
    WHERE p.status = 'ACTIVE'
      AND (SELECT count(*) FROM "Variant" w WHERE w."productId" = p.id) > 2
      AND v.id = (SELECT w.id FROM "Variant" w WHERE w."productId" = p.id ORDER BY w.sku OFFSET 1 LIMIT 1)
      AND (SELECT sum(l."onHand" - l.reserved) FROM "InventoryLevel" l WHERE l."variantId" = v.id) > 0
    ORDER BY p.slug DESC LIMIT 1`);
  expect(target, "a multi-variant product with a second variant in stock").toBeDefined();
  await signInPage(shopper, user.email, user.password, "/account");
  await shopper.goto(`/products/${target!.slug}?variant=${target!.variantId}`);
  // The stock line appears once the page has hydrated and read the URL's variant.
  await expect(shown(shopper, "availability")).toHaveText(/in stock|left/i);
  const heart = shopper.getByTestId("wishlist-button").filter({ visible: true }).and(shopper.getByLabel(target!.title));
  await heart.click();
  await expect(heart).toHaveAttribute("aria-pressed", "true");
  const saved = await query<{ variantId: string | null }>(
    `SELECT i."variantId" FROM "WishlistItem" i JOIN "Wishlist" w ON w.id = i."wishlistId" WHERE w."userId" = $1`,
    [user.id],
  );
  expect(saved).toEqual([{ variantId: target!.variantId }]);
  await gotoSettled(shopper, "/account");
  const item = shopper.getByTestId("wishlist-item").filter({ visible: true }).filter({ hasText: target!.title });
  await expect(item).toContainText(target!.variantTitle);
  await expect(item.getByRole("button", { name: "Move to cart" })).toBeVisible();
});

test("a sold-out variant's subscriber gets one email when staff restock it", async ({ browser }) => {
  test.setTimeout(150_000);
  // A variant whose whole stock sits at one active location with nothing reserved: staff can sell it out
  // and restock it there. The last one in SKU order, to keep clear of the variants other specs buy.
  const [target] = await query<{
    variantId: string;
    slug: string;
    locationName: string;
    onHand: number;
  }>(`
    SELECT v.id AS "variantId", p.slug, loc.name AS "locationName", l."onHand"
    FROM "Variant" v
    JOIN "Product" p ON p.id = v."productId"
    JOIN "InventoryLevel" l ON l."variantId" = v.id
    JOIN "Location" loc ON loc.id = l."locationId"
    WHERE p.status = 'ACTIVE' AND loc.active AND l.reserved = 0 AND l."onHand" > 0
      AND NOT EXISTS (SELECT 1 FROM "InventoryLevel" o WHERE o."variantId" = v.id AND o.id <> l.id AND o."onHand" > 0)
      AND NOT EXISTS (SELECT 1 FROM "Reservation" r WHERE r."variantId" = v.id AND r.status = 'ACTIVE')
    ORDER BY v.sku DESC
    LIMIT 1`);
  expect(target, "a variant stocked at a single location").toBeTruthy();
  const admin = await createUser("ADMIN");
  const staff = await newPage(browser);
  const shopper = await newPage(browser);
  const email = `notify-${Date.now()}@e2e.test`;

  async function adjust(delta: number, reason: "RECEIVED" | "DAMAGED") {
    await staff.goto(`/admin/inventory/${target!.variantId}`);
    const location = target!.locationName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const form = staff.getByRole("form", { name: new RegExp(`^Adjust stock of .* at ${location}$`) });
    await form.getByLabel("Change").fill(String(delta));
    await form.getByLabel("Reason").selectOption(reason);
    await form.getByRole("button", { name: "Save adjustment" }).click();
    await expect(form.getByText(delta > 0 ? /^Added/ : /^Removed/)).toBeVisible();
  }

  await test.step("staff sell the variant out", async () => {
    await signInPage(staff, admin.email, admin.password, "/admin");
    await adjust(-target!.onHand, "DAMAGED");
  });

  await test.step("a guest asks to be told when it is back", async () => {
    await shopper.goto(`/products/${target!.slug}?variant=${target!.variantId}`);
    await expect(shopper.getByTestId("availability")).toHaveText(/out of stock/i);
    const form = shopper.getByTestId("notify-me");
    await form.getByLabel("Email").fill("not an email");
    await form.getByRole("button", { name: "Notify me" }).click();
    await expect(form.getByText("Enter a valid email address.")).toBeVisible();
    await form.getByLabel("Email").fill(email);
    await form.getByRole("button", { name: "Notify me" }).click();
    await expect(shopper.getByTestId("notify-me-done")).toHaveText(/email you once/);
  });

  const customer = await createUser("CUSTOMER");
  await test.step("a signed-in shopper asks too: the form starts with the account's email", async () => {
    const signedIn = await newPage(browser);
    await signInPage(signedIn, customer.email, customer.password, "/account");
    await signedIn.goto(`/products/${target!.slug}?variant=${target!.variantId}`);
    await expect(shown(signedIn, "availability")).toHaveText(/out of stock/i);
    const form = shown(signedIn, "notify-me");
    await expect(form.getByLabel("Email")).toHaveValue(customer.email);
    await form.getByRole("button", { name: "Notify me" }).click();
    await expect(shown(signedIn, "notify-me-done")).toHaveText(/email you once/);
    await signedIn.context().close();
  });

  await test.step("staff restock it, and each subscriber's email is in the development mailbox, once", async () => {
    await adjust(5, "RECEIVED");
    await adjust(3, "RECEIVED");
    await gotoSettled(staff, "/dev/mail");
    for (const to of [email, customer.email]) {
      const messages = staff
        .getByTestId("mailbox")
        .locator("li")
        .filter({ hasText: `To ${to}` });
      await expect(messages).toHaveCount(1);
      await expect(messages.getByRole("heading", { name: /is back in stock/ })).toBeVisible();
      await expect(messages.locator("pre")).toContainText(`/products/${target!.slug}?variant=${target!.variantId}`);
    }
  });

  await test.step("the email's unsubscribe link: a forged one is a 404, the real one deletes the alert", async () => {
    await gotoSettled(staff, "/dev/mail");
    const text = await staff
      .getByTestId("mailbox")
      .locator("li")
      .filter({ hasText: `To ${email}` })
      .locator("pre")
      .textContent();
    const link = /https?:\/\/\S+(\/alerts\/unsubscribe\?\S+)/.exec(text ?? "")?.[1];
    expect(link, "an unsubscribe link in the email").toBeTruthy();
    const forged = link!.replace(/token=[A-Za-z0-9_-]+/, `token=${"A".repeat(43)}`);
    expect((await shopper.goto(forged))!.status()).toBe(404);
    expect((await shopper.goto(link!))!.status()).toBe(200);
    await shopper.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(shopper.getByTestId("alert-unsubscribed")).toContainText("won't email you");
    expect(await query(`SELECT id FROM "StockAlert" WHERE email = $1`, [email])).toEqual([]);
  });
});
