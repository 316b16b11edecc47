// Accounts for end-to-end tests: users are created straight in the store's database (a customer, a staff
// member) and sign in through next-auth's real endpoints, like the browser's sign-in form does.
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { query } from "./db";

// The admin that `npm start` creates on a fresh store (playwright.config.ts passes these to it).
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-1" };

/**
 * Sign-in is rate limited per IP (5 a minute). The e2e store trusts one proxy (TRUSTED_PROXY_HOPS=1), so each
 * test context presents its own client address and tests never throttle one another.
 */
export function uniqueClientIp(): string {
  const bytes = randomUUID().replace(/-/g, "");
  return `10.${parseInt(bytes.slice(0, 2), 16)}.${parseInt(bytes.slice(2, 4), 16)}.${parseInt(bytes.slice(4, 6), 16) || 1}`;
}

/** A verified account unless `emailVerified: false` (an unverified one sees the store's banner). */
export async function createUser(
  role: "CUSTOMER" | "STAFF" | "ADMIN",
  password = "correct-horse-battery-1",
  options: { mustChangePassword?: boolean; emailVerified?: boolean } = {},
): Promise<{ id: string; email: string; password: string }> {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@e2e.test`;
  const id = `e2e${randomUUID().replace(/-/g, "").slice(0, 21)}`;
  const hash = await bcrypt.hash(password, 4);
  await query(
    `INSERT INTO "User" (id, email, "passwordHash", role, "mustChangePassword", "emailVerified", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END, now())`,
    [id, email, hash, role, options.mustChangePassword ?? false, options.emailVerified ?? true],
  );
  return { id, email, password };
}

/** Signs an API request context in (it keeps the session cookie for later requests). */
export async function signInRequest(request: APIRequestContext, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok()).toBeTruthy();
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(email);
}

/**
 * Opens a page and waits until its streamed parts are revealed. Until React's batched reveal runs (up to
 * about 300 ms), a streamed part the browser already rendered can sit in the document a second time,
 * hidden (react/react#37014; components/ui/stream-settled.ts), and a strict locator would find both.
 * A part that never settles fails here.
 */
export async function gotoSettled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await streamSettled(page);
}

/** Waits until the current page's streamed parts are revealed (see gotoSettled), e.g. after a redirect. */
export async function streamSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('template[id^="B:"], div[hidden][id^="S:"]'));
}

/**
 * Signs in through the storefront's form, as a person would, and waits for the destination's streamed parts
 * (the account page streams), so callers can use strict locators there.
 */
export async function signInPage(page: Page, email: string, password: string, callbackUrl = "/account"): Promise<void> {
  await gotoSettled(page, `/account/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === callbackUrl.split("?")[0]);
  await streamSettled(page);
}
