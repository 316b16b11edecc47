// A payment with an elevated fraud risk, end to end: a guest pays with the test card that stands in for
// a Stripe Radar review (4000 0000 0000 9235) and sees a normal confirmation; the admin finds the order
// held, cannot ship it, resolves the review with a note, and then ships it.
import { expect, test } from "@playwright/test";
import { query } from "./support/db";
import { E2E_ADMIN, signInPage, uniqueClientIp } from "./support/auth";
import { checkoutAsGuest } from "./support/checkout";

test("an elevated-risk payment holds the order until the admin resolves the review", async ({ browser }) => {
  test.setTimeout(120_000);
  const guest = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const admin = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const email = `risky-${Date.now()}@example.com`;

  const [variant] = await query<{ slug: string; id: string }>(
    `SELECT p.slug, v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId" JOIN "InventoryLevel" l ON l."variantId" = v.id
      WHERE p.status = 'ACTIVE' GROUP BY p.slug, v.id HAVING sum(l."onHand" - l.reserved) >= 5 ORDER BY v.id LIMIT 1`,
  );
  expect(variant).toBeDefined();

  let orderId = "";
  await test.step("the guest pays with the elevated-risk test card and sees a normal confirmation", async () => {
    await guest.goto(`/products/${variant!.slug}?variant=${variant!.id}`);
    await guest.getByTestId("add-to-cart").filter({ visible: true }).click();
    await expect(guest.getByTestId("add-to-cart-status").filter({ visible: true })).toContainText("Added to your cart");
    const number = await checkoutAsGuest(guest, email, "4000 0000 0000 9235");
    const [order] = await query<{ id: string; status: string; fraudReview: boolean }>(
      `SELECT id, status, "fraudReview" FROM "Order" WHERE number = $1`,
      [Number(number)],
    );
    expect(order).toMatchObject({ status: "PAID", fraudReview: true });
    orderId = order!.id;
  });

  await test.step("the admin sees the hold and cannot ship before resolving it", async () => {
    await signInPage(admin, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/orders/${orderId}`);
    await expect(admin.getByTestId("order-badges")).toContainText("Fraud review");
    await expect(admin.getByText("Resolve the fraud review first.")).toBeVisible();
    await expect(admin.getByText(/The payment was made with the test card for an elevated fraud risk/)).toBeVisible();

    const resolve = admin.getByRole("form", { name: "Resolve fraud review" });
    await resolve.getByLabel("What the review found").fill("Called the customer; the order is genuine.");
    await resolve.getByRole("button", { name: "Mark review resolved" }).click();
    await expect(admin.getByRole("form", { name: "Ship items" })).toBeVisible();
    const [resolved] = await query<{ fraudReview: boolean }>(`SELECT "fraudReview" FROM "Order" WHERE id = $1`, [
      orderId,
    ]);
    expect(resolved?.fraudReview).toBe(false);
  });

  await test.step("then the order ships", async () => {
    const ship = admin.getByRole("form", { name: "Ship items" });
    await ship.getByLabel("Carrier").selectOption({ index: 0 });
    await ship.getByLabel("Tracking number").fill("1Z999AA10123456784");
    await ship.getByRole("button", { name: "Ship and email the shopper" }).click();
    await expect(admin.getByText("Every item of this order has shipped.")).toBeVisible();
  });

  await admin.context().close();
  await guest.context().close();
});
