// A second store, started by this spec with `npm start` in production mode (STORE_MODE=production) and
// no payment provider or SMTP: what a store that went live half-configured does. It says so at start, in
// the admin header and in a red dashboard banner; checkout refuses to place an order; the test payment page
// and the dev mailbox do not exist, not even for the admin.
//
// It is a second app instance of the main e2e store: the same database (DATABASE_URL, exactly as the main
// store's `npm start` set it, so the production build is shared rather than rebuilt under the running main
// store) and the same Meilisearch, on a free port. Only the mode differs, which is the point: the same data
// behaves differently in the two stores (a TEST payment's page opens on one and not on the other).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { query } from "./support/db";
import { E2E_ADMIN, signInPage, uniqueClientIp } from "./support/auth";
import { guestCheckoutToReview } from "./support/checkout";
import { e2eDataDir, storeDatabaseUrl } from "./support/store";
import { freePort } from "../tests/helpers/ports";

const mainPort = Number(process.env.E2E_PORT ?? 3100);
const mainDataDir = e2eDataDir(mainPort);
let origin = "";
let store: ChildProcess | undefined;
let output = "";

async function waitUntilServing(): Promise<void> {
  const deadline = Date.now() + 540_000;
  while (Date.now() < deadline) {
    if (store?.exitCode !== null) throw new Error(`The production store exited:\n${output}`);
    const up = await fetch(origin).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`The production store did not answer at ${origin}:\n${output}`);
}

async function newPage(browser: Browser, baseURL = origin): Promise<Page> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  return context.newPage();
}

