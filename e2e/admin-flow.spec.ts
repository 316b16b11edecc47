// The seller's loop end to end, in Chromium against the production build: the admin signs in, creates a
// product with two variants and stock, finds it in the storefront and in search; a guest buys it; the admin
// ships it with a tracking number and the guest's order lookup shows it shipped; the admin refunds part of
// the order.
import { expect, test, type Page } from "@playwright/test";
import { formatPrice, query } from "./support/db";
import { E2E_ADMIN, signInPage, uniqueClientIp } from "./support/auth";
import { checkoutAsGuest } from "./support/checkout";

const shown = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

// A made-up word, so the search finds this product and nothing else.
const word = `Zorbly${Array.from({ length: 5 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;
const title = `${word} Trail Jacket`;
const skus = { small: `${word.toUpperCase()}-S`, medium: `${word.toUpperCase()}-M` };

test("an admin creates a product, a guest buys it, the admin ships and partly refunds it", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const guest = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  let productId = "";
  let slug = "";

  await test.step("the admin signs in and creates a product with two variants and stock", async () => {
    await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/products/new");
    await admin.getByLabel("Title", { exact: true }).fill(title);
    await admin.getByLabel(/^Description/).fill("A light shell for trail days. Created by the end-to-end test.");
    await admin.getByLabel("Category").selectOption({ index: 1 });
    await admin.getByLabel("Status").selectOption("ACTIVE");
    await admin.getByRole("button", { name: "Add option" }).click();
    await admin.getByLabel("Option 1 name").fill("Size");
    await admin.getByRole("button", { name: "Add variant" }).click();
    const rows = [
      { size: "S", sku: skus.small, price: "49.00", stock: "5" },
      { size: "M", sku: skus.medium, price: "52.50", stock: "3" },
    ];
    for (const [index, row] of rows.entries()) {
      const n = index + 1;
      await admin.getByLabel(`Size, row ${n}`, { exact: false }).first().fill(row.size);
      await admin.getByLabel(`SKU, row ${n}`, { exact: false }).first().fill(row.sku);
      await admin.getByLabel(new RegExp(`^Price \\(USD\\), row ${n}`)).fill(row.price);
      await admin.getByLabel(new RegExp(`^Initial stock, row ${n}`)).fill(row.stock);
    }
    // A bad price first: a field error, and nothing is created.
    await admin.getByLabel(/^Price \(USD\), row 2/).fill("0");
    await admin.getByRole("button", { name: "Create product" }).click();
    await expect(admin.getByTestId("form-error").filter({ visible: true })).toBeVisible();
    expect(await query(`SELECT 1 FROM "Product" WHERE title = $1`, [title])).toHaveLength(0);
    await admin.getByLabel(/^Price \(USD\), row 2/).fill("52.50");
    await admin.getByRole("button", { name: "Create product" }).click();
    await admin.waitForURL(/\/admin\/products\/[^/]+\?created=1/);
    productId = new URL(admin.url()).pathname.split("/").pop()!;
    const [product] = await query<{ slug: string; status: string }>(
      `SELECT slug, status FROM "Product" WHERE id = $1`,
      [productId],
    );
    expect(product?.status).toBe("ACTIVE");
    slug = product!.slug;
    const stock = await query<{ sku: string; onHand: number }>(
      `SELECT v.sku, SUM(l."onHand")::int AS "onHand" FROM "Variant" v JOIN "InventoryLevel" l ON l."variantId" = v.id
        WHERE v."productId" = $1 GROUP BY v.sku ORDER BY v.sku`,
      [productId],
    );
    expect(stock).toEqual([
      { sku: skus.medium, onHand: 3 },
      { sku: skus.small, onHand: 5 },
    ]);
  });

  await test.step("the product is in the storefront and in search", async () => {
    await guest.goto(`/products/${slug}`);
    await expect(guest.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(guest.getByText(formatPrice(4900, "USD")).first()).toBeVisible();
    // Search is updated by the worker through the outbox, within seconds.
    await expect(async () => {
      await guest.goto(`/search?q=${encodeURIComponent(word.toLowerCase())}`);
      await expect(guest.getByRole("link", { name: new RegExp(title) }).first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
  });

  let orderNumber = "";
  const email = `buyer-${Date.now()}@example.com`;
  await test.step("a guest buys the medium one", async () => {
    const [medium] = await query<{ id: string }>(`SELECT id FROM "Variant" WHERE sku = $1`, [skus.medium]);
    await guest.goto(`/products/${slug}?variant=${medium!.id}`);
    await shown(guest, "add-to-cart").click();
    await expect(shown(guest, "add-to-cart-status")).toContainText("Added to your cart");
    orderNumber = await checkoutAsGuest(guest, email);
  });

  const [order] = await query<{ id: string; totalCents: number }>(
    `SELECT id, "totalCents" FROM "Order" WHERE number = $1`,
    [Number(orderNumber)],
  );
  expect(order).toBeDefined();

  await test.step("the admin finds the order and ships it with a tracking number", async () => {
    await admin.goto(`/admin/orders?q=${encodeURIComponent(email)}`);
    await admin
      .getByRole("link", { name: new RegExp(`#?${orderNumber}`) })
      .first()
      .click();
    await admin.waitForURL(new RegExp(`/admin/orders/${order!.id}`));
    const ship = admin.getByRole("form", { name: "Ship items" });
    await ship.getByLabel("Carrier").selectOption({ index: 0 });
    await ship.getByLabel("Tracking number").fill("1Z999AA10123456784");
    await ship.getByRole("button", { name: "Ship and email the shopper" }).click();
    await expect(admin.getByTestId("form-success").filter({ visible: true }).first()).toBeVisible();
    await expect(admin.getByText("Every item of this order has shipped.")).toBeVisible();
    const [shipped] = await query<{ status: string }>(`SELECT status FROM "Order" WHERE id = $1`, [order!.id]);
    expect(shipped?.status).toBe("FULFILLED");
  });

  await test.step("the guest's order lookup shows it shipped, with the tracking number", async () => {
    await guest.goto("/orders/lookup");
    await guest.getByLabel("Order number").filter({ visible: true }).fill(orderNumber);
    await guest.getByLabel("Email").filter({ visible: true }).fill(email);
    await guest.getByRole("button", { name: "Find my order" }).filter({ visible: true }).click();
    await expect(shown(guest, "order-status")).toHaveText("Shipped");
    await expect(shown(guest, "tracking-number")).toHaveText("1Z999AA10123456784");
    await expect(shown(guest, "shipment-status")).toContainText("Shipped on");
  });

  await test.step("the admin refunds part of the order", async () => {
    await admin.reload();
    const refund = admin.getByRole("form", { name: "Refund" });
    await refund.getByLabel("Amount").fill("999999.00");
    await refund.getByRole("button", { name: "Refund" }).click();
    await expect(refund.getByTestId("form-error")).toBeVisible();
    await refund.getByLabel("Amount").fill("10.00");
    await refund.getByRole("button", { name: "Refund" }).click();
    await expect(admin.getByTestId("form-success").filter({ visible: true }).first()).toBeVisible();
    const [refunded] = await query<{ refundedCents: number; paymentStatus: string }>(
      `SELECT "refundedCents", "paymentStatus" FROM "Order" WHERE id = $1`,
      [order!.id],
    );
    expect(refunded).toEqual({ refundedCents: 1000, paymentStatus: "PARTIALLY_REFUNDED" });
    const refunds = await query<{ amountCents: number; status: string }>(
      `SELECT "amountCents", status FROM "Refund" WHERE "orderId" = $1`,
      [order!.id],
    );
    expect(refunds).toEqual([{ amountCents: 1000, status: "SUCCEEDED" }]);
    const audit = await query(`SELECT 1 FROM "AuditLog" WHERE "entityId" = $1 AND action LIKE 'order.%'`, [order!.id]);
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  await admin.context().close();
  await guest.context().close();
});
