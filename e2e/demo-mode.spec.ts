// The demo store (the e2e store runs on the embedded database, so in demo mode): its conveniences are there,
// but not for everyone. The development mailbox is a real 404 to anyone who is not signed-in staff; an
// order paid with a test card is marked TEST for the seller; an account with a generated password must
// replace it before the admin lets it do anything. Production mode: e2e/production-mode.spec.ts.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { query } from "./support/db";
import { createUser, gotoSettled, signInPage, signInRequest, streamSettled, uniqueClientIp } from "./support/auth";
import { checkoutAsGuest } from "./support/checkout";

const shown = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

async function newPage(browser: import("@playwright/test").Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  return context.newPage();
}

test("the dev mailbox is a 404 for visitors and customers, and shows signed-in staff the emails", async ({
  browser,
  baseURL,
}) => {
  const anonymous = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() },
  });
  const customer = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() },
  });
  try {
    await test.step("an anonymous visitor gets a 404 that does not mention a mailbox", async () => {
      const response = await anonymous.get("/dev/mail");
      expect(response.status()).toBe(404);
      const body = await response.text();
      expect(body).toContain("We couldn’t find that page");
      expect(body.toLowerCase()).not.toContain("mailbox");
    });
    await test.step("so does a signed-in customer", async () => {
      const user = await createUser("CUSTOMER");
      await signInRequest(customer, user.email, user.password);
      const response = await customer.get("/dev/mail");
      expect(response.status()).toBe(404);
      expect((await response.text()).toLowerCase()).not.toContain("mailbox");
    });
  } finally {
    await Promise.all([anonymous.dispose(), customer.dispose()]);
  }

  await test.step("signed-in staff read the emails the store would have sent", async () => {
    const [email] = await query<{ email: string }>(
      `SELECT o.email FROM "OutboxEvent" e JOIN "Order" o ON o.id = e.payload->>'orderId'
        WHERE e.topic = 'email.order_confirmation' ORDER BY e."createdAt" DESC LIMIT 1`,
    );
    const staff = await createUser("STAFF");
    const page = await newPage(browser);
    await signInPage(page, staff.email, staff.password, "/account");
    // Specs run in any order and subset: the mailbox is empty only if no email was queued at all. It lists
    // queued emails as well as sent ones, and the worker can queue one (a digest) at any time: counted
    // before and after the page is rendered, so the page saw at least the first count and at most the second.
    const emailsQueued = async () =>
      (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxEvent" WHERE topic LIKE 'email.%'`))[0]!.n;
    const queuedBefore = await emailsQueued();
    const response = await page.goto("/dev/mail");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Development mailbox" })).toBeVisible();
    const queuedAfter = await emailsQueued();
    if (email) await expect(shown(page, "mailbox")).toContainText(email.email);
    else if (queuedBefore > 0) await expect(shown(page, "mailbox").locator("li").first()).toBeVisible();
    else if (queuedAfter === 0) await expect(shown(page, "mailbox-empty")).toBeVisible();
    else await expect(shown(page, "mailbox").or(shown(page, "mailbox-empty"))).toBeVisible();
  });
});

test("an order paid with a test card is marked TEST in the admin list and on its page", async ({ browser }) => {
  test.setTimeout(120_000);
  const guest = await newPage(browser);
  const admin = await newPage(browser);
  const email = `test-marker-${Date.now()}@example.com`;
  const [variant] = await query<{ slug: string; id: string }>(
    `SELECT p.slug, v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId" JOIN "InventoryLevel" l ON l."variantId" = v.id
      WHERE p.status = 'ACTIVE' GROUP BY p.slug, v.id HAVING sum(l."onHand" - l.reserved) >= 5 ORDER BY v.id DESC LIMIT 1`,
  );
  expect(variant).toBeDefined();

  let number = "";
  await test.step("a guest pays with the test card", async () => {
    await guest.goto(`/products/${variant!.slug}?variant=${variant!.id}`);
    await shown(guest, "add-to-cart").click();
    await expect(shown(guest, "add-to-cart-status")).toContainText("Added to your cart");
    number = await checkoutAsGuest(guest, email);
  });

  await test.step("the seller sees TEST on the order in the list and on its page, and the demo mode", async () => {
    const staff = await createUser("STAFF");
    await signInPage(admin, staff.email, staff.password, `/admin/orders?q=${encodeURIComponent(email)}`);
    await expect(shown(admin, "store-mode")).toHaveText("Demo mode");
    const row = admin.getByRole("row").filter({ hasText: `#${number}` });
    await expect(row.getByTestId("test-payment")).toHaveText("TEST");
    await row.getByRole("link", { name: `#${number}` }).click();
    await expect(admin.getByRole("heading", { name: `Order #${number}` })).toBeVisible();
    await expect(shown(admin, "order-badges").getByTestId("test-payment")).toHaveText("TEST");
    await expect(shown(admin, "test-payment-note")).toContainText("No money was taken");
  });
});

