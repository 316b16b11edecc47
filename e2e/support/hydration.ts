// Waiting for the browser's copy of the page to take over. Playwright acts as soon as an element is visible,
// which on a loaded machine can be before React has hydrated it: a controlled input typed into then, or a
// form whose enhancement is attached in an effect, silently ignores the action, and the test waits for an
// outcome that never comes.
import { expect, type Locator } from "@playwright/test";

/** Resolves once React has hydrated this element: its props (and so its event handlers) are attached. */
export async function hydrated(element: Locator): Promise<void> {
  await expect
    .poll(() => element.evaluate((node) => Object.keys(node).some((key) => key.startsWith("__reactProps$"))), {
      message: "the element is hydrated",
    })
    .toBe(true);
}
