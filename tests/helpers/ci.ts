// What "CI" means for the suite, in one place. CI services set CI to "true" (GitHub Actions, GitLab) or
// "1" (some others); any value except "", "0" and "false" counts. Under CI every part of the suite
// (PostgreSQL, Meilisearch, Redis, Chromium) must be present: a missing part fails the run instead of
// skipping the tests that need it. Outside CI such tests are skipped with a message saying why.

export function isCI(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

/**
 * Reports a part the suite needs but cannot run here: throws under CI, otherwise warns and returns false
 * (for describe.skipIf / test.skip). `why` says what is missing and how to get it.
 */
export function missingPart(why: string): false {
  if (isCI()) throw new Error(`${why}. Under CI every part of the suite must run; nothing is skipped.`);
  console.warn(`${why}: skipping the tests that need it (this would fail under CI).`);
  return false;
}