/** One admin server action's id and a page that includes it, from the build's server-reference manifest. */
function anAdminAction(): { id: string; route: string } {
  const file = path.join(process.cwd(), ".next/server/server-reference-manifest.json");
  if (!existsSync(file)) throw new Error("No server-reference manifest: the store must be built.");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  const [id, entry] = Object.entries(manifest.node).find(
    ([, candidate]) => candidate.filename === "app/admin/coupons/actions.ts",
  )!;
  // A page without an id in its path: an unknown id is answered 404 by the proxy before any action runs.
  const workers = Object.keys(entry.workers).filter((name) => name.startsWith("app/admin"));
  const worker = workers.find((name) => !name.includes("[")) ?? workers[0]!;
  // "app/admin/coupons/[id]/page" -> "/admin/coupons/probe"
  const segments = worker
    .split("/")
    .slice(1, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => (/^\[.*\]$/.test(segment) ? "probe" : segment));
  return { id, route: `/${segments.join("/")}` };
}

test("an account with a generated password must change it before the admin lets it in", async ({ browser }) => {
  const staff = await createUser("STAFF", "generated-password-1", { mustChangePassword: true });
  const page = await newPage(browser);

  await test.step("every admin page leads to the change-password page", async () => {
    await gotoSettled(page, "/account/sign-in?callbackUrl=%2Fadmin");
    await page.getByLabel("Email").fill(staff.email);
    await page.getByLabel("Password").fill(staff.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/password");
    await expect(shown(page, "password-change-required")).toBeVisible();
    await page.goto("/admin/orders");
    await page.waitForURL((url) => url.pathname === "/admin/password");
  });

  await test.step("admin route handlers and server actions refuse it, writing nothing", async () => {
    const exported = await page.request.get("/api/admin/orders/export?from=2026-01-01&to=2026-01-31");
    expect(exported.status()).toBe(403);
    expect(await exported.json()).toEqual({
      error: "Change the generated password of your account before using the store admin.",
    });
    const auditCount = async () => (await query<{ count: string }>(`SELECT count(*) FROM "AuditLog"`))[0]!.count;
    const auditBefore = await auditCount();
    const action = anAdminAction();
    const response = await page.request.post(action.route, {
      headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      data: "[]",
      maxRedirects: 0,
    });
    expect(await response.text()).toContain("password_change_required");
    expect(await auditCount()).toBe(auditBefore);
  });

  await test.step("after choosing a new password and signing in again, the admin opens", async () => {
    await page.goto("/admin/password");
    await page.getByLabel("Current password").fill(staff.password);
    await page.getByLabel("New password", { exact: true }).fill("my-own-password-22");
    await page.getByLabel("Repeat the new password").fill("my-own-password-22");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.waitForURL((url) => url.pathname === "/account/sign-in");
    await streamSettled(page);
    await page.getByLabel("Email").fill(staff.email);
    await page.getByLabel("Password").fill("my-own-password-22");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    const [user] = await query<{ mustChangePassword: boolean }>(
      `SELECT "mustChangePassword" FROM "User" WHERE id = $1`,
      [staff.id],
    );
    expect(user!.mustChangePassword).toBe(false);
  });
});
