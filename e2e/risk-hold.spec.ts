// The store's own fraud rules, end to end: a guest's card is declined twice, then a German card pays
// for a U.S. delivery. The store's risk score holds the order (no provider review involved); the admin
// sees the score and each reason on the order page, releases the hold, and finds the rules on the
// administrators' settings page, which refuses a bad value with a clear message.
import { expect, test, type Page } from "@playwright/test";
import { query } from "./support/db";
import { E2E_ADMIN, signInPage, uniqueClientIp } from "./support/auth";
import { checkoutAsGuest, guestCheckoutToReview } from "./support/checkout";

async function declinedAttempt(page: Page, email: string) {
  await guestCheckoutToReview(page, email);
  await page.getByTestId("place-order").filter({ visible: true }).click();
  await page.getByLabel("Card number").filter({ visible: true }).fill("4000 0000 0000 0002");
  await page.getByRole("button", { name: /^Pay / }).filter({ visible: true }).click();
  await expect(page.getByTestId("form-error").filter({ visible: true })).toContainText(/declined/i);
}

test("a risky order is held by the store's own score, and the admin sees why and releases it", async ({ browser }) => {
  test.setTimeout(180_000);
  const guest = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const admin = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } })
  ).newPage();
  const email = `score-${Date.now()}@example.com`;

  const [variant] = await query<{ slug: string; id: string }>(
    `SELECT p.slug, v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId" JOIN "InventoryLevel" l ON l."variantId" = v.id
      WHERE p.status = 'ACTIVE' GROUP BY p.slug, v.id HAVING sum(l."onHand" - l.reserved) >= 5 ORDER BY v.id LIMIT 1`,
  );
  expect(variant).toBeDefined();

  let orderId = "";
  await test.step("two declined cards, then a German card for a U.S. delivery: a normal confirmation", async () => {
    await guest.goto(`/products/${variant!.slug}?variant=${variant!.id}`);
    await guest.getByTestId("add-to-cart").filter({ visible: true }).click();
    await expect(guest.getByTestId("add-to-cart-status").filter({ visible: true })).toContainText("Added to your cart");
    await declinedAttempt(guest, email);
    await declinedAttempt(guest, email);
    const number = await checkoutAsGuest(guest, email, "4000 0027 6000 0016");
    const [order] = await query<{ id: string; status: string; fraudReview: boolean; riskScore: number }>(
      `SELECT id, status, "fraudReview", "riskScore" FROM "Order" WHERE number = $1`,
      [Number(number)],
    );
    expect(order).toMatchObject({ status: "PAID", fraudReview: true });
    expect(order!.riskScore).toBeGreaterThanOrEqual(80);
    orderId = order!.id;
  });

  await test.step("the held orders list shows the order with its score", async () => {
    await signInPage(
      admin,
      E2E_ADMIN.email,
      E2E_ADMIN.password,
      `/admin/orders?fraud=1&q=${encodeURIComponent(email)}`,
    );
    const [held] = await query<{ number: number; riskScore: number }>(
      `SELECT number, "riskScore" FROM "Order" WHERE id = $1`,
      [orderId],
    );
    const row = admin.getByRole("row").filter({ hasText: `#${held!.number}` });
    await expect(row).toContainText(`Fraud review · risk score ${held!.riskScore}`);
  });

  await test.step("the admin sees the hold, the score and each reason", async () => {
    await admin.goto(`/admin/orders/${orderId}`);
    await expect(admin.getByTestId("order-badges")).toContainText("Fraud review");
    const risk = admin.getByTestId("risk-score");
    await expect(risk).toContainText("Orders are held at 80 points or more.");
    const reasons = risk.getByTestId("risk-reason");
    await expect(
      reasons.filter({ hasText: "The billing country (DE) differs from the shipping country (US)." }),
    ).toHaveCount(1);
    await expect(reasons.filter({ hasText: "2 declined payment attempts from this email" })).toHaveCount(1);
    await expect(admin.getByText("Resolve the fraud review first.")).toBeVisible();
  });

  await test.step("the admin releases the hold, and the order can ship", async () => {
    const resolve = admin.getByRole("form", { name: "Resolve fraud review" });
    await resolve.getByLabel("What the review found").fill("Card holder confirmed the order by phone.");
    await resolve.getByRole("button", { name: "Mark review resolved" }).click();
    await expect(admin.getByRole("form", { name: "Ship items" })).toBeVisible();
    const [released] = await query<{ fraudReview: boolean }>(`SELECT "fraudReview" FROM "Order" WHERE id = $1`, [
      orderId,
    ]);
    expect(released?.fraudReview).toBe(false);
    // The reasons stay on the order after the release.
    await expect(admin.getByTestId("risk-reason")).not.toHaveCount(0);
  });

  await test.step("the fraud rules page refuses a bad value with its message and saves a good one", async () => {
    await admin.goto("/admin/risk");
    const rules = admin.getByRole("form", { name: "Fraud rules" });
    const holdAt = rules.getByLabel("Hold an order at a score of");
    await expect(holdAt).toHaveValue("80");
    await holdAt.fill("0");
    await rules.getByRole("button", { name: "Save fraud rules" }).click();
    await expect(rules.getByText("The hold score must be at least 1.").first()).toBeVisible();
    const [unsaved] = await query<{ count: string }>(`SELECT count(*) FROM "RiskSettings"`);
    expect(Number(unsaved!.count)).toBe(0);
    // The defaults again: saving them changes no other test's checkout.
    await rules.getByLabel("Hold an order at a score of").fill("80");
    await rules.getByRole("button", { name: "Save fraud rules" }).click();
    await expect(rules.getByRole("status")).toContainText("Saved.");
    const [saved] = await query<{ enabled: boolean; holdAtScore: number }>(
      `SELECT enabled, "holdAtScore" FROM "RiskSettings"`,
    );
    expect(saved).toEqual({ enabled: true, holdAtScore: 80 });
  });

  await admin.context().close();
  await guest.context().close();
});
