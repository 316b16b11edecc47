// The store settings end to end: an administrator adds a shipping rate for a zone and a shopper pays it at
// the next checkout; the administrator changes it while another shopper is at the review step, and that
// shopper is shown the new total before paying it. Then the category tree: create, rename, move, with the
// storefront showing each change at once. New Zealand only: no other spec ships there, so the new zone
// changes nobody else's totals.
import { expect, test, type Page } from "@playwright/test";
import { query } from "./support/db";
import { createUser, E2E_ADMIN, signInPage, uniqueClientIp } from "./support/auth";

async function newPage(browser: import("@playwright/test").Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  return context.newPage();
}

const visible = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

async function addSomethingToCart(page: Page) {
  const [variant] = await query<{ slug: string; id: string }>(
    `SELECT p.slug, v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId" JOIN "InventoryLevel" l ON l."variantId" = v.id
      WHERE p.status = 'ACTIVE' AND v."priceCents" < 5000 GROUP BY p.slug, v.id HAVING sum(l."onHand" - l.reserved) >= 5
      ORDER BY v.id DESC LIMIT 1`,
  );
  expect(variant).toBeDefined();
  await page.goto(`/products/${variant!.slug}?variant=${variant!.id}`);
  await visible(page, "add-to-cart").click();
  await expect(visible(page, "add-to-cart-status")).toContainText("Added to your cart");
}

/** From a cart with items to the review step, shipping to New Zealand. */
async function checkoutToNewZealandReview(page: Page, email: string) {
  await page.goto("/cart");
  await visible(page, "checkout-link").click();
  await page.getByLabel("Email").filter({ visible: true }).fill(email);
  await page.getByRole("button", { name: "Continue to address" }).filter({ visible: true }).click();
  await page.getByLabel("First name").filter({ visible: true }).fill("Kate");
  await page.getByLabel("Last name").filter({ visible: true }).fill("Sheppard");
  await page.getByLabel("Address", { exact: true }).filter({ visible: true }).fill("1 Queen Street");
  await page.getByLabel("City").filter({ visible: true }).fill("Auckland");
  await page.getByLabel("Postal code").filter({ visible: true }).fill("1010");
  await page.getByLabel("Country").filter({ visible: true }).selectOption("NZ");
  await page.getByRole("button", { name: "Continue to delivery" }).filter({ visible: true }).click();
  await page.getByRole("button", { name: "Continue to review" }).filter({ visible: true }).click();
  await expect(visible(page, "place-order")).toBeVisible();
}

async function payWithTestCard(page: Page): Promise<number> {
  await page.getByLabel("Card number").filter({ visible: true }).fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay / }).filter({ visible: true }).click();
  await expect(
    page.getByRole("heading", { name: "Thank you for your order!" }).filter({ visible: true }),
  ).toBeVisible();
  return Number(((await visible(page, "order-number").textContent()) ?? "").replace("#", ""));
}

async function shippingOf(orderNumber: number) {
  const [order] = await query<{ shippingCents: number; totalCents: number; status: string }>(
    `SELECT "shippingCents", "totalCents", status FROM "Order" WHERE number = $1`,
    [orderNumber],
  );
  return order;
}

