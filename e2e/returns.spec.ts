// Returns and exchanges end to end, in Chromium against the production build: a guest buys two items, the
// seller ships them, the guest returns one from the order page (through the order's link), the seller
// approves, receives it back into stock and refunds it: a partial refund through the test provider. Then
// an exchange: the guest swaps a size for another at the same price, and the exchange ships as a second
// shipment of the same order. A dearer exchange's difference is paid with the test card, by a guest (back on
// the order's link) and by a signed-in owner (back on their own order page, which needs no link).
import { expect, test, type Page } from "@playwright/test";
import { query } from "./support/db";
import { E2E_ADMIN, createUser, signInPage, uniqueClientIp } from "./support/auth";
import { checkoutAsGuest } from "./support/checkout";

const shown = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

interface Stocked {
  variantId: string;
  slug: string;
  title: string;
}

/** Variants with stock to spare, each of another product, excluding the given products. */
async function stockedVariants(count: number, exceptProducts: string[] = []): Promise<Stocked[]> {
  return query<Stocked>(
    `SELECT DISTINCT ON (p.id) v.id AS "variantId", p.slug, p.title
     FROM "Variant" v JOIN "Product" p ON p.id = v."productId" AND p.status = 'ACTIVE'
     WHERE NOT (p.id = ANY($1::text[]))
       AND (SELECT coalesce(sum(l."onHand" - l.reserved), 0) FROM "InventoryLevel" l
            JOIN "Location" loc ON loc.id = l."locationId" AND loc.active WHERE l."variantId" = v.id) >= 5
     ORDER BY p.id, v.id LIMIT $2`,
    [exceptProducts, count],
  );
}

async function addToCart(page: Page, item: Stocked) {
  await page.goto(`/products/${item.slug}?variant=${item.variantId}`);
  await shown(page, "add-to-cart").click();
  await expect(shown(page, "add-to-cart-status")).toContainText("Added to your cart");
}

async function orderByNumber(number: string) {
  const [order] = await query<{ id: string }>(`SELECT id FROM "Order" WHERE number = $1`, [Number(number)]);
  expect(order).toBeDefined();
  return order!.id;
}

/** The seller ships every item from the admin order page. */
async function shipAll(admin: Page, orderId: string, trackingNumber: string) {
  await admin.goto(`/admin/orders/${orderId}`);
  const ship = admin.getByRole("form", { name: "Ship items" });
  await ship.getByLabel("Carrier").selectOption({ index: 0 });
  await ship.getByLabel("Tracking number").fill(trackingNumber);
  await ship.getByRole("button", { name: "Ship and email the shopper" }).click();
  await expect(admin.getByText("Every item of this order has shipped.")).toBeVisible();
}

async function requestReturn(guest: Page, lineText: string, options: { exchangeVariantId?: string } = {}) {
  await guest.reload();
  const form = guest.getByRole("form", { name: "Return items" });
  const line = form.getByTestId("return-line").filter({ hasText: lineText });
  await line.getByRole("checkbox").check();
  if (options.exchangeVariantId) await line.getByRole("combobox").selectOption(options.exchangeVariantId);
  await form.getByLabel("Reason").selectOption("wrong_size");
  await form.getByRole("button", { name: "Request return" }).click();
  // The page is refreshed with the new return listed (the form goes once nothing is left to return).
  await expect(shown(guest, "return-status")).toHaveText("Requested");
}

async function returnIdOf(orderId: string) {
  const [row] = await query<{ id: string }>(`SELECT id FROM "ReturnRequest" WHERE "orderId" = $1`, [orderId]);
  expect(row).toBeDefined();
  return row!.id;
}

