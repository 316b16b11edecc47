// A guest's checkout in the browser, from a cart with items to the confirmation page: email, address,
// standard delivery, review, then the test payment page with the given card. Returns the order number.
// guestCheckoutToReview stops at the review step.
import { expect, type Page } from "@playwright/test";

export async function checkoutAsGuest(page: Page, email: string, cardNumber = "4242 4242 4242 4242"): Promise<string> {
  const visible = (testId: string) => page.getByTestId(testId).filter({ visible: true });
  await guestCheckoutToReview(page, email);
  await visible("place-order").click();
  await page.getByLabel("Card number").filter({ visible: true }).fill(cardNumber);
  await page.getByRole("button", { name: /^Pay / }).filter({ visible: true }).click();
  await expect(
    page.getByRole("heading", { name: "Thank you for your order!" }).filter({ visible: true }),
  ).toBeVisible();
  return ((await visible("order-number").textContent()) ?? "").replace("#", "");
}

/** From a cart with items to the review step (email, address, standard delivery), not placing the order. */
export async function guestCheckoutToReview(page: Page, email: string): Promise<void> {
  const visible = (testId: string) => page.getByTestId(testId).filter({ visible: true });
  await page.goto("/cart");
  await visible("checkout-link").click();
  await page.getByLabel("Email").filter({ visible: true }).fill(email);
  await page.getByRole("button", { name: "Continue to address" }).filter({ visible: true }).click();
  await page.getByLabel("First name").filter({ visible: true }).fill("Grace");
  await page.getByLabel("Last name").filter({ visible: true }).fill("Hopper");
  await page.getByLabel("Address", { exact: true }).filter({ visible: true }).fill("2 Navy Way");
  await page.getByLabel("City").filter({ visible: true }).fill("Arlington");
  await page.getByLabel("State / province / region").filter({ visible: true }).fill("VA");
  await page.getByLabel("Postal code").filter({ visible: true }).fill("22202");
  await page.getByLabel("Country").filter({ visible: true }).selectOption("US");
  await page.getByRole("button", { name: "Continue to delivery" }).filter({ visible: true }).click();
  await page.getByRole("button", { name: "Continue to review" }).filter({ visible: true }).click();
  await expect(visible("place-order")).toBeVisible();
}