test("a new shipping rate is charged at the next checkout", async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await newPage(browser);
  const zone = `oceania-${Date.now()}`;

  await test.step("the administrator adds a standard rate of $12.34 for New Zealand", async () => {
    await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/settings/shipping");
    const form = admin.getByRole("form", { name: "New shipping rate" });
    await form.getByLabel("Zone").fill(zone);
    await form.getByLabel("Countries").fill("NZ");
    await form.getByLabel("Name shoppers see").fill("Oceania post");
    await form.getByLabel(/^Price/).fill("12.34");
    await form.getByLabel("Fastest (days)").fill("6");
    await form.getByLabel("Slowest (days)").fill("10");
    await form.getByRole("button", { name: "Add rate" }).click();
    await expect(form.getByRole("status")).toHaveText("Rate added.");
    await expect(admin.locator(`[data-rate="${zone}:STANDARD"]`)).toContainText("$12.34");
  });

  await test.step("a shopper checks out to New Zealand and pays it", async () => {
    const shopper = await newPage(browser);
    await addSomethingToCart(shopper);
    await checkoutToNewZealandReview(shopper, `nz-${Date.now()}@example.com`);
    await expect(shopper.getByText("Shipping (Oceania post)").filter({ visible: true })).toBeVisible();
    await visible(shopper, "place-order").click();
    const number = await payWithTestCard(shopper);
    expect(await shippingOf(number)).toMatchObject({ shippingCents: 1234, status: "PAID" });
  });

  await test.step("a change while a shopper is at review: the shopper sees the new total, then pays it", async () => {
    const shopper = await newPage(browser);
    await addSomethingToCart(shopper);
    await checkoutToNewZealandReview(shopper, `nz-review-${Date.now()}@example.com`);
    const reviewedLabel = (await visible(shopper, "place-order").textContent()) ?? "";

    const row = admin.locator(`[data-rate="${zone}:STANDARD"]`);
    await row.locator("summary").click();
    const edit = row.getByRole("form", { name: `Edit ${zone} standard` });
    await edit.getByLabel(/^Price/).fill("13.57");
    await edit.getByRole("button", { name: "Save rate" }).click();
    await expect(edit.getByRole("status")).toHaveText("Saved. Charged from the next checkout.");

    await visible(shopper, "place-order").click();
    await expect(visible(shopper, "form-error")).toContainText("Your total changed to");
    await expect(visible(shopper, "place-order")).not.toHaveText(reviewedLabel);
    await expect(shopper.getByText("$13.57").filter({ visible: true }).first()).toBeVisible();
    await visible(shopper, "place-order").click();
    const number = await payWithTestCard(shopper);
    expect(await shippingOf(number)).toMatchObject({ shippingCents: 1357, status: "PAID" });
  });
});

test("categories: an administrator creates, renames and moves one; staff can only read them", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await newPage(browser);
  const stamp = Date.now();
  const slug = `e2e-trail-${stamp}`;
  const [parent] = await query<{ id: string; name: string; slug: string }>(
    `SELECT id, name, slug FROM "Category" WHERE "parentId" IS NULL ORDER BY position, name LIMIT 1`,
  );
  expect(parent).toBeDefined();

  await test.step("create a top-level category", async () => {
    await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/settings/categories");
    const form = admin.getByRole("form", { name: "New category" });
    await form.getByLabel("Name", { exact: true }).fill(`Trail ${stamp}`);
    await form.getByLabel("Slug", { exact: true }).fill(slug);
    await form.getByLabel("SEO title").fill(`Trail gear ${stamp}`);
    await form.getByRole("button", { name: "Create category" }).click();
    await expect(form.getByRole("status")).toHaveText("Category created.");
    await expect(admin.locator(`[data-category="${slug}"]`)).toContainText(`Trail ${stamp}`);
  });

  await test.step("a taken slug is refused next to the field", async () => {
    const form = admin.getByRole("form", { name: "New category" });
    await form.getByLabel("Name", { exact: true }).fill("Duplicate");
    await form.getByLabel("Slug", { exact: true }).fill(slug);
    await form.getByRole("button", { name: "Create category" }).click();
    await expect(form.getByText("Another category already uses this slug.").first()).toBeVisible();
  });

  const row = admin.locator(`[data-category="${slug}"]`);
  await test.step("rename it: the storefront's page shows the new name and SEO title at once", async () => {
    await row.locator("summary").click();
    const edit = row.getByRole("form", { name: `Edit Trail ${stamp}` });
    await edit.getByLabel("Name", { exact: true }).fill(`Trail Running ${stamp}`);
    await edit.getByRole("button", { name: "Save category" }).click();
    await expect(row.locator("td").first()).toHaveText(`Trail Running ${stamp}`);
    const shopper = await newPage(browser);
    await shopper.goto(`/category/${slug}`);
    await expect(shopper.getByRole("heading", { level: 1 })).toHaveText(`Trail Running ${stamp}`);
    await expect(shopper).toHaveTitle(new RegExp(`Trail gear ${stamp}`));
  });

  await test.step(`move it under ${parent!.name}; moving ${parent!.name} under it is refused`, async () => {
    const move = row.getByRole("form", { name: `Move Trail Running ${stamp}` });
    await move.getByLabel("Parent").selectOption(parent!.id);
    await move.getByRole("button", { name: "Move", exact: true }).click();
    await expect(move.getByRole("status")).toHaveText("Moved.");
    const [moved] = await query<{ parentId: string }>(`SELECT "parentId" FROM "Category" WHERE slug = $1`, [slug]);
    expect(moved?.parentId).toBe(parent!.id);
    const [created] = await query<{ id: string }>(`SELECT id FROM "Category" WHERE slug = $1`, [slug]);

    const parentRow = admin.locator(`[data-category="${parent!.slug}"]`);
    await parentRow.locator("summary").click();
    const moveParent = parentRow.getByRole("form", { name: `Move ${parent!.name}` });
    await moveParent.getByLabel("Parent").selectOption(created!.id);
    await moveParent.getByRole("button", { name: "Move", exact: true }).click();
    await expect(moveParent.getByRole("alert")).toContainText(
      "cannot move under itself or one of its own subcategories",
    );

    const shopper = await newPage(browser);
    await shopper.goto(`/category/${slug}`);
    await expect(shopper.getByRole("navigation", { name: /breadcrumb/i })).toContainText(parent!.name);
  });

  await test.step("staff see the settings read-only", async () => {
    const user = await createUser("STAFF");
    const staff = await newPage(browser);
    await signInPage(staff, user.email, user.password, "/admin/settings/categories");
    await expect(staff.getByRole("note")).toContainText("only administrators can change them");
    await expect(staff.getByRole("form", { name: "New category" })).toHaveCount(0);
    await expect(staff.getByRole("button", { name: "Save category" })).toHaveCount(0);
  });
});

