// Order pages open only through their access links (or for the account that placed the order), and every
// unknown id on a detail page is a real HTTP 404: a guest pays and lands on the order page through the
// link checkout made; the id alone, or a wrong key, is a 404 (status, not just content); order pages and
// the payment page send Referrer-Policy: no-referrer; the lookup form hands out a fresh link; a signed-in
// customer opens their own order without a key; unknown ids on the admin detail pages and the payment
// page answer 404.
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { query } from "./support/db";
import { E2E_ADMIN, createUser, signInPage, signInRequest, uniqueClientIp } from "./support/auth";
import { checkoutAsGuest } from "./support/checkout";

async function inStockVariant(offset: number) {
  const [variant] = await query<{ slug: string; id: string }>(
    `SELECT p.slug, v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId" JOIN "InventoryLevel" l ON l."variantId" = v.id
      WHERE p.status = 'ACTIVE' GROUP BY p.slug, v.id HAVING sum(l."onHand" - l.reserved) >= 5
      ORDER BY v.id DESC OFFSET $1 LIMIT 1`,
    [offset],
  );
  expect(variant).toBeDefined();
  return variant!;
}

test("a guest's order page opens through its link only; the id alone is a 404", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const page = await context.newPage();
  const email = `access-${Date.now()}@example.com`;
  const variant = await inStockVariant(0);

  let orderUrl: URL;
  let orderId = "";
  await test.step("the guest pays and lands on the order page through the checkout's link", async () => {
    await page.goto(`/products/${variant.slug}?variant=${variant.id}`);
    await page.getByTestId("add-to-cart").filter({ visible: true }).click();
    await expect(page.getByTestId("add-to-cart-status").filter({ visible: true })).toContainText("Added to your cart");
    const number = await checkoutAsGuest(page, email);
    orderUrl = new URL(page.url());
    const [order] = await query<{ id: string }>(`SELECT id FROM "Order" WHERE number = $1`, [Number(number)]);
    orderId = order!.id;
    expect(orderUrl.pathname).toBe(`/orders/${orderId}`);
    expect(orderUrl.searchParams.get("key")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId("order-status").filter({ visible: true })).toHaveText(/Paid/);
  });

  await test.step("the order page sends Referrer-Policy: no-referrer and opens on reload", async () => {
    const response = await page.goto(orderUrl.toString());
    expect(response?.status()).toBe(200);
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
    await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  });

  await test.step("the order id alone, or with a wrong key, is an HTTP 404 that shows nothing of the order", async () => {
    const stranger = await playwrightRequest.newContext({
      baseURL,
      extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() },
    });
    for (const path of [`/orders/${orderId}`, `/orders/${orderId}?key=${"A".repeat(43)}`, `/orders/${orderId}?key=`]) {
      const response = await stranger.get(path);
      expect(response.status(), path).toBe(404);
      expect(response.headers()["referrer-policy"], path).toBe("no-referrer");
      const html = await response.text();
      expect(html, path).not.toContain(email);
      expect(html, path).toContain("We couldn’t find that page");
    }
    // The same for an id that does not exist: a refusal looks exactly like an unknown order.
    expect((await stranger.get(`/orders/does-not-exist?key=${orderUrl.searchParams.get("key")}`)).status()).toBe(404);
    // The link itself works from anywhere.
    expect((await stranger.get(`${orderUrl.pathname}${orderUrl.search}`)).status()).toBe(200);
    // The payment page carries the link too (?return=), so it never sends a Referer either.
    const [payment] = await query<{ id: string }>(`SELECT id FROM "Payment" WHERE "orderId" = $1`, [orderId]);
    const pay = await stranger.get(`/checkout/pay/${payment!.id}`);
    expect(pay.status()).toBe(200);
    expect(pay.headers()["referrer-policy"]).toBe("no-referrer");
    await stranger.dispose();
  });

  await test.step("the lookup form hands out a fresh link to the same order", async () => {
    const [order] = await query<{ number: number }>(`SELECT number FROM "Order" WHERE id = $1`, [orderId]);
    await page.goto("/orders/lookup");
    await page.getByLabel("Order number").filter({ visible: true }).fill(String(order!.number));
    await page.getByLabel("Email").filter({ visible: true }).fill(email);
    await page.getByRole("button", { name: "Find my order" }).filter({ visible: true }).click();
    await expect(page.getByTestId("order-number").filter({ visible: true })).toHaveText(`#${order!.number}`);
    const looked = new URL(page.url());
    expect(looked.pathname).toBe(`/orders/${orderId}`);
    expect(looked.searchParams.get("key")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(looked.searchParams.get("key")).not.toBe(orderUrl.searchParams.get("key"));
  });
  await context.close();
});