/** The seller approves and receives every line of the return as resellable, at the first location. */
async function approveAndReceive(admin: Page, returnId: string, orderNumber: string) {
  await admin.goto("/admin/returns?status=REQUESTED");
  await expect(admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Returns" })).toBeVisible();
  await expect(admin.getByRole("link", { name: `#${orderNumber}` })).toBeVisible();
  await admin.goto(`/admin/returns/${returnId}`);
  await admin.getByRole("form", { name: "Approve return" }).getByRole("button", { name: "Approve" }).click();
  const receive = admin.getByRole("form", { name: /^Receive / });
  await expect(receive).toBeVisible();
  await receive.getByLabel("Condition").selectOption("RESELLABLE");
  await receive.getByRole("button", { name: "Mark received" }).click();
  await expect(shown(admin, "return-line-received")).toContainText("back in stock");
}

test("a guest returns one of two items and gets a partial refund", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const guest = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const [kept, returned] = await stockedVariants(2);
  expect(returned).toBeDefined();

  let orderNumber = "";
  await test.step("the guest buys two items and the seller ships them", async () => {
    await addToCart(guest, kept!);
    await addToCart(guest, returned!);
    orderNumber = await checkoutAsGuest(guest, `returns-${Date.now()}@example.com`);
    await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  });
  const orderId = await orderByNumber(orderNumber);
  await shipAll(admin, orderId, "1Z999AA10123456784");

  await test.step("the guest asks to return one of them from the order page", async () => {
    await requestReturn(guest, returned!.title);
    await expect(shown(guest, "form-success")).toContainText("Return requested");
  });
  const returnId = await returnIdOf(orderId);
  const [line] = await query<{ totalCents: number; variantId: string }>(
    `SELECT ol."totalCents", ol."variantId" FROM "ReturnLine" rl JOIN "OrderLine" ol ON ol.id = rl."orderLineId" WHERE rl."returnId" = $1`,
    [returnId],
  );
  expect(line?.variantId).toBe(returned!.variantId);
  const stockBefore = await query<{ onHand: number }>(
    `SELECT sum("onHand")::int AS "onHand" FROM "InventoryLevel" WHERE "variantId" = $1`,
    [returned!.variantId],
  );

  await test.step("the seller approves, receives it back into stock and refunds it", async () => {
    await approveAndReceive(admin, returnId, orderNumber);
    const refund = admin.getByRole("form", { name: "Refund return" });
    await refund.getByRole("button", { name: /^Refund / }).click();
    await expect(shown(admin, "return-refund")).toContainText("refunded (succeeded)");
  });

  await test.step("a partial refund, once, and the stock is back", async () => {
    const [order] = await query<{ refundedCents: number; paymentStatus: string; totalCents: number }>(
      `SELECT "refundedCents", "paymentStatus", "totalCents" FROM "Order" WHERE id = $1`,
      [orderId],
    );
    expect(order).toMatchObject({ refundedCents: line!.totalCents, paymentStatus: "PARTIALLY_REFUNDED" });
    expect(order!.refundedCents).toBeLessThan(order!.totalCents);
    expect(await query(`SELECT "amountCents", status FROM "Refund" WHERE "orderId" = $1`, [orderId])).toEqual([
      { amountCents: line!.totalCents, status: "SUCCEEDED" },
    ]);
    const [after] = await query<{ onHand: number }>(
      `SELECT sum("onHand")::int AS "onHand" FROM "InventoryLevel" WHERE "variantId" = $1`,
      [returned!.variantId],
    );
    expect(after!.onHand).toBe(stockBefore[0]!.onHand + 1);
    const emails = await query<{ step: string }>(
      `SELECT payload->>'step' AS step FROM "OutboxEvent" WHERE topic = 'email.return_update' AND payload->>'returnId' = $1 ORDER BY "createdAt"`,
      [returnId],
    );
    expect(emails.map((email) => email.step)).toEqual(["requested", "approved", "received", "refunded"]);
    await guest.reload();
    await expect(shown(guest, "return-status")).toHaveText("Completed");
    await expect(shown(guest, "return-refund")).toBeVisible();
  });

  await admin.context().close();
  await guest.context().close();
});