test("the currency display: a code shows on the storefront and in the admin, and the symbol comes back", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const [product] = await query<{ slug: string; id: string; priceCents: number }>(
    `SELECT p.slug, v.id, v."priceCents" FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
      WHERE p.status = 'ACTIVE' AND v."compareAtPriceCents" IS NULL AND v."priceCents" > 0
      ORDER BY p.slug, v.id LIMIT 1`,
  );
  const [rate] = await query<{ key: string; priceCents: number }>(
    `SELECT zone || ':' || method AS key, "priceCents" FROM "ShippingRate" WHERE "priceCents" > 0 ORDER BY zone, method LIMIT 1`,
  );
  expect(product).toBeDefined();
  expect(rate).toBeDefined();
  const amount = (cents: number) => (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 });
  const shown = (display: "code" | "symbol", cents: number) =>
    new RegExp(display === "code" ? `^USD\\s${amount(cents)}$` : `^\\$${amount(cents)}$`);

  const admin = await newPage(browser);
  const shopper = await newPage(browser);
  const productPrice = shopper.getByTestId("product-price").locator("span").first();
  const ratePrice = admin.locator(`[data-rate="${rate!.key}"] td.tabular-nums`).first();

  async function chooseDisplay(label: "Code (USD 12.00)" | "Symbol ($12.00)") {
    await admin.goto("/admin/settings");
    const form = admin.getByTestId("store-settings");
    await form.getByLabel(/^How prices show the currency/).selectOption({ label });
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByRole("status")).toHaveText("Saved. The settings apply from the next checkout.");
  }

  async function expectEverywhere(display: "code" | "symbol") {
    // Loaded anew each time: the product page is served from the cache, the admin page is rendered now.
    await shopper.goto(`/products/${product!.slug}?variant=${product!.id}`);
    await expect(productPrice).toHaveText(shown(display, product!.priceCents));
    await admin.goto("/admin/settings/shipping");
    await expect(ratePrice).toHaveText(shown(display, rate!.priceCents));
  }

  await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/settings");
  let switched = false;
  try {
    await test.step("before: the symbol, on a cached product page and an admin page", async () => {
      await expectEverywhere("symbol");
    });
    await test.step("the administrator switches to the code: both pages show USD", async () => {
      switched = true;
      await chooseDisplay("Code (USD 12.00)");
      await expectEverywhere("code");
    });
    await test.step("back to the symbol: both pages show $ again, nothing stale", async () => {
      await chooseDisplay("Symbol ($12.00)");
      switched = false;
      await expectEverywhere("symbol");
    });
  } finally {
    // Other specs read prices with the symbol.
    if (switched) await chooseDisplay("Symbol ($12.00)");
  }
});