test("a signed-in customer opens their own order without a key, and no one else's", async ({ browser }) => {
  test.setTimeout(120_000);
  const customer = await createUser("CUSTOMER");
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const page = await context.newPage();
  await signInPage(page, customer.email, customer.password);
  const variant = await inStockVariant(1);
  await page.goto(`/products/${variant.slug}?variant=${variant.id}`);
  await page.getByTestId("add-to-cart").filter({ visible: true }).click();
  await expect(page.getByTestId("add-to-cart-status").filter({ visible: true })).toContainText("Added to your cart");
  const number = await checkoutAsGuest(page, customer.email);
  const [order] = await query<{ id: string; userId: string }>(`SELECT id, "userId" FROM "Order" WHERE number = $1`, [
    Number(number),
  ]);
  expect(order!.userId).toBe(customer.id);

  const own = await page.goto(`/orders/${order!.id}`);
  expect(own?.status()).toBe(200);
  await expect(page.getByTestId("order-number").filter({ visible: true })).toHaveText(`#${number}`);

  // Another customer, signed in, gets the 404.
  const other = await createUser("CUSTOMER");
  const otherContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const otherPage = await otherContext.newPage();
  await signInPage(otherPage, other.email, other.password);
  expect((await otherPage.goto(`/orders/${order!.id}`))?.status()).toBe(404);
  await otherContext.close();
  await context.close();
});

test.describe("unknown ids on detail pages answer HTTP 404", () => {
  let admin: APIRequestContext;

  test.beforeAll(async ({ baseURL }) => {
    admin = await playwrightRequest.newContext({
      baseURL,
      extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() },
    });
    await signInRequest(admin, E2E_ADMIN.email, E2E_ADMIN.password);
  });
  test.afterAll(async () => {
    await admin?.dispose();
  });

  test("admin order, product, coupon and inventory pages: 404 for an unknown id, 200 for a real one", async () => {
    const [product] = await query<{ id: string }>(`SELECT id FROM "Product" ORDER BY id LIMIT 1`);
    const [variant] = await query<{ id: string }>(`SELECT id FROM "Variant" ORDER BY id LIMIT 1`);
    const [coupon] = await query<{ id: string }>(`SELECT id FROM "Coupon" ORDER BY id LIMIT 1`);
    const [order] = await query<{ id: string }>(`SELECT id FROM "Order" ORDER BY "createdAt" LIMIT 1`);
    const known = {
      orders: order?.id,
      products: product!.id,
      coupons: coupon?.id,
      inventory: variant!.id,
    };
    for (const [section, id] of Object.entries(known)) {
      const unknown = await admin.get(`/admin/${section}/no-such-id-${Date.now()}`, { maxRedirects: 0 });
      expect(unknown.status(), `${section} unknown`).toBe(404);
      expect(await unknown.text(), `${section} unknown`).toContain("We couldn’t find that page");
      if (id) expect((await admin.get(`/admin/${section}/${id}`, { maxRedirects: 0 })).status(), section).toBe(200);
    }
    // Their static siblings are pages of their own.
    for (const path of ["/admin/products/new", "/admin/products/import", "/admin/coupons/new"]) {
      expect((await admin.get(path, { maxRedirects: 0 })).status(), path).toBe(200);
    }
  });

  test("the test payment page: 404 for an unknown payment", async ({ baseURL }) => {
    const shopper = await playwrightRequest.newContext({
      baseURL,
      extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() },
    });
    const response = await shopper.get("/checkout/pay/no-such-payment");
    expect(response.status()).toBe(404);
    expect(response.headers()["referrer-policy"]).toBe("no-referrer");
    await shopper.dispose();
  });
});
