// Reviews in the browser: a shopper with a confirmed email buys a product with the test provider, writes a
// review of it (marked "Verified buyer"), sees it on the product page and on the all-reviews page, and finds
// the product in search under the "4 stars & up" rating facet with its new rating; then a moderator hides
// it from the admin queue and it leaves the product page. Accounts without a confirmed email, and visitors
// who are signed out, are told what to do instead of getting the form.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { query } from "./support/db";
import { createUser, signInPage, uniqueClientIp } from "./support/auth";
import { checkoutAsGuest } from "./support/checkout";

const shown = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  return context.newPage();
}

/** An in-stock product nobody has reviewed yet (the seed leaves about one in eight without reviews). */
async function unreviewedProduct(offset: number) {
  const [product] = await query<{ id: string; slug: string; title: string; variantId: string }>(
    `SELECT p.id, p.slug, p.title, v.id AS "variantId" FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
      WHERE p.status = 'ACTIVE' AND p."reviewCount" = 0
        AND (SELECT SUM(l."onHand" - l.reserved) FROM "InventoryLevel" l WHERE l."variantId" = v.id) >= 5
      ORDER BY p.slug DESC, v.position OFFSET $1 LIMIT 1`,
    [offset],
  );
  expect(product, "an unreviewed product in stock").toBeDefined();
  return product!;
}

/** The product's card in the search results for its title, narrowed to "4 stars & up". */
function searchCard(page: Page, title: string) {
  return shown(page, "search-result").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

const searchUrl = (title: string) => `/search?${new URLSearchParams({ q: title, rating: "4" })}`;

test("a verified buyer reviews a product and sees it on the product page and in search; a moderator hides it", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const product = await unreviewedProduct(0);
  const user = await createUser("CUSTOMER");
  await query(`UPDATE "User" SET name = 'Grace Hopper' WHERE id = $1`, [user.id]);
  const page = await newPage(browser);
  await signInPage(page, user.email, user.password, "/account");
  const title = `Worth it ${Date.now()}`;
  const body = "Warm, well made and true to size.\n<b>Not bold</b> <script>alert(1)</script>";

  await test.step("before: no reviews, and not among the 4 stars & up results", async () => {
    await page.goto(`/products/${product.slug}`);
    await expect(page.locator("#reviews").filter({ visible: true })).toContainText("No reviews yet.");
    await page.goto(searchUrl(product.title));
    await expect(shown(page, "facet-rating")).toBeVisible();
    await expect(searchCard(page, product.title)).toHaveCount(0);
  });

  await test.step("buy it with the test provider", async () => {
    await page.goto(`/products/${product.slug}?variant=${product.variantId}`);
    await shown(page, "add-to-cart").click();
    await expect(shown(page, "add-to-cart-status")).toContainText("Added to your cart");
    await checkoutAsGuest(page, user.email);
    const [order] = await query<{ status: string; paymentStatus: string }>(
      `SELECT status, "paymentStatus" FROM "Order" WHERE "userId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
      [user.id],
    );
    expect(order).toEqual({ status: "PAID", paymentStatus: "PAID" });
  });

  await test.step("a wrong form is refused with a message and nothing is saved", async () => {
    await page.goto(`/products/${product.slug}`);
    await shown(page, "write-review").click();
    await expect(page).toHaveURL(new RegExp(`/products/${product.slug}/review$`));
    const form = shown(page, "review-form");
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Your review").fill("Too short");
    await form.getByRole("button", { name: "Submit review" }).click();
    await expect(form.getByText("Choose a rating from 1 to 5 stars.")).toBeVisible();
    await expect(form.getByText("Write at least 10 characters in the review.")).toBeVisible();
    const [{ count }] = (await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "Review" WHERE "userId" = $1`,
      [user.id],
    )) as [{ count: number }];
    expect(count).toBe(0);
  });

  await test.step("write the review", async () => {
    const form = shown(page, "review-form");
    await form.getByText("5 stars", { exact: true }).click();
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Your review").fill(body);
    await form.getByRole("button", { name: "Submit review" }).click();
    await expect(shown(page, "form-success")).toContainText("Your review is on the product page.");
    await expect(shown(page, "review-status")).toContainText("Verified buyer");
  });

  await test.step("the product page shows it, as plain text, with the new rating", async () => {
    await page.goto(`/products/${product.slug}`);
    const reviews = page.locator("#reviews").filter({ visible: true });
    const review = reviews.locator("article").filter({ hasText: title });
    await expect(review).toContainText("Grace H. · Verified buyer");
    await expect(review).toContainText("<b>Not bold</b> <script>alert(1)</script>");
    await expect(review.locator("b, script")).toHaveCount(0);
    await expect(reviews).toContainText("Based on 1 review");
    await expect(page.locator('a[href="#reviews"]').filter({ visible: true })).toContainText("1 review");
    await page.goto(`/products/${product.slug}/reviews?sort=lowest`);
    await expect(page.getByRole("link", { name: "Lowest rated" }).filter({ visible: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.locator("article").filter({ hasText: title }).filter({ visible: true })).toBeVisible();
  });

  await test.step("search finds it under 4 stars & up with its rating (the index follows through the outbox)", async () => {
    await expect(async () => {
      await page.goto(searchUrl(product.title));
      const card = searchCard(page, product.title);
      await expect(card).toHaveCount(1, { timeout: 1_000 });
      await expect(card).toContainText("1 review", { timeout: 1_000 });
      await expect(card.getByRole("img", { name: "Rated 5.0 out of 5" })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
  });

  await test.step("a moderator hides it from the admin queue; it leaves the product page", async () => {
    const admin = await createUser("ADMIN");
    const adminPage = await newPage(browser);
    await signInPage(adminPage, admin.email, admin.password, "/admin/reviews");
    await adminPage.goto("/admin/reviews?status=PUBLISHED");
    const entry = adminPage.getByRole("article", { name: `Review of ${product.title}` }).filter({ hasText: title });
    await expect(entry).toContainText(user.email);
    await entry.getByRole("button", { name: "Hide" }).click();
    await expect(entry).toHaveCount(0);
    const [audit] = await query<{ action: string; actorId: string }>(
      `SELECT a.action, a."actorId" FROM "AuditLog" a JOIN "Review" r ON r.id = a."entityId"
        WHERE r."userId" = $1 AND a."entityType" = 'Review'`,
      [user.id],
    );
    expect(audit).toEqual({ action: "review.hide", actorId: admin.id });
    await page.goto(`/products/${product.slug}`);
    await expect(page.locator("#reviews").filter({ visible: true })).toContainText("No reviews yet.");
    await page.goto(`/products/${product.slug}/review`);
    await expect(shown(page, "review-status")).toContainText("The store has hidden your review");
    await adminPage.context().close();
  });

  await page.context().close();
});

test("an account without a confirmed email, or a visitor signed out, gets no review form", async ({ browser }) => {
  const product = await unreviewedProduct(1);
  const page = await newPage(browser);
  await page.goto(`/products/${product.slug}/review`);
  await expect(shown(page, "review-sign-in")).toContainText("Sign in to write a review");
  await expect(shown(page, "review-form")).toHaveCount(0);

  const user = await createUser("CUSTOMER", undefined, { emailVerified: false });
  await signInPage(page, user.email, user.password, `/products/${product.slug}/review`);
  await expect(shown(page, "review-unverified")).toContainText("Confirm your email address");
  await expect(shown(page, "review-form")).toHaveCount(0);
  await page.context().close();
});
