// Security headers (lib/http/security-headers.ts, set by the web server) on every kind of response the
// store sends, the store's pages running under the Content-Security-Policy without a violation, and the
// form-action rule against Chromium's real behaviour on a form post redirected to Stripe Checkout.
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { query } from "./support/db";

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect.soft(headers["x-frame-options"], what).toBe("DENY");
  expect.soft(headers["x-content-type-options"], what).toBe("nosniff");
  expect.soft(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect.soft(headers["permissions-policy"], what).toContain("camera=()");
  const csp = headers["content-security-policy"] ?? "";
  for (const directive of [
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "script-src 'self' 'unsafe-inline'",
  ]) {
    expect.soft(csp, `${what}: ${directive}`).toContain(directive);
  }
  // The e2e store is served over http: HSTS only goes out when SITE_URL is https.
  expect.soft(headers["strict-transport-security"], what).toBeUndefined();
}

test("every kind of response carries the security headers", async ({ request }) => {
  const home = await request.get("/");
  const html = await home.text();
  const asset = /\/_next\/static\/[^"' ]+\.js/.exec(html)?.[0];
  const media = /\/media\/[^"' ?&]+/.exec(html)?.[0];
  expect(asset, "a script of the home page").toBeTruthy();
  expect(media, "a product image of the home page").toBeTruthy();
  const responses: [string, APIResponse, number][] = [
    ["page", home, 200],
    ["not-found page", await request.get("/no-such-page"), 404],
    ["route handler", await request.get("/api/search?q=tee"), 200],
    ["metadata route", await request.get("/robots.txt"), 200],
    ["static asset", await request.get(asset!), 200],
    ["missing static asset", await request.get("/_next/static/chunks/missing.js"), 404],
    ["media", await request.get(media!), 200],
    ["redirect", await request.get("/admin", { maxRedirects: 0 }), 307],
    ["malformed path (answered by the web server)", await request.get("/products/%E0%A4%A"), 400],
    [
      "server action from another site (answered by the web server)",
      await request.post("/cart", {
        headers: { "Next-Action": "00", Origin: "https://evil.example", "Content-Type": "text/plain" },
        data: "[]",
      }),
      403,
    ],
  ];
  for (const [what, response, status] of responses) {
    expect.soft(response.status(), what).toBe(status);
    expectSecurityHeaders(response, what);
  }
});

/** Collects CSP and Permissions-Policy complaints: console messages and securitypolicyviolation events. */
async function watchPolicyViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy|Permissions-Policy|policy violation/i.test(message.text()))
      violations.push(message.text());
  });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      console.log(`CSP policy violation: ${event.violatedDirective} ${event.blockedURI}`),
    ),
  );
  return violations;
}

test("the store's pages and their scripts run under the policy without a violation", async ({ page, request }) => {
  const violations = await watchPolicyViolations(page);
  const sitemap = await (await request.get("/sitemap.xml")).text();
  const locations = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
  const category = locations.find((path) => path.startsWith("/category/"))!;
  for (const path of ["/", category, "/search?q=tee", "/account/sign-in", "/cart"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  // Client code works under the policy: adding to the cart is a server action that opens the drawer.
  const [item] = await query<{ slug: string; variantId: string }>(
    `SELECT p.slug, v.id AS "variantId" FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
      WHERE p.status = 'ACTIVE'
        AND (SELECT SUM(l."onHand" - l.reserved) FROM "InventoryLevel" l WHERE l."variantId" = v.id) >= 5
      ORDER BY p.id DESC, v.position OFFSET 3 LIMIT 1`,
  );
  await page.goto(`/products/${item!.slug}?variant=${item!.variantId}`);
  await page.getByTestId("add-to-cart").filter({ visible: true }).click();
  await expect(page.getByRole("dialog", { name: "Your cart" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("form-action lets a form post be redirected to Stripe Checkout (Chromium applies form-action to redirects)", async ({
  page,
  request,
}) => {
  // The store's real policy on a stand-in shop page whose form post is answered, as placing an order with
  // Stripe is when JavaScript has not run, by a 303 to Stripe Checkout. Both origins are served by the test.
  const policy = (await request.get("/")).headers()["content-security-policy"]!;
  const reached = async (formAction: string) => {
    await page.unrouteAll();
    await page.route("http://shop.test/**", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({ status: 303, headers: { Location: "https://checkout.stripe.com/c/pay/cs_test_e2e" } })
        : route.fulfill({
            contentType: "text/html",
            headers: { "Content-Security-Policy": policy.replace(/form-action [^;]+/, formAction) },
            body: '<form method="post" action="/checkout/place"><button>Place order</button></form>',
          }),
    );
    await page.route("https://checkout.stripe.com/**", (route) =>
      route.fulfill({ contentType: "text/html", body: "<h1>Stripe Checkout stand-in</h1>" }),
    );
    await page.goto("http://shop.test/checkout/review");
    const violations = await watchPolicyViolations(page);
    await page.getByRole("button", { name: "Place order" }).click();
    await page
      .getByRole("heading", { name: "Stripe Checkout stand-in" })
      .waitFor({ timeout: 5_000 })
      .catch(() => {});
    return { url: page.url(), violations };
  };

  const store = await reached(/form-action [^;]+/.exec(policy)![0]);
  expect(store.url).toBe("https://checkout.stripe.com/c/pay/cs_test_e2e");
  expect(store.violations).toEqual([]);

  // The control: with form-action 'self' alone, Chromium stops the same redirect.
  const selfOnly = await reached("form-action 'self'");
  expect(selfOnly.url).not.toContain("checkout.stripe.com");
  expect(selfOnly.violations.join("\n")).toMatch(/form-action/);
});