test("an exchange for another size ships as a second shipment of the order", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const guest = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  // Two options of one product at the same price, both in stock.
  const [pair] = await query<{ bought: string; exchange: string; slug: string; title: string }>(
    `WITH stocked AS (
       SELECT v.id, v."productId", v."priceCents" FROM "Variant" v JOIN "Product" p ON p.id = v."productId" AND p.status = 'ACTIVE'
       WHERE (SELECT coalesce(sum(l."onHand" - l.reserved), 0) FROM "InventoryLevel" l
              JOIN "Location" loc ON loc.id = l."locationId" AND loc.active WHERE l."variantId" = v.id) >= 5)
     SELECT a.id AS bought, b.id AS exchange, p.slug, p.title FROM stocked a
     JOIN stocked b ON b."productId" = a."productId" AND b.id <> a.id AND b."priceCents" = a."priceCents"
     JOIN "Product" p ON p.id = a."productId"
     ORDER BY p.id DESC LIMIT 1`,
  );
  expect(pair).toBeDefined();

  let orderNumber = "";
  await test.step("the guest buys one size and the seller ships it", async () => {
    await addToCart(guest, { variantId: pair!.bought, slug: pair!.slug, title: pair!.title });
    orderNumber = await checkoutAsGuest(guest, `exchange-${Date.now()}@example.com`);
    await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  });
  const orderId = await orderByNumber(orderNumber);
  await shipAll(admin, orderId, "1Z999AA10123456785");
  await requestReturn(guest, pair!.title, { exchangeVariantId: pair!.exchange });
  const returnId = await returnIdOf(orderId);

  await test.step("the seller approves (the new size is set aside), receives the old one and ships the new", async () => {
    await approveAndReceive(admin, returnId, orderNumber);
    const ship = admin.getByRole("form", { name: "Ship exchange" });
    await ship.getByLabel("Carrier").selectOption({ index: 0 });
    await ship.getByLabel("Tracking number").fill("1ZEXCHANGE0000001");
    await ship.getByRole("button", { name: "Ship the exchange" }).click();
    await expect(admin.getByText("The exchange shipped")).toBeVisible();
  });

  await test.step("the order has a second shipment with the new size; nothing was refunded", async () => {
    const shipments = await query<{ trackingNumber: string; variantId: string }>(
      `SELECT s."trackingNumber", ol."variantId" FROM "Shipment" s JOIN "ShipmentLine" sl ON sl."shipmentId" = s.id
       JOIN "OrderLine" ol ON ol.id = sl."orderLineId" WHERE s."orderId" = $1 ORDER BY s."shippedAt"`,
      [orderId],
    );
    expect(shipments).toEqual([
      { trackingNumber: "1Z999AA10123456785", variantId: pair!.bought },
      { trackingNumber: "1ZEXCHANGE0000001", variantId: pair!.exchange },
    ]);
    expect(await query(`SELECT status, "refundedCents" FROM "Order" WHERE id = $1`, [orderId])).toEqual([
      { status: "FULFILLED", refundedCents: 0 },
    ]);
    expect(await query(`SELECT status FROM "ReturnRequest" WHERE id = $1`, [returnId])).toEqual([
      { status: "COMPLETED" },
    ]);
    await guest.reload();
    await expect(shown(guest, "shipment")).toHaveCount(2);
    await expect(shown(guest, "return-status")).toHaveText("Completed");
    await expect(shown(guest, "order-status")).toHaveText("Shipped");
  });

  await admin.context().close();
  await guest.context().close();
});

/**
 * A stocked variant of a product the other tests do not use (the `offset`-th such product), and a dearer
 * option of it made for the test.
 */
async function withDearerOption(offset: number) {
  const [bought] = await query<Stocked & { priceCents: number; productId: string }>(
    `SELECT v.id AS "variantId", p.slug, p.title, v."priceCents", p.id AS "productId"
     FROM "Variant" v JOIN "Product" p ON p.id = v."productId" AND p.status = 'ACTIVE'
     WHERE (SELECT coalesce(sum(l."onHand" - l.reserved), 0) FROM "InventoryLevel" l
            JOIN "Location" loc ON loc.id = l."locationId" AND loc.active WHERE l."variantId" = v.id) >= 5
     ORDER BY p.id ASC LIMIT 1 OFFSET $1`,
    [offset],
  );
  expect(bought).toBeDefined();
  const dearerId = `e2edear${offset}x${Date.now()}`;
  await query(
    `INSERT INTO "Variant" (id, "productId", sku, title, "priceCents", position, "updatedAt")
     VALUES ($1, $2, $3, 'Deluxe', $4, 99, now())`,
    [dearerId, bought!.productId, `E2E-DEAR-${offset}-${Date.now()}`, bought!.priceCents + 500],
  );
  await query(
    `INSERT INTO "InventoryLevel" (id, "variantId", "locationId", "onHand", "updatedAt")
     SELECT $1, $2, id, 10, now() FROM "Location" WHERE active ORDER BY priority, code LIMIT 1`,
    [`${dearerId}lvl`, dearerId],
  );
  return { bought: bought!, dearerId };
}

/** From the order page: "Pay the difference", the test card, and back. */
async function payDifference(shopper: Page) {
  await shopper.reload();
  await expect(shown(shopper, "return-difference")).toBeVisible();
  await shopper.getByRole("button", { name: /^Pay the difference/ }).click();
  await expect(shopper.getByTestId("test-mode")).toBeVisible();
  await shopper.getByLabel("Card number").filter({ visible: true }).fill("4242 4242 4242 4242");
  await shopper.getByRole("button", { name: /^Pay / }).filter({ visible: true }).click();
  await expect(shown(shopper, "return-difference-paid")).toBeVisible();
}

