// Account emails and the address book in the browser: a forgotten password is reset through the link in
// the development mailbox (the same answer for an unknown email; the link works once; other sessions end;
// a fourth request for one address within the hour is refused, known or not), a new account confirms its
// email from the banner's link, and a saved address fills in checkout.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { query } from "./support/db";
import { createUser, gotoSettled, signInPage, uniqueClientIp } from "./support/auth";

const shown = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  return context.newPage();
}

/**
 * The path of the newest link in an email to `to` with this subject, read by signed-in staff from the
 * development mailbox (demo mode), as a person testing the store would.
 */
async function linkFromMailbox(staff: Page, to: string, subject: RegExp, path: string): Promise<string> {
  await gotoSettled(staff, "/dev/mail");
  const message = staff
    .getByTestId("mailbox")
    .locator("li")
    .filter({ hasText: `To ${to}` })
    .filter({ has: staff.getByRole("heading", { name: subject }) })
    .first();
  await expect(message).toBeVisible();
  const text = (await message.locator("pre").textContent()) ?? "";
  const link = new RegExp(`https?://\\S+(${path.replace(/\//g, "\\/")}\\?token=\\S+)`).exec(text);
  expect(link, `a ${path} link in the email to ${to}`).not.toBeNull();
  return link![1]!;
}

async function staffMailReader(browser: Browser): Promise<Page> {
  const staff = await createUser("STAFF");
  const page = await newPage(browser);
  await signInPage(page, staff.email, staff.password, "/account");
  return page;
}

test("a forgotten password is reset through the emailed link, once, and every other session ends", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const user = await createUser("CUSTOMER", "the-old-password-1");
  const elsewhere = await newPage(browser);
  const shopper = await newPage(browser);
  const staff = await staffMailReader(browser);
  const answer = /If an account exists for that email, we have sent it a link/;

  await test.step("another device is signed in", async () => {
    await signInPage(elsewhere, user.email, user.password, "/account");
    await expect(elsewhere.getByTestId("account-email").filter({ visible: true })).toContainText(user.email);
  });

  await test.step("an unknown email gets the same answer as a known one", async () => {
    await shopper.goto("/account/forgot-password");
    await shopper.getByLabel("Email").fill(`nobody-${Date.now()}@e2e.test`);
    await shopper.getByRole("button", { name: "Send me a reset link" }).click();
    await expect(shown(shopper, "reset-requested")).toHaveText(answer);
    const unknownAnswer = await shown(shopper, "reset-requested").textContent();

    await gotoSettled(shopper, "/account/sign-in");
    await shopper.getByRole("link", { name: "Forgot your password?" }).click();
    await shopper.waitForURL((url) => url.pathname === "/account/forgot-password");
    await expect(shopper.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await shopper.getByLabel("Email").filter({ visible: true }).fill(user.email);
    await shopper.getByRole("button", { name: "Send me a reset link" }).click();
    await expect(shown(shopper, "reset-requested")).toHaveText(unknownAnswer!);
  });

  const link = await test.step("the email is in the development mailbox", () =>
    linkFromMailbox(staff, user.email, /reset your password/, "/account/reset-password"));

  await test.step("the link sets a new password", async () => {
    await gotoSettled(shopper, link);
    // Only the visible copy: the clean-clone run once found the form twice in the document, one of them
    // hidden (rendered again in the browser while the server's copy was kept).
    const newPassword = shopper.getByLabel(/^New password/).filter({ visible: true });
    const repeat = shopper.getByLabel("Repeat the new password").filter({ visible: true });
    const submit = shopper.getByRole("button", { name: "Set new password" }).filter({ visible: true });
    await newPassword.fill("short");
    await repeat.fill("short");
    await submit.click();
    await expect(shopper.getByText("Use at least 10 characters.").filter({ visible: true })).toBeVisible();
    await newPassword.fill("a-brand-new-password-2");
    await repeat.fill("a-brand-new-password-2");
    await submit.click();
    await expect(shown(shopper, "password-reset-done")).toContainText("Your password has been changed");
  });

  await test.step("the link works only once", async () => {
    await shopper.goto(link);
    await expect(shown(shopper, "reset-link-invalid")).toContainText("expired or was already used");
  });

  await test.step("the other device's session has ended", async () => {
    await elsewhere.goto("/account");
    await elsewhere.waitForURL((url) => url.pathname === "/account/sign-in");
  });

  await test.step("the new password signs in, the old one no longer does", async () => {
    await gotoSettled(shopper, "/account/sign-in");
    await shopper.getByLabel("Email").fill(user.email);
    await shopper.getByLabel("Password", { exact: true }).fill("the-old-password-1");
    await shopper.getByRole("button", { name: "Sign in" }).click();
    await expect(shopper.getByText("Email or password is incorrect.")).toBeVisible();
    await signInPage(shopper, user.email, "a-brand-new-password-2", "/account");
    await expect(shopper.getByTestId("account-email").filter({ visible: true })).toContainText(user.email);
  });

  await Promise.all([elsewhere.context().close(), shopper.context().close(), staff.context().close()]);
});