test.describe("a store in production mode without payments or email configured", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(async () => {
    test.setTimeout(600_000);
    const port = await freePort();
    origin = `http://localhost:${port}`;
    store = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        STORE_MODE: "production",
        DATABASE_URL: storeDatabaseUrl(mainDataDir, Number(process.env.E2E_PG_PORT ?? 54331)),
        MEILI_HOST: `http://127.0.0.1:${Number(process.env.E2E_MEILI_PORT ?? 7731)}`,
        MEILI_MASTER_KEY: readFileSync(path.join(mainDataDir, "meili-master-key"), "utf8").trim(),
        DATA_DIR: `${mainDataDir}-production`,
        PORT: String(port),
        // The build depends on SITE_URL: the main store's. This instance's own origin is NEXTAUTH_URL.
        SITE_URL: `http://localhost:${mainPort}`,
        NEXTAUTH_URL: origin,
        NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
        ADMIN_EMAIL: E2E_ADMIN.email,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        STRIPE_SECRET_KEY: "",
        STRIPE_WEBHOOK_SECRET: "",
        SMTP_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
    store.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    store.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitUntilServing();
  });

  test.afterAll(async () => {
    if (!store || store.exitCode !== null) return;
    const exited = new Promise((resolve) => store!.once("exit", resolve));
    process.kill(-store.pid!, "SIGTERM"); // its own process group: npm start stops its server and worker
    const timer = setTimeout(() => process.kill(-store!.pid!, "SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  });

  test("npm start says it runs in production mode and what is missing", () => {
    expect(output).toContain("Store mode: production (STORE_MODE=production)");
    // The main store's build, not a new one under it.
    expect(output).toContain("Production build is up to date");
    expect(output).toContain("PRODUCTION MODE (STORE_MODE=production)");
    expect(output).toContain("✗ This store cannot take payments: checkout refuses every order.");
    expect(output).toContain("✗ Email is not configured: order emails wait in the outbox, unsent.");
    expect(output).not.toContain("DEMO MODE");
  });

  test("checkout says the store cannot take payments, and places no order", async ({ browser }) => {
    const page = await newPage(browser);
    const email = `prod-buyer-${Date.now()}@example.com`;
    const [variant] = await query<{ slug: string; id: string }>(
      `SELECT p.slug, v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId" JOIN "InventoryLevel" l ON l."variantId" = v.id
        WHERE p.status = 'ACTIVE' GROUP BY p.slug, v.id HAVING sum(l."onHand" - l.reserved) >= 5 ORDER BY v.id OFFSET 3 LIMIT 1`,
    );
    await page.goto(`/products/${variant!.slug}?variant=${variant!.id}`);
    await page.getByTestId("add-to-cart").filter({ visible: true }).click();
    await expect(page.getByTestId("add-to-cart-status").filter({ visible: true })).toContainText("Added to your cart");
    await guestCheckoutToReview(page, email);
    await page.getByTestId("place-order").filter({ visible: true }).click();
    await expect(page.getByTestId("form-error").filter({ visible: true })).toHaveText(
      "This store cannot take payments right now, so no order was placed and nothing was charged. Please try again later.",
    );
    await expect(page).toHaveURL(/\/checkout\/review$/);
    const [cart] = await query<{ id: string; checkoutToken: string | null; lines: string }>(
      `SELECT c.id, c."checkoutToken", (SELECT count(*) FROM "CartLine" l WHERE l."cartId" = c.id) AS lines
         FROM "Cart" c WHERE c.email = $1`,
      [email],
    );
    // The cart is kept as it was (no checkout token written), and nothing was ordered or reserved.
    expect(cart).toMatchObject({ checkoutToken: null, lines: "1" });
    const [counts] = await query<{ orders: string; reservations: string }>(
      `SELECT (SELECT count(*) FROM "Order" WHERE email = $1 OR "cartId" = $2) AS orders,
              (SELECT count(*) FROM "Reservation" r JOIN "Order" o ON o.id = r."orderId" WHERE o."cartId" = $2) AS reservations`,
      [email, cart!.id],
    );
    expect(counts).toEqual({ orders: "0", reservations: "0" });
  });

  test("the admin shows production mode and a red banner for payments and email", async ({ browser }) => {
    const page = await newPage(browser);
    await signInPage(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
    await expect(page.getByTestId("store-mode").filter({ visible: true })).toHaveText("Production");
    await expect(page.getByTestId("readiness-payments")).toContainText(
      "This store cannot take payments: checkout refuses every order.",
    );
    await expect(page.getByTestId("readiness-email")).toContainText("Email is not configured");
  });

  test("the dev mailbox and the test payment page do not exist, not even for the admin", async ({
    browser,
    baseURL,
  }) => {
    const page = await newPage(browser);
    await signInPage(page, E2E_ADMIN.email, E2E_ADMIN.password, "/account");
    const mailbox = await page.goto("/dev/mail");
    expect(mailbox?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn’t find that page" })).toBeVisible();

    // An open TEST payment (as one left from before the store went live): the demo store shows its card
    // form, the production store does not know the page.
    const suffix = randomBytes(6).toString("hex");
    await query(
      `INSERT INTO "Order" (id, "checkoutToken", email, currency, "subtotalCents", "totalCents", "shippingMethod",
                            "shippingMethodName", "shippingAddress", "updatedAt")
       VALUES ($1, $2, 'left-over@example.com', 'USD', 1000, 1000, 'STANDARD', 'Standard', '{}', now())`,
      [`e2eprodorder${suffix}`, `e2e-prod-token-${suffix}`],
    );
    await query(
      `INSERT INTO "Payment" (id, "orderId", provider, "providerRef", "amountCents", currency, "expiresAt", "updatedAt")
       VALUES ($1, $2, 'TEST', $3, 1000, 'USD', now() + interval '1 hour', now())`,
      [`e2eprodpay${suffix}`, `e2eprodorder${suffix}`, `testpay_e2e_${suffix}`],
    );
    const demo = await newPage(browser, baseURL);
    await demo.goto(`/checkout/pay/e2eprodpay${suffix}`);
    await expect(demo.getByTestId("test-mode").filter({ visible: true })).toBeVisible();

    const response = await page.goto(`/checkout/pay/e2eprodpay${suffix}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn’t find that page" })).toBeVisible();
    await expect(page.getByTestId("test-mode")).toHaveCount(0);
    await expect(page.getByLabel("Card number")).toHaveCount(0);
  });
});
