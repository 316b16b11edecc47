import { defineConfig, devices } from "@playwright/test";
import { isCI } from "./tests/helpers/ci";
import { existsSync } from "node:fs";
import { e2eDataDir, e2ePort } from "./e2e/support/store";

// Playwright's own browser download cannot run here: tests drive the system Chromium (apt's chromium,
// installed by .ci/run). A missing browser fails the run; it is never skipped.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(executablePath)) {
  throw new Error(
    `Chromium not found at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
}

const ci = isCI();
const port = e2ePort;
const baseURL = `http://localhost:${port}`;
const dataDir = e2eDataDir(port);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  // Under CI a failed spec runs once more, only to tell a flake (passes on retry) from a breakage (fails
  // twice) in the report; failOnFlakyTests then fails the run for a flake too, so a spec that passed only
  // on its retry is a red build to look at, never a silent green. Specs restore what they change in
  // `finally`, so the retry starts from the same data as the first attempt.
  retries: ci ? 1 : 0,
  failOnFlakyTests: ci,
  forbidOnly: ci,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: ci ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  // The real store: embedded PostgreSQL with its own fresh data directory, migrations, demo catalog,
  // production build, the web server. Shoppers' flows run against exactly what `npm start` serves.
  webServer: {
    command: `rm -rf ${dataDir} && npx tsx scripts/start.ts`,
    url: baseURL,
    timeout: 600_000,
    reuseExistingServer: !ci,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(Number(process.env.E2E_PG_PORT ?? 54331)),
      MEILI_PORT: String(Number(process.env.E2E_MEILI_PORT ?? 7731)),
      PORT: String(port),
      SITE_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      // The tests play the reverse proxy: each browser context sends X-Forwarded-For with its own client
      // address (e2e/support/auth.ts uniqueClientIp), so per-IP limits apply per test, not to the whole run.
      // e2e/http-edge.spec.ts runs its own server with the default (0) to show that header is then ignored.
      TRUSTED_PROXY_HOPS: "1",
      // A search waits for the engine longer than a shopper's 1.5 s: on a loaded 2-core machine an engine
      // answer can take that long, and the PostgreSQL fallback would then answer where a spec checks the
      // engine's (e2e/search.spec.ts first of all).
      MEILI_SEARCH_TIMEOUT_MS: "30000",
      // The first admin of the fresh e2e store (e2e/support/auth.ts signs in with it).
      ADMIN_EMAIL: "admin@e2e.test",
      ADMIN_PASSWORD: "e2e-admin-password-1",
    },
  },
});