test("a dearer exchange is paid with the test card, then ships", async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const guest = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const { bought, dearerId } = await withDearerOption(3);

  let orderNumber = "";
  await test.step("the guest buys one option and the seller ships it", async () => {
    await addToCart(guest, bought);
    orderNumber = await checkoutAsGuest(guest, `dearer-${Date.now()}@example.com`);
    await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  });
  const orderId = await orderByNumber(orderNumber);
  await shipAll(admin, orderId, "1Z999AA10123456786");
  await requestReturn(guest, bought.title, { exchangeVariantId: dearerId });
  const returnId = await returnIdOf(orderId);
  const [due] = await query<{ differenceCents: number }>(
    `SELECT "differenceCents" FROM "ReturnRequest" WHERE id = $1`,
    [returnId],
  );
  expect(due!.differenceCents).toBeGreaterThan(0);

  await test.step("the seller approves (the dearer option is held) and receives the old one", async () => {
    await approveAndReceive(admin, returnId, orderNumber);
  });

  await test.step("the guest pays the difference with the test card and is back on the order's link", async () => {
    await payDifference(guest);
    const back = new URL(guest.url());
    expect(back.pathname).toBe(`/orders/${orderId}`);
    expect(back.searchParams.get("key")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  await test.step("paid once, then the exchange ships", async () => {
    expect(await query(`SELECT "amountCents", status FROM "Payment" WHERE "returnId" = $1`, [returnId])).toEqual([
      { amountCents: due!.differenceCents, status: "SUCCEEDED" },
    ]);
    await admin.goto(`/admin/returns/${returnId}`);
    const ship = admin.getByRole("form", { name: "Ship exchange" });
    await ship.getByLabel("Carrier").selectOption({ index: 0 });
    await ship.getByLabel("Tracking number").fill("1ZEXCHANGE0000002");
    await ship.getByRole("button", { name: "Ship the exchange" }).click();
    await expect(admin.getByText("The exchange shipped")).toBeVisible();
    expect(await query(`SELECT status FROM "ReturnRequest" WHERE id = $1`, [returnId])).toEqual([
      { status: "COMPLETED" },
    ]);
    await guest.reload();
    await expect(shown(guest, "shipment")).toHaveCount(2);
  });

  await admin.context().close();
  await guest.context().close();
});

test("a signed-in owner pays a dearer exchange's difference and lands back on their own order page", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const admin = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const owner = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const customer = await createUser("CUSTOMER");
  const { bought, dearerId } = await withDearerOption(4);

  let orderNumber = "";
  await test.step("the customer, signed in, buys one option and the seller ships it", async () => {
    await signInPage(owner, customer.email, customer.password);
    await addToCart(owner, bought);
    orderNumber = await checkoutAsGuest(owner, customer.email);
    await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  });
  const orderId = await orderByNumber(orderNumber);
  expect(await query(`SELECT "userId" FROM "Order" WHERE id = $1`, [orderId])).toEqual([{ userId: customer.id }]);
  await shipAll(admin, orderId, "1Z999AA10123456787");

  await test.step("from their account's order history, without any link, they ask for the dearer option", async () => {
    await owner.goto("/account");
    await owner
      .getByRole("link", { name: new RegExp(`^Order #${orderNumber}\\b`) })
      .filter({ visible: true })
      .click();
    await expect(owner).toHaveURL((url) => url.pathname === `/orders/${orderId}` && !url.searchParams.has("key"));
    await requestReturn(owner, bought.title, { exchangeVariantId: dearerId });
  });
  const returnId = await returnIdOf(orderId);
  await approveAndReceive(admin, returnId, orderNumber);

  await test.step("they pay the difference and are back on their order page, not the lookup form", async () => {
    await payDifference(owner);
    await expect(owner).toHaveURL((url) => url.pathname === `/orders/${orderId}` && !url.searchParams.has("key"));
    await expect(shown(owner, "order-number")).toHaveText(`#${orderNumber}`);
    expect(await query(`SELECT status FROM "Payment" WHERE "returnId" = $1`, [returnId])).toEqual([
      { status: "SUCCEEDED" },
    ]);
  });

  await admin.context().close();
  await owner.context().close();
});