test("reset links are limited per email: the fourth request within an hour is refused, known address or not", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const user = await createUser("CUSTOMER");
  // One browser, one client address: its 8 requests stay under the per-address limit (10 an hour), so
  // only the per-email limit (3 an hour, RATE_LIMIT_POLICIES.passwordReset) can refuse.
  const shopper = await newPage(browser);
  const answer = /If an account exists for that email, we have sent it a link/;

  async function ask(email: string) {
    await gotoSettled(shopper, "/account/forgot-password");
    await shopper.getByLabel("Email").filter({ visible: true }).fill(email);
    await shopper.getByRole("button", { name: "Send me a reset link" }).click();
  }

  const emails = [user.email, `nobody-limited-${Date.now()}@e2e.test`];
  for (const email of emails) {
    await test.step(`three requests for ${email} are answered, the fourth refused`, async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        await ask(email);
        await expect(shown(shopper, "reset-requested")).toHaveText(answer);
      }
      await ask(email);
      // The same refusal whether the address has an account or not: it tells nothing about the account.
      await expect(shopper.getByText(/^Too many attempts\. Try again in \d+ minutes\.$/)).toBeVisible();
      await expect(shown(shopper, "reset-requested")).toHaveCount(0);
    });
  }
  // Three emails queued per address (the worker sends only the account's), none for a refused request.
  for (const email of emails) {
    const [{ count }] = (await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "OutboxEvent" WHERE topic = 'email.password_reset' AND payload->>'email' = $1`,
      [email],
    )) as [{ count: number }];
    expect(count, email).toBe(3);
  }
  await shopper.context().close();
});

test("a new account sees the banner, confirms its email from the link, and the banner goes", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const page = await newPage(browser);
  const staff = await staffMailReader(browser);
  const email = `verify-${Date.now()}@e2e.test`;

  await test.step("sign up", async () => {
    await gotoSettled(page, "/account/sign-up");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a-good-long-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/account");
  });

  await test.step("the banner asks to confirm, and resends", async () => {
    await page.goto("/");
    const banner = shown(page, "verify-email-banner");
    await expect(banner).toContainText(`we sent a link to ${email}`);
    await banner.getByRole("button", { name: "Resend the email" }).click();
    await expect(banner).toContainText("Sent. Check your inbox.");
  });

  await test.step("the page is the same for this account as for a guest: the banner is an island", async () => {
    // The store layout reads nothing per visitor (catalog pages are served from the cache): the HTML of
    // the home page carries neither the banner nor the email, and the banner's endpoint answers per visitor.
    const html = await (await page.request.get("/")).text();
    expect(html).not.toContain(email);
    expect(html).not.toContain(`data-testid="verify-email-banner"`);
    const mine = await page.request.get("/api/account/email-status");
    expect(mine.status()).toBe(200);
    expect(mine.headers()["cache-control"]).toContain("no-store");
    expect(await mine.json()).toEqual({ unconfirmedEmail: email });
    const guest = await request.get("/api/account/email-status"); // a client with no cookies
    expect(await guest.json()).toEqual({ unconfirmedEmail: null });
    const garbage = await request.get("/api/account/email-status", {
      headers: { cookie: "next-auth.session-token=not-a-token; next-auth.callback-url=%E0%A4%A" },
    });
    expect(garbage.status()).toBe(200);
    expect(await garbage.json()).toEqual({ unconfirmedEmail: null });
  });

  const link = await test.step("the confirmation email is in the development mailbox", () =>
    linkFromMailbox(staff, email, /confirm your email address/, "/account/verify-email"));

  await test.step("the link confirms the address; the banner is gone", async () => {
    await gotoSettled(page, link);
    await expect(shown(page, "verify-email-banner")).toBeVisible();
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(shown(page, "email-verified")).toContainText(`${email} is confirmed`);
    // The layout's banner stays mounted while the page refreshes: the form tells it to ask again.
    await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);
    const [user] = await query<{ verified: boolean }>(
      `SELECT "emailVerified" IS NOT NULL AS verified FROM "User" WHERE email = $1`,
      [email],
    );
    expect(user?.verified).toBe(true);
    await page.goto("/");
    await expect(page.getByRole("heading").first()).toBeVisible();
    await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);
  });

  await Promise.all([page.context().close(), staff.context().close()]);
});

test("an address saved in the account fills in checkout's address step", async ({ browser }) => {
  test.setTimeout(120_000);
  const user = await createUser("CUSTOMER");
  const page = await newPage(browser);
  await signInPage(page, user.email, user.password, "/account");

  await test.step("add an address in the address book", async () => {
    await page.getByRole("button", { name: "Add an address" }).click();
    const form = page.getByRole("form", { name: "New address" });
    await form.getByRole("button", { name: "Save address" }).click();
    await expect(form.getByText("First name is required.")).toBeVisible();
    await form.getByLabel("First name").fill("Katherine");
    await form.getByLabel("Last name").fill("Johnson");
    // The label reads "Address Address is required." while its error shows.
    await form.getByLabel(/^Address/).fill("1 Langley Blvd");
    await form.getByLabel("City").fill("Hampton");
    await form.getByLabel("State / province / region").fill("VA");
    await form.getByLabel("Postal code").fill("23666");
    await form.getByLabel("Country").selectOption("US");
    await form.getByRole("button", { name: "Save address" }).click();
    const saved = page.getByTestId("saved-address");
    await expect(saved).toHaveCount(1);
    await expect(saved).toContainText("1 Langley Blvd");
    await expect(saved).toContainText("Default");
  });

  await test.step("checkout's address step is filled in with it", async () => {
    const [item] = await query<{ slug: string; variantId: string }>(
      `SELECT p.slug, v.id AS "variantId" FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
        WHERE p.status = 'ACTIVE'
          AND (SELECT SUM(l."onHand" - l.reserved) FROM "InventoryLevel" l WHERE l."variantId" = v.id) >= 5
        ORDER BY p.id DESC, v.position OFFSET 150 LIMIT 1`,
    );
    await page.goto(`/products/${item!.slug}?variant=${item!.variantId}`);
    await shown(page, "add-to-cart").click();
    await expect(shown(page, "add-to-cart-status")).toContainText("Added to your cart");
    await page.goto("/cart");
    await shown(page, "checkout-link").click();
    await page.getByLabel("Email").filter({ visible: true }).fill(user.email);
    await page.getByRole("button", { name: "Continue to address" }).filter({ visible: true }).click();
    await expect(page.getByLabel("First name").filter({ visible: true })).toHaveValue("Katherine");
    await expect(page.getByLabel("Last name").filter({ visible: true })).toHaveValue("Johnson");
    await expect(page.getByLabel("Address", { exact: true }).filter({ visible: true })).toHaveValue("1 Langley Blvd");
    await expect(page.getByLabel("City").filter({ visible: true })).toHaveValue("Hampton");
    await expect(page.getByLabel("Postal code").filter({ visible: true })).toHaveValue("23666");
    await expect(page.getByLabel("Country").filter({ visible: true })).toHaveValue("US");
    await page.getByRole("button", { name: "Continue to delivery" }).filter({ visible: true }).click();
    await expect(page.getByRole("button", { name: "Continue to review" }).filter({ visible: true })).toBeVisible();
  });

  await page.context().close();
});
